{
    "name": "Sales Appraisal (Targets, Activity Indicators)",
    "summary": "Sales targets broken down year → quarter → month and company → team → "
    "salesperson from the business plan, activity indicators (calls, visits, "
    "quotations, opportunities) and achievements measured by the sales_qms "
    "indicator engine",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales Appraisal",
    "author": "Sales QMS Team",
    "website": "https://github.com/sales-qms/sales-qms",
    "license": "LGPL-3",
    "depends": ["sales_qms", "hr"],
    "data": [
        "security/sales_appraisal_security.xml",
        "security/ir.model.access.csv",
        "views/sales_appraisal_target_views.xml",
        "data/ir_sequence_data.xml",
        "views/sales_appraisal_target_line_views.xml",
        "views/sales_appraisal_target_revision_views.xml",
        "wizard/sales_appraisal_target_wizard_views.xml",
        "data/mail_activity_type_data.xml",
        # activity indicators and achievements
        "data/sales_appraisal_indicator_data.xml",
        "data/sales_appraisal_achievement_data.xml",
        "views/sales_appraisal_activity_views.xml",
        "views/sales_appraisal_achievement_views.xml",
        # menus last
        "views/sales_appraisal_menus.xml",
    ],
    "demo": [
        # the trees first: the activity demo refreshes their achievements
        "demo/sales_appraisal_target_demo.xml",
        "demo/sales_appraisal_activity_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sales_appraisal/static/tests/tours/sales_appraisal_target_tour.js",
        ],
    },
    "application": True,
    "installable": True,
}
