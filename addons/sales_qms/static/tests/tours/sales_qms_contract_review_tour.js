/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sales_qms_contract_review_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .alert:contains('needs a contract review')",
            content: "The quotation needs a contract review before confirmation",
        },
        {
            trigger: ".o_form_view button[name=action_qms_confirm]",
            content: "Try to confirm the quotation",
            run: "click",
        },
        {
            trigger: ".o_notification:contains('cannot be confirmed yet')",
            content: "The review is requested instead",
        },
        {
            trigger: ".o_form_view .alert:contains('is waiting for')",
        },
        {
            trigger: ".o_form_view button[name=action_qms_confirm]",
            content: "Try again while the review is pending",
            run: "click",
        },
        {
            trigger: ".modal .modal-body:contains('is waiting for Sales, Quality')",
            content: "The confirmation is refused, naming the missing roles",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            trigger: ".o_form_view button[name=action_qms_view_reviews]",
            content: "Open the contract review",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Pending')",
        },
        {
            trigger: ".o_notebook a.nav-link:contains('Checklist')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=answer_ids] .o_data_row:first-child td[name=result]",
            content: "Answer the checklist item",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=answer_ids] .o_data_row:first-child .o_field_widget[name=result] select",
            run: 'select "ok"',
        },
        {
            trigger: ".o_form_view button[name=action_answer_ok]",
            content: "Approve every role of the review",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Approved')",
        },
        {
            trigger: ".o_form_view button[name=action_view_order]",
            content: "Back to the quotation",
            run: "click",
        },
        {
            trigger: ".o_form_view:not(:has(.alert:contains('contract review')))",
        },
        {
            trigger: ".o_form_view .o_form_statusbar button[name=action_confirm]",
            content: "Confirm the reviewed quotation",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Sales Order')",
        },
    ],
});
