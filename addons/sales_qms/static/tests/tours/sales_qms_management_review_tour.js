/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sales_qms_management_review_tour", {
    url: "/odoo/management-reviews",
    steps: () => [
        {
            trigger: ".o_list_button_add",
            content: "Plan a management review",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=title] input",
            content: "Give it a title",
            run: "edit Tour: annual management review",
        },
        {
            trigger: ".o_form_button_save",
            content: "Save the review",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            trigger: "button[name=action_gather_inputs]:contains('Gather Inputs')",
            content: "Gather the inputs from the records",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=input_ids] .o_data_row:contains('Orders confirmed')",
            content: "The inputs are read from the records",
        },
        {
            trigger: ".o_notebook a.nav-link:contains('Decisions')",
            content: "Record the decisions",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=decision_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=decision_ids] .o_data_row .o_field_widget[name=description] textarea",
            run: "edit Tour: open two distributors in the south",
        },
        {
            trigger: ".o_field_widget[name=decision_ids] .o_data_row .o_field_widget[name=responsible_id] input",
            run: "edit Tour Representative",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour Representative')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=decision_ids] .o_data_row .o_field_widget[name=deadline] input",
            run: "edit 12/31/2099",
        },
        {
            trigger: ".o_form_button_save",
            content: "Save the decisions",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            trigger: "button[name=action_hold]",
            content: "The meeting took place",
            run: "click",
        },
        {
            trigger: ".modal-footer .btn-primary",
            content: "Confirm: the review is frozen from now on",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Held')",
            content: "The review is held",
        },
        {
            trigger: "button[name=action_signoff_prepare]",
            content: "编制: hand the report over for review",
            run: "click",
        },
        {
            trigger: "button[name=action_signoff_return]",
            content: "The report waits for its reviewer",
        },
    ],
});

// 审核 and 批准, each by its signer from the review's form
for (const [step, done] of [
    ["review", "button[name=action_signoff_return]"],
    ["approve", "button[name=action_signoff_new_version]"],
]) {
    registry.category("web_tour.tours").add(`sales_qms_management_review_${step}_tour`, {
        steps: () => [
            {
                trigger: `button[name=action_signoff_${step}]`,
                content: `Sign the report (${step})`,
                run: "click",
            },
            {
                trigger: `.o_statusbar_buttons:not(:has(button[name=action_signoff_${step}])) ${done}`,
                content: "Signed: the button is gone",
            },
        ],
    });
}
