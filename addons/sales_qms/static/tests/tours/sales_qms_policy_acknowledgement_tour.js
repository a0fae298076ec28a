/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sales_qms_policy_acknowledgement_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name=content]:contains('zero defects')",
            content: "The salesperson reads the quality policy now in force",
        },
        {
            trigger: ".o_form_view button[name=action_acknowledge]",
            content: "Confirm having read it",
            run: "click",
        },
        {
            trigger: ".o_form_view:not(:has(button[name=action_acknowledge]))",
            content: "Nothing left to confirm",
        },
    ],
});
