from odoo import fields, models


class SalesTrainingBehaviourEvaluation(models.TransientModel):
    _name = "sales.training.behaviour.evaluation"
    _description = "Evaluate the Applied Behaviour of a Trained Employee"

    attendance_id = fields.Many2one(
        "sales.training.attendance", required=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(related="attendance_id.employee_id")
    course_id = fields.Many2one(related="attendance_id.course_id")
    rating = fields.Selection(
        [
            ("1", "1 - Not applied"),
            ("2", "2 - Rarely applied"),
            ("3", "3 - Partly applied"),
            ("4", "4 - Mostly applied"),
            ("5", "5 - Fully applied"),
        ],
        required=True,
    )
    comment = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.attendance_id._record_behaviour_evaluation(self.rating, self.comment)
        return {"type": "ir.actions.act_window_close"}
