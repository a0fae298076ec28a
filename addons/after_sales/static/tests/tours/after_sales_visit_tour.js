/** @odoo-module **/

import { registry } from "@web/core/registry";

// The customer of the test sits at 31.2304 N, 121.4737 E; the phone says it
// is 0.0027 deg north of it, about 300 m away.
const POSITION = { latitude: 31.2331, longitude: 121.4737, accuracy: 10 };

registry.category("web_tour.tours").add("after_sales_visit_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Planned')",
            content: "The salesperson opens the planned visit",
        },
        {
            trigger: ".o_after_sales_check_in_button",
            content: "Check in at the customer (the phone's position is mocked)",
            run(helpers) {
                navigator.geolocation.getCurrentPosition = (success) =>
                    success({ coords: POSITION, timestamp: Date.now() });
                helpers.click();
            },
        },
        {
            trigger: ".o_field_widget[name=check_in_distance]:contains('300')",
            content: "The distance to the customer is shown",
        },
        {
            trigger: ".o_field_widget[name=issue_ids] .o_field_x2many_list_row_add a",
            content: "Add an issue the customer raised",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=issue_ids] .o_data_row td[name=category] select",
            run: 'select "delivery"',
        },
        {
            trigger: ".o_field_widget[name=issue_ids] .o_data_row td[name=description] textarea",
            run: "edit 交期太长，希望缩短到十天",
        },
        {
            trigger: ".o_field_widget[name=issue_ids] .o_data_row td[name=answer] textarea",
            run: "edit 回公司与生产计划部评估后答复",
        },
        {
            trigger: ".o_field_widget[name=rating] select",
            content: "Record the customer's rating",
            run: 'select "5"',
        },
        {
            trigger: ".o_form_view button[name=action_done]",
            content: "Mark the visit done",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Done')",
        },
        {
            trigger: ".o_form_view .ribbon:contains('Verified')",
            content: "The visit is verified by its check-in",
        },
        {
            trigger: ".o_field_widget[name=issue_ids] .o_data_row button[name=action_create_complaint]",
            content: "The customer expects an answer: the issue becomes a complaint",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=visit_issue_ids]:contains('交期太长')",
            content: "The complaint opens with the customer's words",
        },
    ],
});
