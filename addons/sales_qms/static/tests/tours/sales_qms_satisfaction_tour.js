/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sales_qms_satisfaction_tour", {
    url: "/odoo/satisfaction-campaigns",
    steps: () => [
        {
            trigger: ".o_data_row td:contains('Tour: customer satisfaction')",
            content: "Open the campaign prepared by the quality representative",
            run: "click",
        },
        {
            trigger: "button[name=action_launch]:contains('Launch')",
            content: "Launch it: every customer gets a personal invitation",
            run: "click",
        },
        {
            trigger: ".modal-footer .btn-primary",
            content: "Confirm",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Running')",
            content: "The campaign is running",
        },
        {
            trigger: ".o_notebook .nav-link:contains('Summary and Benchmarks')",
            content: "Read the summary and benchmark table",
            run: "click",
        },
        {
            trigger: ".o_sales_qms_benchmark_table td:contains('Product Quality')",
            content: "One row per dimension",
        },
        {
            trigger: ".o_sales_qms_benchmark_table th:contains('Tour competitor')",
            content: "One column per benchmark",
        },
    ],
});
