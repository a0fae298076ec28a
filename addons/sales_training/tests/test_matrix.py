import io
from datetime import date

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_qualification import QualificationCommon

# the matrix's filters, its department's subtree, employees, requirements,
# courses, certifications, enrolments, then the departments shown (read twice:
# the subtree search reads their parent path, the display their name)
MATRIX_QUERIES = 9


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10")
class TestCompetenceMatrix(QualificationCommon):
    def _matrix(self, user=None, **values):
        Matrix = self.env["sales.training.competence.matrix"].with_user(
            user or self.user_training_manager
        )
        return Matrix.with_company(self.company).create(
            dict({"company_id": self.company.id}, **values)
        )

    def test_statuses(self):
        done = self._create_rep("Done")
        self._pass(done, self.course_product, date(2026, 3, 1))
        self._pass(done, self.course_qms, date(2026, 3, 1))
        expired = self._create_rep("Expired")
        self._pass(expired, self.course_product, date(2025, 1, 5))  # ran out in January
        missing = self._create_rep("Missing")
        # the enrolment of the product course is past its deadline: missing
        self.env["sales.training.attendance"].search(
            [
                ("employee_id", "=", missing.id),
                ("course_id", "=", self.course_product.id),
            ]
        ).deadline = date(2026, 3, 1)
        self._create_rep("Driver", job=self.job_free)  # nothing required: no row
        employees, courses, cells = self._matrix()._get_matrix()
        self.assertEqual(set(employees.mapped("name")), {"Done", "Expired", "Missing"})
        self.assertEqual(courses, self.course_product | self.course_qms)
        P, Q = self.course_product.id, self.course_qms.id
        self.assertEqual(
            cells,
            {
                (done.id, P): "done",
                (done.id, Q): "done",
                (expired.id, P): "expired",
                (expired.id, Q): "due",
                (missing.id, P): "missing",
                (missing.id, Q): "due",
            },
        )
        html = str(self._matrix(department_id=self.department.id).matrix_html)
        self.assertIn("data-status='expired'", html)
        self.assertEqual(html.count("<tr>"), 4, "header + 3 employees")
        self.assertFalse(self._matrix(job_id=self.job_free.id)._get_matrix()[0])

    def test_constant_queries(self):
        """Same number of queries for 5 and 200 employees."""
        Employee = self.env["hr.employee"].with_company(self.company)

        def build(count, prefix):
            employees = Employee.create(
                [
                    {
                        "name": f"{prefix}{i}",
                        "company_id": self.company.id,
                        "job_id": self.job.id,
                        "department_id": self.department.id,
                    }
                    for i in range(count)
                ]
            )
            for employee in employees[:2]:
                self._pass(employee, self.course_qms, date(2026, 3, 1))
            return employees

        build(5, "S")
        matrix_small = self._matrix(department_id=self.department.id)
        self.env.flush_all()
        self.env.invalidate_all()
        matrix_small._get_matrix()  # warm the caches of the user's rights
        self.env.invalidate_all()
        with self.assertQueryCount(MATRIX_QUERIES):
            employees, _courses, cells = matrix_small._get_matrix()
            employees.mapped("department_id.name")
        self.assertEqual(len(employees), 5)
        dept_big = self.env["hr.department"].create(
            {"name": "Big", "company_id": self.company.id}
        )
        big = build(200, "B")
        big.department_id = dept_big
        matrix_big = self._matrix(department_id=dept_big.id)
        self.env.flush_all()
        self.env.invalidate_all()
        matrix_big._get_matrix()
        self.env.invalidate_all()
        with self.assertQueryCount(MATRIX_QUERIES):
            employees, _courses, cells = matrix_big._get_matrix()
            employees.mapped("department_id.name")
        self.assertEqual(len(employees), 200)
        self.assertEqual(len(cells), 400)

    def test_xlsx_and_access(self):
        rep = self._create_rep("Rep")
        self._pass(rep, self.course_qms, date(2026, 3, 1))
        matrix = self._matrix()
        Xlsx = self.env["sales.qms.xlsx"].with_user(self.user_training_manager)
        filename, content = Xlsx._render_report("competence_matrix", matrix)
        self.assertTrue(filename.endswith(".xlsx"))
        sheet = load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(
            rows[2][:5],
            (
                "Employee",
                "Department",
                "Job Position",
                "Product Knowledge",
                "QMS Basics",
            ),
        )
        self.assertEqual(rows[3][:5], ("Rep", "Sales East", "Sales Rep", "Due", "Done"))
        self.assertEqual(
            matrix.action_export_xlsx()["url"],
            f"/sales_qms/xlsx/competence_matrix?ids={matrix.id}",
        )
        # HR reads it too; a plain employee does not
        self.assertTrue(self._matrix(user=self.user_hr)._get_matrix()[0])
        with self.assertRaises(AccessError):
            self._matrix(user=self.user_employee)
        with self.assertRaises(AccessError):
            matrix.with_user(self.user_employee)._get_matrix()
        # another company's training manager cannot aim it at this company
        with self.assertRaises(AccessError):
            self._matrix(user=self.user_other)
