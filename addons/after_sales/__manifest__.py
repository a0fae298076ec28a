{
    "name": "After-Sales Service (Return Visits, Complaints)",
    "summary": "Annual return-visit plans and verified visits, customer complaints "
    "with an SLA on working hours, 8D handling and the customer's confirmation, "
    "measured by the sales_qms indicator engine",
    "version": "18.0.1.0.0",
    "category": "Sales/After-Sales",
    "author": "Sales QMS Team",
    "website": "https://github.com/sales-qms/sales-qms",
    "license": "LGPL-3",
    "depends": ["sales_qms", "sale_stock", "resource"],
    "data": [
        "security/after_sales_security.xml",
        "security/ir.model.access.csv",
        # return visits
        "data/after_sales_visit_data.xml",
        "data/after_sales_indicator_visit_data.xml",
        "views/after_sales_visit_views.xml",
        "views/after_sales_visit_plan_views.xml",
        "views/res_config_settings_views.xml",
        # complaints (客诉)
        "data/after_sales_complaint_data.xml",
        "data/after_sales_indicator_complaint_data.xml",
        "report/after_sales_complaint_reports.xml",
        "views/after_sales_complaint_views.xml",
        "views/after_sales_complaint_templates.xml",
        "views/sales_qms_objective_views.xml",
        # menus last
        "views/after_sales_menus.xml",
    ],
    "demo": [
        # return visits
        "demo/after_sales_visit_demo.xml",
        # complaints (客诉)
        "demo/after_sales_complaint_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "after_sales/static/src/**/*",
        ],
        "web.assets_tests": [
            "after_sales/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
