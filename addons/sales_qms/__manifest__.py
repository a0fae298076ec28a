{
    "name": "Sales Quality Management (ISO 9001)",
    "summary": "Quality policy, quality objectives measured from real sales data, "
    "indicator engine and XLSX ledgers for an ISO 9001 sales department",
    "version": "18.0.2.0.0",
    "category": "Sales/Quality Management",
    "author": "Sales QMS Team",
    "website": "https://github.com/sales-qms/sales-qms",
    "license": "LGPL-3",
    "depends": ["sale_management", "crm", "survey", "mail"],
    "data": [
        "security/sales_qms_security.xml",
        "security/ir.model.access.csv",
        "data/sales_qms_indicator_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/sales_qms_policy_views.xml",
        "views/sales_qms_indicator_views.xml",
        "views/sales_qms_fiscal_year_views.xml",
        "views/sales_qms_period_views.xml",
        "views/sales_qms_measurement_views.xml",
        "views/sale_order_views.xml",
        "views/sales_qms_objective_views.xml",
        "wizard/sales_qms_measurement_correct_views.xml",
        "views/sales_qms_menus.xml",
    ],
    "demo": [
        "demo/sales_qms_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sales_qms/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
