import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("after_sales_complaint_tour", {
    steps: () => [
        {
            content: "The resolution is shown to the customer",
            trigger: ".o_after_sales_confirmation:contains('已更换整批阀块并承担运费')",
        },
        {
            content: "Rate the handling 4 out of 5",
            trigger: "input[name='rating'][value='4']",
            run: "click",
        },
        {
            content: "Leave a comment",
            trigger: "textarea[name='comment']",
            run: "edit 处理及时",
        },
        {
            content: "Confirm the resolution",
            trigger: "button.o_confirm_resolution",
            run: "click",
        },
        {
            content: "The thank-you page",
            trigger: ".o_after_sales_confirmation_done",
        },
    ],
});
