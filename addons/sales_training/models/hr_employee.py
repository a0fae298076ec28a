"""The qualification for the post (上岗资格) of an employee and the
automatic enrolment in the pre-job training (岗前培训) their job requires."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

QUALIFICATION_STATES = [
    ("qualified", "Qualified"),
    ("not_qualified", "Not Yet Qualified"),
    ("exception", "Qualified by Exception"),
    ("not_required", "Not Required"),
]
# What only the qualification computation writes.
PROTECTED_FIELDS = {"qualification_state"}
# Computed (not stored) on hr.employee.public: see _copy_cache_from.
PUBLIC_COMPUTED_FIELDS = {"qualification_state", "certification_count"}


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    qualification_state = fields.Selection(
        QUALIFICATION_STATES,
        string="Qualification",
        compute="_compute_qualification_state",
        store=True,
        readonly=True,
        index=True,
        tracking=True,
        # no groups: hr.employee is read by HR only, everybody else reads the
        # public profile, whose field shows the reader's own (or team's)
        help="上岗资格: granted when every pre-job course the job requires is "
        "passed with a current certification, or by a tracked exception.",
    )
    certification_ids = fields.One2many(
        "sales.training.certification",
        "employee_id",
        string="Certifications",
        groups="hr.group_hr_user,sales_training.group_sales_training_manager",
    )
    certification_count = fields.Integer(compute="_compute_certification_count")
    training_attendance_ids = fields.One2many(
        "sales.training.attendance",
        "employee_id",
        string="Training Attendances",
        groups="hr.group_hr_user,sales_training.group_sales_training_manager",
    )
    qualification_exception_ids = fields.One2many(
        "sales.training.qualification.exception",
        "employee_id",
        groups="hr.group_hr_user,sales_training.group_sales_training_manager",
    )
    required_course_ids = fields.Many2many(
        "sales.training.course",
        string="Required Pre-Job Courses",
        compute="_compute_required_course_ids",
        groups="hr.group_hr_user,sales_training.group_sales_training_manager",
    )
    missing_course_ids = fields.Many2many(
        "sales.training.course",
        string="Courses Still to Pass",
        compute="_compute_required_course_ids",
        groups="hr.group_hr_user,sales_training.group_sales_training_manager",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends(
        "job_id",
        "department_id",
        "company_id",
        "certification_ids.state",
        "certification_ids.course_id",
        "qualification_exception_ids.state",
        "qualification_exception_ids.date_end",
    )
    def _compute_qualification_state(self):
        # three queries whatever the number of employees
        required = self._get_required_courses()
        passed = self._get_passed_courses()
        excepted = self.env[
            "sales.training.qualification.exception"
        ]._get_excepted_employee_ids(self)
        for employee in self:
            employee_id = employee._origin.id
            courses = required.get(employee_id, set())
            if not courses:
                employee.qualification_state = "not_required"
            elif courses <= passed.get(employee_id, set()):
                employee.qualification_state = "qualified"
            elif employee_id in excepted:
                employee.qualification_state = "exception"
            else:
                employee.qualification_state = "not_qualified"

    def _compute_certification_count(self):
        counts = dict(
            self.env["sales.training.certification"]._read_group(
                [("employee_id", "in", self.ids), ("state", "!=", "superseded")],
                ["employee_id"],
                ["__count"],
            )
        )
        for employee in self:
            employee.certification_count = counts.get(employee._origin, 0)

    @api.depends("job_id", "department_id", "company_id", "certification_ids.state")
    def _compute_required_course_ids(self):
        required = self._get_required_courses()
        passed = self._get_passed_courses()
        Course = self.env["sales.training.course"]
        for employee in self:
            courses = required.get(employee._origin.id, set())
            employee.required_course_ids = Course.browse(sorted(courses))
            employee.missing_course_ids = Course.browse(
                sorted(courses - passed.get(employee._origin.id, set()))
            )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_protected_fields(vals)
        employees = super().create(vals_list)
        employees._enrol_pre_job_training()
        return employees

    def write(self, vals):
        self._check_protected_fields(vals)
        # a new job (or department, which requirements may name) may require
        # pre-job training the employee has not passed
        posts_before = (
            {
                employee.id: (employee.job_id, employee.department_id)
                for employee in self
            }
            if {"job_id", "department_id"} & set(vals)
            else {}
        )
        result = super().write(vals)
        if posts_before:
            self.filtered(
                lambda employee: (
                    employee.job_id
                    and (employee.job_id, employee.department_id)
                    != posts_before[employee.id]
                )
            )._enrol_pre_job_training()
        return result

    def _copy_cache_from(self, public, field_names):
        # users without HR rights read employees through their public
        # profile, whose values are copied from its cache; our public fields
        # are computed, not fetched: compute them first or they are lost
        for fname in PUBLIC_COMPUTED_FIELDS.intersection(field_names):
            public.mapped(fname)
        return super()._copy_cache_from(public, field_names)

    def _check_protected_fields(self, vals):
        # the qualification is computed from passes and exceptions; a manager
        # cannot mark anyone qualified by hand, not even through RPC
        if PROTECTED_FIELDS & set(vals):
            raise UserError(
                self.env._(
                    "The qualification cannot be set by hand: it follows the "
                    "certifications, or a qualification exception with a reason."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    @api.model
    def _action_open_qualification(self):
        """The employees' qualification: HR reads the employees, anyone else
        (a training manager) their public profiles."""
        xmlid = (
            "sales_training.hr_employee_action_qualification"
            if self.browse().has_access("read")
            else "sales_training.hr_employee_public_action_qualification"
        )
        return self.env["ir.actions.act_window"]._for_xml_id(xmlid)

    def action_view_certifications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_training.sales_training_certification_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {
            "default_employee_id": self.id,
            "search_default_current": 1,
        }
        return action

    def action_grant_qualification_exception(self):
        self.ensure_one()
        self.env["sales.training.qualification.exception"].check_access("create")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Qualification Exception"),
            "res_model": "sales.training.exception.grant",
            "view_mode": "form",
            "target": "new",
            "context": {"default_employee_id": self.id},
        }

    def action_download_training_record(self):
        self.ensure_one()
        return (
            self.env["hr.employee.public"]
            .browse(self.ids)
            .action_download_training_record()
        )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _get_required_courses(self):
        """``{employee id: {course ids}}`` of the pre-job courses each
        employee's job (and department) requires. One query."""
        return {
            employee_id: set(deadlines)
            for employee_id, deadlines in self._get_required_course_deadlines().items()
        }

    def _get_required_course_deadlines(self):
        """``{employee id: {course id: deadline days}}`` of the pre-job
        courses each employee's job (and department) requires, with the
        longest deadline of the requirements that apply. One query."""
        employees = self.sudo().filtered("job_id")
        if not employees:
            return {}
        requirements = (
            self.env["sales.training.requirement"]
            .sudo()
            .search_fetch(
                [
                    ("requirement_type", "=", "pre_job"),
                    ("job_id", "in", employees.job_id.ids),
                    ("course_id.active", "=", True),
                ],
                ["job_id", "department_id", "course_id", "company_id", "deadline_days"],
            )
        )
        by_job = {}
        for requirement in requirements:
            by_job.setdefault(requirement.job_id.id, []).append(requirement)
        result = {}
        for employee in employees:
            deadlines = {}
            for requirement in by_job.get(employee.job_id.id, []):
                if requirement.company_id != employee.company_id or (
                    requirement.department_id
                    and requirement.department_id != employee.department_id
                ):
                    continue
                course_id = requirement.course_id.id
                deadlines[course_id] = max(
                    deadlines.get(course_id, 0), requirement.deadline_days
                )
            if deadlines:
                result[employee._origin.id] = deadlines
        return result

    def _get_passed_courses(self):
        """``{employee id: {course ids}}`` with a current certification. One query."""
        groups = (
            self.env["sales.training.certification"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", self._origin.ids),
                    ("state", "in", ("valid", "expiring")),
                ],
                ["employee_id", "course_id"],
            )
        )
        result = {}
        for employee, course in groups:
            result.setdefault(employee.id, set()).add(course.id)
        return result

    def _enrol_pre_job_training(self):
        """Enrol the employees in the pre-job courses their job requires and
        they have not passed, unless already enrolled; deadline: today plus
        the requirement's days. One activity to each employee's manager."""
        employees = self.sudo()
        required = employees._get_required_course_deadlines()
        if not required:
            return {}
        passed = employees._get_passed_courses()
        courses = self.env["sales.training.course"].browse(
            {course for deadlines in required.values() for course in deadlines}
        )
        Attendance = self.env["sales.training.attendance"].sudo()
        open_enrolments = Attendance._open_enrolments(employees, courses)
        today = fields.Date.context_today(self)
        requests = []
        for employee in employees:
            deadlines = required.get(employee.id, {})
            passed_ids = passed.get(employee.id, set())
            for course in courses:
                if (
                    course.id not in deadlines
                    or course.id in passed_ids
                    or (employee.id, course.id) in open_enrolments
                ):
                    continue
                days = deadlines[course.id]
                requests.append((employee, course, today + timedelta(days=days)))
        created = Attendance._enrol(requests)
        activity_type = self.env.ref(
            "sales_training.mail_activity_type_pre_job_training"
        )
        for employee in employees:
            enrolments = [
                att for (emp_id, _c), att in created.items() if emp_id == employee.id
            ]
            manager = employee.parent_id.user_id
            if not enrolments or not manager or manager.share:
                continue
            lines = []
            for att in enrolments:
                if att.session_id:
                    lines.append(
                        self.env._(
                            "%(course)s (before %(deadline)s)",
                            course=att.course_id.name,
                            deadline=att.deadline,
                        )
                    )
                else:
                    lines.append(
                        self.env._(
                            "%(course)s (waiting list, before %(deadline)s)",
                            course=att.course_id.name,
                            deadline=att.deadline,
                        )
                    )
            employee.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=manager.id,
                date_deadline=max(att.deadline for att in enrolments),
                note=self.env._(
                    "%(employee)s was enrolled in the pre-job training: %(courses)s.",
                    employee=employee.name,
                    courses=", ".join(lines),
                ),
            )
        return created

    def _check_training_record_access(self):
        """An employee reads their own training record; their manager, HR
        and the training manager read anyone's."""
        user = self.env.user
        if (
            self.env.su
            or user.has_group("hr.group_hr_user")
            or user.has_group("sales_training.group_sales_training_manager")
        ):
            return
        own = user.employee_ids
        subordinates = (
            self.env["hr.employee"].sudo().search([("id", "child_of", own.ids)])
        )
        if self.sudo() - subordinates:
            raise AccessError(self.env._("You can only read your own training record."))
