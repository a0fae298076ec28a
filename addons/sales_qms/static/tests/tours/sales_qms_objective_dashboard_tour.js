/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sales_qms_objective_dashboard_tour", {
    url: "/odoo/quality-dashboard",
    steps: () => [
        {
            trigger: ".o_sales_qms_dashboard_grid .o_sales_qms_dashboard_row:contains('Tour dashboard: orders')",
            content: "The dashboard lists the objectives of the year",
        },
        {
            trigger: ".o_sales_qms_dashboard_row:contains('Tour dashboard: amount')",
        },
        {
            trigger: ".o_sales_qms_dashboard_row:contains('Tour dashboard: amount') .o_sales_qms_year_on_year_button",
            content: "Compare the amount with last year",
            run: "click",
        },
        {
            trigger: ".o_sales_qms_year_on_year:contains('Tour dashboard: amount') canvas",
            content: "This year and last year, month by month",
        },
        {
            trigger: ".o_sales_qms_year_on_year_close",
            run: "click",
        },
        {
            trigger: ".o_sales_qms_dashboard:not(:has(.o_sales_qms_year_on_year))",
        },
        {
            trigger: "select.o_sales_qms_filter_indicator",
            content: "Show the objectives on confirmed orders only",
            run: "selectByLabel Confirmed Orders",
        },
        {
            trigger: ".o_sales_qms_dashboard_grid:not(:has(.o_sales_qms_dashboard_row:contains('Tour dashboard: amount')))",
            content: "The amount objective is filtered out",
        },
        {
            trigger: ".o_sales_qms_dashboard_row:contains('Tour dashboard: orders') td.o_sales_qms_cell_month.o_sales_qms_status_not_met:first",
            content: "Open a month not met",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=objective_id]:contains('Tour dashboard: orders')",
            content: "The month's measurement is open",
        },
        {
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Not met')",
        },
        {
            trigger: ".o_form_view button[name=action_drilldown]",
            content: "From there, the records behind the number",
        },
    ],
});

registry.category("web_tour.tours").add("sales_qms_objective_year_on_year_tour", {
    steps: () => [
        {
            trigger: ".o_form_view button[name=action_open_year_on_year]",
            content: "Compare the objective with last year",
            run: "click",
        },
        {
            trigger: ".o_sales_qms_year_on_year:contains('Tour dashboard: orders') canvas",
            content: "The dashboard opens with the objective's year-on-year graph",
        },
        {
            trigger: ".o_sales_qms_year_on_year_table tbody tr:eq(11)",
            content: "Twelve months side by side",
        },
    ],
});
