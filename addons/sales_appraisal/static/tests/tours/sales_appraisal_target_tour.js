/** @odoo-module **/

import { registry } from "@web/core/registry";

// The tree of the test: 1,200,000 for the company, two teams, three people.
// Split evenly, Tour Li gets 25,000.00 a month; a typo in her March makes her
// first quarter 77,000.00 instead of 75,000.00, which the confirmation names.
const LI_MARCH = ".o_field_widget[name=line_ids] .o_data_row:contains('Tour Li') td[name=month_03]";

registry.category("web_tour.tours").add("sales_appraisal_target_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Draft')",
            content: "The sales manager opens the draft target tree",
        },
        {
            trigger: ".o_form_view button[name=action_open_split]",
            content: "Split the year's target",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=time_method] input[data-value=even]:checked",
            content: "Even over the months, even between teams and people by default",
        },
        {
            trigger: ".modal button[name=action_split]",
            run: "click",
        },
        {
            trigger: `${LI_MARCH}:contains('25,000.00')`,
            content: "Each salesperson of the two-people team gets 25,000.00 a month",
        },
        {
            trigger: LI_MARCH,
            content: "Type March by hand, with a typo",
            run: "click",
        },
        {
            trigger: `${LI_MARCH} input`,
            run: "edit 27000",
        },
        {
            trigger: ".o_form_view button[name=action_confirm]",
            content: "Confirm the tree",
            run: "click",
        },
        {
            trigger: ".modal:contains('Tour Li Q1: months total 77,000.00, expected 75,000.00 (difference 2,000.00)')",
            content: "The confirmation names the row, the column and the gap",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: `${LI_MARCH}:contains('27,000.00')`,
            content: "Fix the cell the message pointed to",
            run: "click",
        },
        {
            trigger: `${LI_MARCH} input`,
            run: "edit 25000",
        },
        {
            trigger: ".o_form_view button[name=action_confirm]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Confirmed')",
            content: "The balanced tree is confirmed",
        },
    ],
});
