"""pytest configuration of the cross-addon suite (run by scripts/test with pytest-odoo).

pytest-odoo loads Odoo and the test database from the options scripts/test passes
(``--odoo-config``, ``--odoo-database``, ``--odoo-http``). Odoo gives default
``test_tags`` only to test classes of ``odoo.addons.*`` modules, and
``BaseCase.setUpClass`` reads them, so a class here without ``@tagged(...)`` would
fail with an AttributeError: give it the tags of a post-install test instead.
"""


def pytest_collection_modifyitems(items):
    for item in items:
        cls = getattr(item, "cls", None)
        if cls is not None and getattr(cls, "test_tags", None) is None:
            cls.test_tags = {"standard", "post_install"}
