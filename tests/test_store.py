"""The local store on a real SQLite file: durability settings, trail, locking, migrations."""

from __future__ import annotations

import hashlib
import io
import sqlite3
from decimal import Decimal

import pytest
from PIL import Image

from auditor_app.core.errors import InputError, LockedError
from auditor_app.core.results import ItemResult
from auditor_app.store import schema
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.db import CorruptDatabaseError, NewerDatabaseError, StoreError


def raw(db_path):
    # autocommit: a refused statement must not leave a transaction holding the write lock
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def jpeg(w=1600, h=1200, color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (w, h), color).save(out, "JPEG")
    return out.getvalue()


def test_connection_is_durable(store):
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_result_and_trail_commit_together(store, service, audit_id, db_path):
    service.record(audit_id, "5.1.2.1", ItemResult("sampled", 10, 2))
    other = raw(db_path)  # what another process sees: it is committed
    row = other.execute(
        "SELECT result, sampled, nonconforming FROM item_results WHERE item_id = '5.1.2.1'"
    ).fetchone()
    assert row == ("sampled", 10, 2)
    trail = other.execute(
        "SELECT actor, action, entity, entity_key, old, new FROM trail WHERE entity = 'result'"
    ).fetchall()
    assert len(trail) == 1
    assert trail[0][:4] == ("tester", "set", "result", "5.1.2.1")
    assert trail[0][4] is None and '"sampled": 10' in trail[0][5]
    service.record(audit_id, "5.1.2.1", ItemResult("conform"))
    last = store.trail(audit_id)[-1]
    assert '"sampled": 10' in last["old"] and '"result": "conform"' in last["new"]


def test_unchanged_value_writes_no_trail(store, service, audit_id):
    service.record(audit_id, "5.1.1.1", ItemResult("conform"))
    before = len(store.trail(audit_id))
    service.record(audit_id, "5.1.1.1", ItemResult("conform"))
    assert len(store.trail(audit_id)) == before


def test_failed_write_leaves_nothing(store, audit_id, db_path):
    with pytest.raises(StoreError), store.transaction():
        store.set_note(audit_id, "5.1.1.1", "written then rolled back")
        store.db.execute(
            "INSERT INTO item_results (audit_id, item_id, result, sampled, "
            "nonconforming, updated_at) VALUES (?, '5.1.2.1', 'sampled', 3, 5,"
            " 'now')",
            (audit_id,),
        )
    assert raw(db_path).execute("SELECT COUNT(*) FROM item_results").fetchone()[0] == 0
    assert not [t for t in store.trail(audit_id) if t["entity"] == "note"]


def test_trail_is_append_only_in_the_database(store, service, audit_id, db_path):
    service.record(audit_id, "5.1.1.1", ItemResult("conform"))
    conn = raw(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE trail SET actor = 'someone else'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM trail")


def test_database_checks_refuse_impossible_results(audit_id, db_path):
    conn = raw(db_path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO item_results (audit_id, item_id, result, sampled, "
            "nonconforming, updated_at) VALUES (?, 'x', 'sampled', 3, 4, 'now')",
            (audit_id,),
        )
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO item_results (audit_id, item_id, result, reason, updated_at)"
            " VALUES (?, 'x', 'na', '', 'now')",
            (audit_id,),
        )


def test_signed_audit_is_locked_in_the_database(store, service, audit_id, db_path):
    service.record(audit_id, "5.1.1.1", ItemResult("conform"))
    service.add_finding(audit_id, "minor", "something")
    store.lock_with_report(audit_id, b"%PDF-1.7 signed", hashlib.sha256(b"x").hexdigest(), "王")
    assert store.audit(audit_id)["status"] == "signed"
    with pytest.raises(LockedError):
        service.record(audit_id, "5.1.1.1", ItemResult("nonconform"))
    with pytest.raises(LockedError):
        store.update_audit(audit_id, scope="changed")
    conn = raw(db_path)  # bypassing the Python checks: the triggers still refuse
    for sql in (
        "UPDATE item_results SET result = 'nonconform'",
        "DELETE FROM findings",
        f"INSERT INTO findings (uid, audit_id, kind, text, created_at) VALUES "
        f"('u', {audit_id}, 'minor', 't', 'now')",
        "UPDATE audits SET scope = 'x', locked = 0",
        f"INSERT INTO audit_sites (audit_id, name) VALUES ({audit_id}, 'x')",
        "UPDATE reports SET pdf = x'00'",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql)


def test_new_revision_copies_and_says_what_it_replaces(store, service, audit_id, tmp_path):
    service.record(audit_id, "5.1.2.1", ItemResult("sampled", 8, 1))
    store.set_note(audit_id, "5.1.2.1", "证书抽查")
    service.add_finding(audit_id, "minor", "x", item_id="5.1.2.1")
    store.replace_sites(audit_id, [{"name": "总部", "is_central": True}, {"name": "A"}])
    store.add_attachment(audit_id, "5.1.2.1", jpeg(), "p.jpg", "photo")
    store.lock_with_report(audit_id, b"%PDF", "0" * 64, "signer")
    with pytest.raises(InputError, match="needs a reason"):
        store.new_revision(audit_id, " ")
    new = store.new_revision(audit_id, "客户补充证据")
    old_row, new_row = store.audit(audit_id), store.audit(new)
    assert new_row["revision"] == 1 and new_row["supersedes_uid"] == old_row["uid"]
    assert new_row["series_uid"] == old_row["series_uid"] and not new_row["locked"]
    assert new_row["revision_reason"] == "客户补充证据"
    assert store.results(new) == store.results(audit_id)
    assert store.result_rows(new)["5.1.2.1"]["note"] == "证书抽查"
    assert len(store.findings(new)) == 1 and len(store.sites(new)) == 2
    assert len(store.attachments(new)) == 1
    service.record(new, "5.1.2.1", ItemResult("conform"))  # editable
    with pytest.raises(InputError, match="not signed"):
        store.new_revision(new, "again")


def test_everything_survives_reopening(db_path, demo_audit, store):
    from auditor_app.services.audits import AuditService

    before = AuditService(store).score(demo_audit).to_dict()
    trail = len(store.trail(demo_audit))
    store.close()
    again = AuditStore(db_path)
    try:
        assert AuditService(again).score(demo_audit).to_dict() == before
        assert len(again.trail(demo_audit)) == trail
        assert len(again.attachments(demo_audit)) == 3
    finally:
        again.close()


def test_audit_keeps_its_scheme_version(store, service, audit_id):
    row = store.audit(audit_id)
    scheme = store.audit_scheme(audit_id)
    assert row["scheme_id"] == "gbt27922-2011" and row["scheme_hash"] == scheme.content_hash
    assert len(row["scheme_hash"]) == 64


def test_newer_database_refused_and_untouched(db_path, store):
    store.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES (?, 'm9999_future', '2030-01-01')",
        (schema.MIGRATION_SET,),
    )
    store.close()
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(NewerDatabaseError, match="newer version of auditor-app"):
        AuditStore(db_path)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest


