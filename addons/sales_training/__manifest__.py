{
    "name": "Sales Training (Courses, Sessions, Qualification)",
    "summary": "Course catalogue, training requirements by job, annual training plans, "
    "sessions and attendance, exams on surveys, effectiveness evaluation, pre-job "
    "training that gates qualification and certification expiry, measured by the "
    "sales_qms indicator engine",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales Training",
    "author": "Sales QMS Team",
    "website": "https://github.com/sales-qms/sales-qms",
    "license": "LGPL-3",
    "depends": ["sales_qms", "hr", "survey"],
    "data": [
        "security/sales_training_security.xml",
        "security/ir.model.access.csv",
        "data/sales_training_session_data.xml",
        "data/sales_training_indicator_data.xml",
        "views/sales_training_course_views.xml",
        "views/sales_training_session_views.xml",
        "views/sales_qms_objective_views.xml",
        "views/sales_training_requirement_views.xml",
        "views/sales_training_plan_views.xml",
        "views/sales_training_attendance_views.xml",
        "report/sales_training_session_reports.xml",
        "security/sales_training_qualification_security.xml",
        "data/sales_training_qualification_data.xml",
        "views/sales_training_certification_views.xml",
        "views/sales_training_qualification_exception_views.xml",
        "views/hr_employee_views.xml",
        "views/sales_training_competence_matrix_views.xml",
        "views/sales_training_session_qualification_views.xml",
        # menus last
        "views/sales_training_menus.xml",
    ],
    "demo": [
        "demo/sales_training_demo.xml",
        "demo/sales_training_qualification_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sales_training/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
