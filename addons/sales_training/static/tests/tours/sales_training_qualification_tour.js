/** @odoo-module **/

import { registry } from "@web/core/registry";

// A training manager opens a new hire who passed one of the two pre-job
// courses, records the pass of the last one and sees them become qualified.
registry.category("web_tour.tours").add("sales_training_qualification_tour", {
    steps: () => [
        {
            trigger: ".o_sales_training_qualification .badge.text-bg-danger:contains('Not Yet Qualified')",
            content: "The new hire is not yet qualified for the post",
        },
        {
            trigger: ".o_notebook .nav-link[name=qualification]",
            content: "Open the qualification tab",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=missing_course_ids]:contains('Tour Product Knowledge')",
            content: "The course still to pass is listed",
        },
        {
            trigger: ".o_field_widget[name=training_attendance_ids] .o_data_row:contains('Tour Product Knowledge') .o_sales_training_record_pass",
            content: "Record the pass of the last required course",
            run: "click",
        },
        {
            trigger: ".o_sales_training_qualification .badge.text-bg-success:contains('Qualified')",
            content: "The new hire is now qualified",
        },
        {
            trigger: ".o_field_widget[name=certification_ids] .o_data_row:contains('Tour Product Knowledge')",
            content: "The certification is granted",
        },
    ],
});

// An employee without HR rights opens their own public profile: their badge
// and their training record are there (the button box may fold the
// certification count under "More").
registry.category("web_tour.tours").add("sales_training_own_qualification_tour", {
    steps: () => [
        {
            trigger: ".o_sales_training_qualification .badge.text-bg-danger:contains('Not Yet Qualified')",
            content: "The employee sees they are not yet qualified",
        },
        {
            trigger: ".o_form_view button[name=action_download_training_record]",
            content: "Their training record (员工培训档案) can be downloaded",
        },
    ],
});
