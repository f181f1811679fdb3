"""The settings registry: the store refuses unknown keys and values out of bounds (issue 15:
`package limit inf` was saved and broke every later export)."""

from __future__ import annotations

import sqlite3

import pytest

from auditor_app.cli import main as cli_main
from auditor_app.core import settings as registry
from auditor_app.core.errors import InputError
from auditor_app.services import settings
from auditor_app.store.audit_store import AuditStore


def _dump(path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
        rows += db.execute("SELECT entity_key, new FROM trail ORDER BY id").fetchall()
    db.close()
    return rows


def test_every_registered_default_fits_its_own_entry():
    for key, setting in registry.REGISTRY.items():
        assert setting.key == key
        assert registry.validate(key, setting.default) == setting.default


def test_the_store_refuses_an_unknown_key(store, db_path):
    before = _dump(db_path)
    with pytest.raises(InputError, match="there is no setting 'auditor_nmae'"):
        store.set_setting("auditor_nmae", "王建国")
    assert _dump(db_path) == before


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "0", "-1", "1001", "1e30", "lots"])
def test_the_store_refuses_an_email_limit_out_of_bounds(store, db_path, value):
    before = _dump(db_path)
    with pytest.raises(InputError, match="email_limit_mb"):
        store.set_setting(registry.EMAIL_LIMIT_MB.key, value)
    assert _dump(db_path) == before


def test_package_limit_inf_is_refused_and_later_exports_still_work(store, db_path, demo_audit):
    """Issue 15 regression: through the store (whoever calls it) `inf` is not saved, so the
    limit read by every later export stays the default."""
    from auditor_app.sync.export import email_limit_bytes

    with pytest.raises(InputError):
        store.set_setting("email_limit_mb", "inf")
    assert email_limit_bytes(store) == 20_000_000
    assert settings.value(store, registry.EMAIL_LIMIT_MB) == 20.0
    store.set_setting("email_limit_mb", "12.5")
    assert email_limit_bytes(store) == 12_500_000
    assert settings.value(store, registry.EMAIL_LIMIT_MB) == 12.5


def test_cli_package_limit_inf_leaves_the_database_unchanged(tmp_path, capsys):
    path = tmp_path / "audits.sqlite"
    assert cli_main.main(["package", "limit", "--db", str(path), "3"]) == 0
    before = _dump(path)
    assert cli_main.main(["package", "limit", "--db", str(path), "inf"]) != 0
    assert _dump(path) == before
    capsys.readouterr()
    assert cli_main.main(["package", "limit", "--db", str(path)]) == 0
    assert "email limit: 3 MB" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("setting", "bad"),
    [
        (registry.CERT_VALIDITY_MONTHS, "0"),
        (registry.CERT_VALIDITY_MONTHS, "2.5"),
        (registry.SUSPENSION_MAX_MONTHS, "10000000"),
        (registry.UI_LANGUAGE, "klingon"),
        (registry.PACKAGE_TRUST, "not json"),
        (registry.VERIFY_TRUST, '{"a": 1}'),
        (registry.AUDITOR_NAME, "名" * (registry.LINE_LIMIT + 1)),
        (registry.CB_NAME, "a\x00b"),
    ],
)
def test_values_that_do_not_fit_are_refused(store, setting, bad):
    with pytest.raises(InputError, match=setting.key):
        store.set_setting(setting.key, bad)
    assert store.get_setting(setting.key) is None


def test_per_audit_folder_keys_are_known_and_others_are_not(store, tmp_path):
    store.set_setting(registry.report_folder_key(7), str(tmp_path))
    store.set_setting(registry.package_folder_key(7), str(tmp_path))
    assert store.get_setting("report_folder.7") == str(tmp_path)
    for bad in ("report_folder.", "report_folder.x", "report_folder.07", "photo_folder.7"):
        with pytest.raises(InputError, match="there is no setting"):
            store.set_setting(bad, "x")


def test_save_is_all_or_nothing_and_skips_unchanged_values(store, db_path):
    settings.save(store, {"cb_name": "某认证中心", "auditor_name": "王建国"})
    assert store.actor == "王建国"
    before = _dump(db_path)
    with pytest.raises(InputError, match="email_limit_mb"):
        settings.save(store, {"cb_name": "另一个中心", "email_limit_mb": "inf"})
    assert _dump(db_path) == before  # cb_name was not written either
    changed = settings.save(store, {"cb_name": "某认证中心", "cb_address": "北京"})
    assert changed == {"cb_address": "北京"}
    trail = _dump(db_path)[len(before) :]
    assert [row for row in trail if row[0] == "cb_name"] == []  # unchanged: no trail row


def test_a_stored_value_from_an_older_version_is_a_clear_error_when_read(tmp_path):
    path = tmp_path / "audits.sqlite"
    with AuditStore(path, actor="tester"):
        pass
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO settings (key, value) VALUES ('cert_validity_months', 'x')")
    db.close()
    with AuditStore(path, actor="tester") as store:
        with pytest.raises(InputError, match="cert_validity_months"):
            settings.value(store, registry.CERT_VALIDITY_MONTHS)
        assert settings.value(store, registry.SURVEILLANCE_TO_MONTHS) == 12  # the default