def test_migration_backs_up_first(db_path, store, audit_id, monkeypatch):
    store.close()

    def m0002_test_only(db):
        db.execute("CREATE TABLE test_only (x INTEGER)")

    # a build with one more step than the database has: the store copies the file first
    monkeypatch.setattr(
        schema, "migrations", schema.register_steps((*schema.MIGRATIONS, m0002_test_only))
    )
    monkeypatch.setattr(schema, "STEP_NAMES", (*schema.STEP_NAMES, "m0002_test_only"))
    reopened = AuditStore(db_path)
    reopened.close()
    backup = db_path.with_name(f"{db_path.name}.before-m0002_test_only.bak")
    assert backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("SELECT COUNT(*) FROM audits").fetchone()[0] == 1
    assert "test_only" not in {r[0] for r in old.execute("SELECT name FROM sqlite_master")}


def test_corrupt_database_detected(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(CorruptDatabaseError, match="restore a backup"):
        AuditStore(bad)


def test_photo_downscaled_and_stored_once(store, audit_id):
    big = jpeg(4000, 3000)
    first = store.add_attachment(audit_id, "5.1.3.3", big, "/camera/IMG_1.jpg", "货架")
    store.add_attachment(audit_id, "5.1.4.1", big, "IMG_1.jpg", "again")
    rows = store.attachments(audit_id)
    assert len(rows) == 2 and first == rows[0]["id"]
    assert rows[0]["sha256"] == hashlib.sha256(big).hexdigest()  # original's identity kept
    assert max(rows[0]["width"], rows[0]["height"]) == 1024
    assert rows[0]["original_name"] == "IMG_1.jpg"
    assert store.db.execute("SELECT COUNT(*) FROM attachments").fetchone()[0] == 1
    data = store.attachment_data(rows[0]["sha256"])
    assert len(data) < len(big) and Image.open(io.BytesIO(data)).size == (1024, 768)
    assert len(store.attachment_data(rows[0]["sha256"], thumb=True)) < len(data)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "empty"),
        (b"hello, this is text", "not a picture or PDF"),
        (jpeg()[:3000], "damaged or truncated"),
    ],
)
def test_bad_files_refused_with_reason(store, audit_id, payload, message):
    with pytest.raises(InputError, match=message):
        store.add_attachment(audit_id, None, payload, "x.jpg")
    assert store.attachments(audit_id) == []


def test_oversized_photo_refused(store, audit_id):
    out = io.BytesIO()
    Image.new("1", (10000, 9000)).save(out, "PNG")
    with pytest.raises(InputError, match="too large a picture"):
        store.add_attachment(audit_id, None, out.getvalue(), "huge.png")


def test_bonus_twice_refused(service, audit_id, store):
    service.add_finding(audit_id, "bonus", "备件平台")
    with pytest.raises(InputError, match="at most 1 special bonus"):
        service.add_finding(audit_id, "bonus", "another")
    assert store.count_findings(audit_id, "bonus") == 1


