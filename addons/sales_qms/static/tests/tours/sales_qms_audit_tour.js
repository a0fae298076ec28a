/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sales_qms_audit_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('In Progress')",
            content: "The lead auditor opens the audit being carried out",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row:first-child td[name=question]",
            content: "Open the first question of the checklist",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=result] select",
            content: "Record a minor nonconformity",
            run: 'select "minor_nc"',
        },
        {
            trigger: ".modal .o_field_widget[name=evidence] textarea",
            content: "Record the evidence",
            run: "edit Order S00042 confirmed two days before its contract review was signed",
        },
        {
            trigger: ".modal .o_form_button_save",
            content: "Save the finding",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row:first-child button[name=action_raise_nonconformity]",
            content: "Raise the nonconformity of the finding",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name]:contains('NC/')",
            content: "The nonconformity report is open",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=description]:contains('two days before')",
            content: "It carries the evidence of the finding",
        },
        {
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Draft')",
        },
    ],
});
