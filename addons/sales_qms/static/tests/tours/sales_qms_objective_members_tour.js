/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sales_qms_objective_members_tour", {
    url: "/odoo/quality-objectives",
    steps: () => [
        {
            trigger: ".o-kanban-button-new",
            content: "Create a quality objective",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            content: "Name the department's objective",
            run: "edit Tour: orders of every salesperson",
        },
        {
            trigger: ".o_field_widget[name=indicator_id] input",
            content: "Choose what is measured",
            run: "edit Confirmed Orders",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Confirmed Orders')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=target] input",
            content: "Set the monthly target",
            run: "edit 2",
        },
        {
            trigger: ".o_field_widget[name=scope_type] input[data-value=team]",
            content: "Measured on a sales team",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=team_id] input",
            content: "Choose the team",
            run: "edit Tour Department",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour Department')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=member_scope] select",
            content: "One objective for each salesperson of the team",
            run: 'select "user"',
        },
        {
            trigger: ".o_form_button_save",
            content: "Save: the members' objectives are created",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            trigger: ".o_notebook a:contains('Members')",
            content: "See the members' objectives",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=child_ids] .o_data_row:contains('Tour Member One')",
            content: "One objective for the first salesperson",
        },
        {
            trigger: ".o_field_widget[name=child_ids] .o_data_row:contains('Tour Member Two')",
            content: "and one for the second",
        },
    ],
});
