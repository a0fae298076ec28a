from odoo import http
from odoo.exceptions import UserError
from odoo.http import content_disposition, request


class SalesQmsXlsxController(http.Controller):
    @http.route("/sales_qms/xlsx/<string:report_name>", type="http", auth="user")
    def download_xlsx(self, report_name, ids="", **kwargs):
        Xlsx = request.env["sales.qms.xlsx"]
        reports = Xlsx._get_xlsx_reports()
        if report_name not in reports:
            raise request.not_found()
        try:
            record_ids = [int(record_id) for record_id in ids.split(",") if record_id]
        except ValueError as error:
            raise UserError(request.env._("Invalid record list.")) from error
        model_name = reports[report_name][0]
        records = request.env[model_name].browse(record_ids).exists()
        filename, content = Xlsx._render_report(report_name, records)
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
