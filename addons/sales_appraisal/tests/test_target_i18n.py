import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path


@tagged("post_install", "-at_install")
class TestTargetTranslation(TransactionCase):
    """A Chinese user sees no untranslated label of the targets."""

    def test_zh_cn_is_complete(self):
        pot = polib.pofile(file_path("sales_appraisal/i18n/sales_appraisal.pot"))
        po = polib.pofile(file_path("sales_appraisal/i18n/zh_CN.po"))
        translated = {entry.msgid for entry in po if entry.msgstr and not entry.fuzzy}
        missing = [entry.msgid for entry in pot if entry.msgid not in translated]
        self.assertFalse(missing, "msgids without a Chinese translation")

    def test_grid_columns_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["sales_appraisal"], ["zh_CN"])
        fields = (
            self.env["sales.appraisal.target.line"]
            .with_context(lang="zh_CN")
            .fields_get(["month_03", "quarter_1", "year_target"], ["string"])
        )
        self.assertEqual(fields["month_03"]["string"], "3月")
        self.assertEqual(fields["quarter_1"]["string"], "一季度")
        self.assertEqual(fields["year_target"]["string"], "全年")
