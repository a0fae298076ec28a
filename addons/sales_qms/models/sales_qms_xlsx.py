"""The XLSX export service shared by every addon of the product.

A report is a method of the model it lists, registered by name::

    def _get_xlsx_reports(self):
        reports = super()._get_xlsx_reports()
        reports["complaint_ledger"] = (
            "after.sales.complaint",
            "_xlsx_complaint_ledger",
        )
        return reports

The method returns ``(filename, bytes)``, usually by calling
``self.env["sales.qms.xlsx"]._render_table(...)``. The controller
``/sales_qms/xlsx/<report>?ids=1,2`` checks read access on the records
before rendering, so a report never shows what its user cannot read.
"""

import io
import re

import xlsxwriter

from odoo import api, models
from odoo.exceptions import UserError

# A report lists what a person reads through: far more is a mistake or an
# attack, and costs the server seconds.
MAX_REPORT_RECORDS = 5000
# Characters Excel refuses in a sheet name.
INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

COLUMN_FORMATS = {
    "text": {},
    "integer": {"num_format": "#,##0"},
    "number": {"num_format": "#,##0.00"},
    "amount": {"num_format": "#,##0.00"},
    # values are already percentages (95.5 means 95.5 %)
    "percent": {"num_format": '0.00"%"'},
    "date": {"num_format": "yyyy-mm-dd"},
}


