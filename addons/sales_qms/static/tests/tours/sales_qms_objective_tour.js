/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sales_qms_objective_tour", {
    url: "/odoo/quality-objectives",
    steps: () => [
        {
            trigger: ".o-kanban-button-new",
            content: "Create a quality objective",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            content: "Name the objective",
            run: "edit Tour: at least one order a month",
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
            run: "edit 1",
        },
        {
            trigger: ".o_form_button_save",
            content: "Save the objective",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            trigger: "button[name=action_compute]",
            content: "Measure it now",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=month_measurement_ids] .o_data_row:nth-child(12)",
            content: "The twelve months are measured",
        },
        {
            trigger: ".o_field_widget[name=status] button.o_arrow_button_current:contains('Met')",
            content: "The objective is met",
        },
    ],
});
