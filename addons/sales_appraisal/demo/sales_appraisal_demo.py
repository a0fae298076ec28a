from odoo import api, models

# 销售额的季节性: 春节所在的二月最低，年底冲刺的十二月最高 (per cent of the year)
DEMO_SEASONAL_SHAPE = [7.0, 4.0, 8.0, 8.0, 8.5, 9.0, 8.0, 8.0, 9.0, 8.5, 10.0, 12.0]


class SalesAppraisalDemo(models.AbstractModel):
    _name = "sales.appraisal.demo"
    _description = "Sales Appraisal Demo Data"

    @api.model
    def _load_target_tree(self, target_id, teams):
        """The demo tree of the year: the company, its two sales teams and
        their four people, with weights; the company's year spread over the
        months with a seasonal shape, split down by weight and confirmed.

        :param teams: ``[(team_id, weight, [(user_id, weight), …]), …]``
        """
        target = self.env["sales.appraisal.target"].browse(target_id)
        Line = self.env["sales.appraisal.target.line"]
        year = target.business_plan_line_id.planned_value or 5000000.0
        company = Line.create(
            {
                "target_id": target.id,
                "level": "company",
                "sequence": 0,
                "year_target": year,
            }
        )
        for team_sequence, (team_id, team_weight, members) in enumerate(teams, start=1):
            team = Line.create(
                {
                    "target_id": target.id,
                    "level": "team",
                    "parent_id": company.id,
                    "team_id": team_id,
                    "weight": team_weight,
                    "sequence": team_sequence * 10,
                }
            )
            Line.create(
                [
                    {
                        "target_id": target.id,
                        "level": "user",
                        "parent_id": team.id,
                        "team_id": team_id,
                        "user_id": user_id,
                        "weight": weight,
                        "sequence": sequence * 10,
                    }
                    for sequence, (user_id, weight) in enumerate(members, start=1)
                ]
            )
        digits = target._digits_of(target.indicator_id)
        quarters = target._split_amount(
            year,
            [sum(DEMO_SEASONAL_SHAPE[i * 3 : i * 3 + 3]) for i in range(4)],
            digits,
        )
        months = []
        for index, quarter in enumerate(quarters):
            months += target._split_amount(
                quarter, DEMO_SEASONAL_SHAPE[index * 3 : index * 3 + 3], digits
            )
        company.write(Line._figures_from_months(months))
        target._split(company, False, "even", True, "weight", True)
        target.action_confirm()
        return target
