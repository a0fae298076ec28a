{
    "name": "Sales Appraisal: After-Sales Visits",
    "summary": "Verified customer visits of After-Sales count as customer meetings "
    "in the activity indicators of Sales Appraisal",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales Appraisal",
    "author": "Sales QMS Team",
    "website": "https://github.com/sales-qms/sales-qms",
    "license": "LGPL-3",
    "depends": ["sales_appraisal", "after_sales"],
    "data": [],
    "auto_install": True,
    "installable": True,
    "uninstall_hook": "uninstall_hook",
}
