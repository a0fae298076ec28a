/** @odoo-module **/

import { registry } from "@web/core/registry";

const row = (name) => `.o_field_widget[name=attendance_ids] .o_data_row:contains('${name}')`;

// The trainer opens an upcoming (invited) session, takes the attendance,
// holds the session and sends the exam.
registry.category("web_tour.tours").add("sales_training_session_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Invited')",
            content: "The trainer opens the upcoming session",
        },
        {
            trigger: `${row("Tour Emp A")} button[name=action_mark_present]`,
            content: "Tour Emp A is present",
            run: "click",
        },
        {
            trigger: `${row("Tour Emp A")} td[name=attendance_state]:contains('Present')`,
        },
        {
            trigger: `${row("Tour Emp B")} button[name=action_mark_late]`,
            content: "Tour Emp B came late",
            run: "click",
        },
        {
            trigger: `${row("Tour Emp B")} td[name=attendance_state]:contains('Late')`,
        },
        {
            trigger: `${row("Tour Emp C")} button[name=action_mark_absent]`,
            content: "Tour Emp C is absent",
            run: "click",
        },
        {
            trigger: `${row("Tour Emp C")} td[name=attendance_state]:contains('Absent')`,
        },
        {
            trigger: ".o_form_view button[name=action_done]",
            content: "Mark the session as held",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Held')",
        },
        {
            trigger: ".o_form_view button[name=action_send_exam]:contains('Send Exam')",
            content: "Send the exam to those present",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_send_exam]:contains('New Attendees')",
            content: "The exam is sent",
        },
    ],
});

// Later, the attendees have answered: the trainer fetches the results and
// sees who passed.
registry.category("web_tour.tours").add("sales_training_session_results_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Held')",
            content: "The trainer opens the held session",
        },
        {
            trigger: ".o_form_view button[name=action_fetch_results]",
            content: "Fetch the results of the exam",
            run: "click",
        },
        {
            trigger: `${row("Tour Emp A")} td[name=exam_score]:contains('66.67')`,
            content: "Tour Emp A scored 66.67 %",
        },
        {
            trigger: `${row("Tour Emp A")} td[name=passed] input:checked`,
            content: "and passed",
        },
        {
            trigger: `${row("Tour Emp B")} td[name=exam_score]:contains('50.00')`,
            content: "Tour Emp B scored 50 %",
        },
        {
            trigger: `${row("Tour Emp B")} td[name=passed] input:not(:checked)`,
            content: "and failed",
        },
    ],
});
