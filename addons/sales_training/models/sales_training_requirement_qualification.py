"""A change of the pre-job requirements changes who is qualified."""

from odoo import api, models


class SalesTrainingRequirement(models.Model):
    # the qualification consequences in a file of their own; the
    # requirement model itself belongs to the catalogue feature
    _inherit = "sales.training.requirement"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        requirements = super().create(vals_list)
        requirements._recompute_qualifications()
        return requirements

    def write(self, vals):
        jobs = self.job_id
        result = super().write(vals)
        self._recompute_qualifications(jobs)
        return result

    def unlink(self):
        jobs = self.job_id
        result = super().unlink()
        self.env["sales.training.requirement"]._recompute_qualifications(jobs)
        return result

    def _recompute_qualifications(self, jobs=None):
        """Mark the qualification of the employees of the jobs to recompute."""
        jobs = self.job_id | (jobs or self.env["hr.job"])
        employees = self.env["hr.employee"].sudo().search([("job_id", "in", jobs.ids)])
        self.env.add_to_compute(employees._fields["qualification_state"], employees)