def test_unknown_item_and_bad_values_refused(service, audit_id, store):
    with pytest.raises(InputError, match="no item '9.9'"):
        service.record(audit_id, "9.9", ItemResult("conform"))
    with pytest.raises(InputError, match="cannot exceed"):
        service.record(audit_id, "5.1.2.1", ItemResult("sampled", 3, 4))
    with pytest.raises(InputError, match="unknown finding kind"):
        store.add_finding(audit_id, "severe", "x")
    assert store.results(audit_id) == {}


def test_graded_points_round_trip_exactly(service, store, audit_id):
    service.record(audit_id, "5.1.6.4", ItemResult("graded", points=Decimal("0.5")))
    assert store.results(audit_id)["5.1.6.4"].points == Decimal("0.5")


def test_sites_team_and_validation(store, audit_id):
    with pytest.raises(InputError, match="only one site can be the central"):
        store.replace_sites(
            audit_id, [{"name": "a", "is_central": 1}, {"name": "b", "is_central": 1}]
        )
    with pytest.raises(InputError, match="one leader"):
        store.replace_team(
            audit_id, [{"name": "a", "role": "leader"}, {"name": "b", "role": "leader"}]
        )
    store.replace_team(audit_id, [{"name": "王", "role": "leader"}])
    assert [m["name"] for m in store.team(audit_id)] == ["王"]
    assert store.audit(audit_id)["status"] == "draft"  # planning is not yet on-site work
    store.set_note(audit_id, "5.1.1.1", "开始")
    assert store.audit(audit_id)["status"] == "in_progress"


def test_busy_photo_copy_stays_small(store, audit_id):
    # sensor-noise-like picture: the worst case for JPEG size
    noisy = Image.effect_noise((3000, 2000), 60).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, "JPEG", quality=95)
    store.add_attachment(audit_id, None, out.getvalue(), "noisy.jpg")
    row = store.attachments(audit_id)[0]
    assert len(store.attachment_data(row["sha256"])) <= 90_000
    assert max(row["width"], row["height"]) >= 640


def test_editing_the_client_of_a_follow_up_audit_leaves_the_signed_one(store, service, db_path):
    from auditor_app.services.demo import create_demo

    signed = create_demo(store)
    store.lock_with_report(signed, b"%PDF", "0" * 64, "王建国")
    follow_up = service.duplicate_as_next_audit(signed)
    assert store.audit(follow_up)["org_id"] == store.audit(signed)["org_id"]  # shared so far
    store.update_organisation(store.audit(follow_up)["org_id"], follow_up, address="新地址 1 号")
    assert store.audit(follow_up)["org_address"] == "新地址 1 号"
    assert store.audit(signed)["org_address"] == "浙江省杭州市滨江区江南大道 1888 号"
    assert store.audit(follow_up)["org_id"] != store.audit(signed)["org_id"]
    conn = raw(db_path)  # a signed audit's client, scheme and files cannot change underneath it
    org = store.audit(signed)["org_id"]
    for sql in (
        f"UPDATE organisations SET name = 'x' WHERE id = {org}",
        "UPDATE schemes SET document = '{}'",
        "UPDATE attachments SET data = x'00'",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql)
    with pytest.raises(LockedError):
        store.update_organisation(org, signed, name="x")


def test_finding_edits_obey_the_scheme_rules(service, store, audit_id):
    service.add_finding(audit_id, "bonus", "备件平台")
    other = service.add_finding(audit_id, "observation", "x")
    with pytest.raises(InputError, match="at most 1 special bonus"):
        store.update_finding(other, kind="bonus")
    with pytest.raises(InputError, match="no item 'nope'"):
        store.update_finding(other, item_id="nope")
    with pytest.raises(InputError, match="at most 1 special bonus"):
        store.add_finding(audit_id, "bonus", "directly through the store")
    assert store.count_findings(audit_id, "bonus") == 1


def test_restore_finding_brings_back_the_same_finding(service, store, audit_id):
    fid = service.add_finding(audit_id, "minor", "发现", item_id="5.1.1.1")
    before = store.findings(audit_id)[0]
    row = store.delete_finding(fid)
    store.restore_finding(row)
    after = store.findings(audit_id)[0]
    for key in ("uid", "kind", "text", "item_id", "created_by", "created_at"):
        assert after[key] == before[key]


def test_has_audits_answers_as_the_list_would(store, service):
    """The start-up check (demo audit for an empty file, name prompt) agrees with the list."""
    from auditor_app.services.audits import ClientInfo

    def both(include_archived):
        listed = bool(store.list_audits(include_archived=include_archived))
        assert store.has_audits(include_archived=include_archived) is listed
        return listed

    assert (both(False), both(True)) == (False, False)
    audit_id = service.create_audit(ClientInfo("测试客户有限公司"), "initial")
    assert (both(False), both(True)) == (True, True)
    store.set_archived(audit_id, True)
    assert (both(False), both(True)) == (False, True)
    store.set_archived(audit_id, False)
    assert (both(False), both(True)) == (True, True)
