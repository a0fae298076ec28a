import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path


@tagged("post_install", "-at_install")
class TestChineseTranslation(TransactionCase):
    """A Chinese user sees no untranslated label of ours."""

    def test_zh_cn_is_complete(self):
        pot = polib.pofile(file_path("sales_qms/i18n/sales_qms.pot"))
        po = polib.pofile(file_path("sales_qms/i18n/zh_CN.po"))
        translated = {entry.msgid for entry in po if entry.msgstr and not entry.fuzzy}
        missing = [entry.msgid for entry in pot if entry.msgid not in translated]
        self.assertFalse(
            missing, "msgids of sales_qms.pot without a Chinese translation"
        )

    def test_zh_cn_is_loaded_by_odoo(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["sales_qms"], ["zh_CN"])
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        self.assertEqual(
            env.ref("sales_qms.indicator_quotation_conversion").name, "报价转化率"
        )
        self.assertEqual(
            env.ref("sales_qms.sales_qms_objective_action").name, "质量目标"
        )
        fields = env["sales.qms.objective"].fields_get(["status", "fiscal_year_id"])
        self.assertEqual(fields["fiscal_year_id"]["string"], "财年")
        self.assertIn(("met", "达成"), fields["status"]["selection"])
        self.assertEqual(env._("Month %(number)s", number=3), "3月")
        # the groups' category is the module's, named in Chinese too
        category = env.ref("base.module_category_sales_quality_management")
        self.assertEqual(category.name, "质量管理")
        self.assertEqual(
            env.ref("sales_qms.indicator_quotation_days")._format_value(7), "7.00 天"
        )