class SalesQmsXlsx(models.AbstractModel):
    _name = "sales.qms.xlsx"
    _description = "XLSX Export Service"

    @api.model
    def _get_xlsx_reports(self):
        """``{report name: (model, method)}`` of every downloadable report."""
        return {
            "objective_achievement": (
                "sales.qms.objective",
                "_xlsx_objective_achievement",
            ),
            "satisfaction_benchmark": (
                "sales.qms.satisfaction.campaign",
                "_xlsx_satisfaction_benchmark",
            ),
            "audit_report": ("sales.qms.audit", "_xlsx_audit_report"),
            "achievement_report": (
                "sales.qms.achievement.report",
                "_xlsx_achievement_report",
            ),
            "policy_acknowledgement": (
                "sales.qms.policy",
                "_xlsx_policy_acknowledgement",
            ),
            "audit_programme": (
                "sales.qms.audit.programme",
                "_xlsx_audit_programme",
            ),
        }

    @api.model
    def _action_download(self, report_name, records):
        ids = ",".join(str(record_id) for record_id in records.ids)
        return {
            "type": "ir.actions.act_url",
            "url": f"/sales_qms/xlsx/{report_name}?ids={ids}",
            "target": "download",
        }

    @api.model
    def _render_report(self, report_name, records):
        """Check access and render a registered report: ``(filename, bytes)``."""
        model_name, method_name = self._get_xlsx_reports()[report_name]
        if records._name != model_name:
            raise ValueError(f"Report {report_name} lists {model_name} records")
        records = records.browse(dict.fromkeys(records.ids))  # each record once
        if len(records) > MAX_REPORT_RECORDS:
            raise UserError(
                self.env._(
                    "A report lists at most %(max)s records: select fewer.",
                    max=MAX_REPORT_RECORDS,
                )
            )
        records.check_access("read")
        return getattr(records, method_name)()

    @api.model
    def _sheet_names(self, names):
        """Valid and unique sheet names for ``names``, in order: Excel refuses
        some characters, a leading or trailing apostrophe, more than 31
        characters and twice the same name (case-insensitive)."""
        result, seen = [], set()
        for name in names:
            base = INVALID_SHEET_CHARS.sub(" ", str(name or "")).strip().strip("'")
            base = base[:31].strip() or self.env._("Sheet")
            candidate, number = base, 1
            while candidate.lower() in seen:
                number += 1
                suffix = f" ({number})"
                candidate = base[: 31 - len(suffix)] + suffix
            seen.add(candidate.lower())
            result.append(candidate)
        return result

    @api.model
    def _render_table(self, sheets, title=None):
        """Build a workbook of ledger-style tables.

        :param sheets: iterable of dicts with
            ``name`` (sheet name), ``title`` (merged title line),
            ``subtitle`` (optional second line), ``columns`` (list of
            ``{"label", "width", "type"}`` with a type of ``COLUMN_FORMATS``)
            and ``rows`` (iterable of row values, read once: it may be a
            generator). A cell whose unit varies by row is a dict
            ``{"value": …, "num_format": "#,##0"}``; ``footer`` (optional):
            rows of texts written after a blank line under the table, e.g.
            the sign-off of a controlled record (``_signoff_xlsx_footer``);
        :return: the XLSX file as bytes

        Rows are written in order with xlsxwriter's ``constant_memory`` mode,
        so memory does not grow with the number of rows.
        """
        output = io.BytesIO()
        # texts stay texts: a name typed as "=HYPERLINK(…)" must not become a
        # live formula in the reader's spreadsheet
        workbook = xlsxwriter.Workbook(
            output,
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        if title:
            workbook.set_properties({"title": title})
        font = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "vcenter"}
        title_format = workbook.add_format(
            dict(font, bold=True, font_size=14, align="center")
        )
        subtitle_format = workbook.add_format(dict(font, align="center", italic=True))
        header_format = workbook.add_format(
            dict(
                font,
                bold=True,
                border=1,
                align="center",
                text_wrap=True,
                bg_color="#D9E1F2",
            )
        )
        cell_formats = {
            kind: workbook.add_format(dict(font, border=1, **extra))
            for kind, extra in COLUMN_FORMATS.items()
        }
        number_formats = {}

        def number_format(num_format):
            if num_format not in number_formats:
                number_formats[num_format] = workbook.add_format(
                    dict(font, border=1, num_format=num_format)
                )
            return number_formats[num_format]

        sheets = list(sheets)
        sheet_names = self._sheet_names(sheet["name"] for sheet in sheets)
        for sheet, sheet_name in zip(sheets, sheet_names, strict=True):
            worksheet = workbook.add_worksheet(sheet_name)
            columns = sheet["columns"]
            last_column = len(columns) - 1
            row_index = 0
            worksheet.merge_range(0, 0, 0, last_column, sheet["title"], title_format)
            worksheet.set_row(0, 28)
            row_index += 1
            if sheet.get("subtitle"):
                worksheet.merge_range(
                    row_index,
                    0,
                    row_index,
                    last_column,
                    sheet["subtitle"],
                    subtitle_format,
                )
                row_index += 1
            for column_index, column in enumerate(columns):
                worksheet.set_column(
                    column_index, column_index, column.get("width", 12)
                )
                worksheet.write(row_index, column_index, column["label"], header_format)
            worksheet.freeze_panes(row_index + 1, 0)
            row_index += 1
            for row in sheet["rows"]:
                for column_index, (column, cell) in enumerate(
                    zip(columns, row, strict=True)
                ):
                    cell_format = cell_formats[column.get("type", "text")]
                    if isinstance(cell, dict):
                        cell_format = number_format(cell["num_format"])
                        cell = cell["value"]
                    if cell is None or cell is False:
                        worksheet.write_blank(
                            row_index, column_index, None, cell_format
                        )
                    elif isinstance(cell, str):
                        worksheet.write_string(
                            row_index, column_index, cell, cell_format
                        )
                    else:
                        worksheet.write(row_index, column_index, cell, cell_format)
                row_index += 1
            if sheet.get("footer"):
                row_index += 1
                for row in sheet["footer"]:
                    for column_index, text in enumerate(row[: last_column + 1]):
                        if text:
                            worksheet.write_string(
                                row_index, column_index, text, cell_formats["text"]
                            )
                        else:
                            worksheet.write_blank(
                                row_index, column_index, None, cell_formats["text"]
                            )
                    row_index += 1
        workbook.close()
        return output.getvalue()
