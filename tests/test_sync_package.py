"""Packages: round trip, idempotency, revision order, encryption, the email limit, the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from auditor_app.core.errors import InputError
from auditor_app.services.audits import AuditService
from auditor_app.store.audit_store import AuditStore
from auditor_app.sync import build_package, import_package, read_package, write_package
from auditor_app.sync import format as fmt
from auditor_app.sync.auditdata import build_document
from auditor_app.sync.journal import attempts_path, import_log
from tests.conftest import run_cli
from tests.test_sync_support import (
    PASSPHRASE,
    dump,
    members,
    rsa_committee_key,
    session_keys,
    sign_audit,
    write_cert,
    write_key,
)


@pytest.fixture
def keys():
    return session_keys()


@pytest.fixture
def other(tmp_path):
    s = AuditStore(tmp_path / "committee.sqlite", actor="committee clerk")
    yield s
    s.close()


@pytest.fixture(scope="module")
def signed_source(tmp_path_factory):
    """A database with the demo audit signed by the leader: made once, copied per test."""
    from auditor_app.services.demo import create_demo

    path = tmp_path_factory.mktemp("signed") / "leader.sqlite"
    with AuditStore(path, actor="王建国") as store:
        audit_id = create_demo(store)
        sign_audit(store, audit_id, session_keys().leader)
    return path, audit_id


@pytest.fixture
def src(signed_source, tmp_path):
    path, _ = signed_source
    copy = tmp_path / "leader.sqlite"
    shutil.copyfile(path, copy)
    s = AuditStore(copy, actor="王建国")
    yield s
    s.close()


@pytest.fixture
def signed_demo(signed_source):
    return signed_source[1]


def _attachment_bytes(store, audit_id):
    return {
        a["sha256"]: (
            store.attachment_data(a["sha256"]),
            store.attachment_data(a["sha256"], thumb=True),
        )
        for a in store.attachments(audit_id)
    }


def test_round_trip_gives_the_same_audit(src, other, signed_demo, keys):
    package = build_package(src, signed_demo, keys.leader)
    assert package.signed and package.kind == "revision" and not package.over_limit
    names = set(members(package.data))
    assert {"manifest.json", "manifest.sig", "audit.json", "report.pdf"} <= names
    assert sum(n.startswith("attachments/") for n in names) == 3

    outcome = import_package(other, package.data, keys.trust)
    assert outcome.status == "imported", outcome.reason
    new_id = outcome.audit_id
    # the same document comes back out: every row, uid, note, method, finding, link
    assert build_document(other, new_id) == build_document(src, signed_demo)
    before, after = AuditService(src).score(signed_demo), AuditService(other).score(new_id)
    assert (after.total, after.level) == (before.total, before.level)
    assert [f["uid"] for f in other.findings(new_id)] == [
        f["uid"] for f in src.findings(signed_demo)
    ]
    assert _attachment_bytes(other, new_id) == _attachment_bytes(src, signed_demo)
    assert bytes(other.latest_report(new_id)["pdf"]) == bytes(src.latest_report(signed_demo)["pdf"])
    row = other.audit(new_id)
    assert row["locked"] == 1 and row["status"] == "signed"
    # the import is recorded: log table, trail, attempts file, and a backup was made first
    log = import_log(other)
    assert [(r["result"], r["sender"], r["package_sha256"]) for r in log] == [
        ("imported", "王建国", package.sha256)
    ]
    assert other.trail(new_id)[-1]["action"] == "import"
    assert outcome.backup and Path(outcome.backup).parent == other.path.parent / "backups"
    assert Path(outcome.backup).exists()
    assert attempts_path(other.path).read_text("utf-8").count("\n") == 1


def test_same_package_twice_changes_nothing(src, other, signed_demo, keys):
    package = build_package(src, signed_demo, keys.leader).data
    assert import_package(other, package, keys.trust).status == "imported"
    before = dump(other)
    again = import_package(other, package, keys.trust)
    assert again.status == "unchanged" and "already" in again.reason
    assert again.backup is None
    assert dump(other) == before
    # a fresh export of the same signed revision is the same thing too
    assert (
        import_package(other, build_package(src, signed_demo, keys.leader).data, keys.trust).status
        == "unchanged"
    )
    assert dump(other) == before


def test_draft_round_trip_and_idempotency(store, other, demo_audit, keys):
    package = build_package(store, demo_audit, keys.leader)
    assert not package.signed and "report.pdf" not in members(package.data)
    outcome = import_package(other, package.data, keys.trust)
    assert outcome.status == "imported"
    assert other.audit(outcome.audit_id)["locked"] == 0
    assert build_document(other, outcome.audit_id) == build_document(store, demo_audit)
    before = dump(other)
    assert import_package(other, package.data, keys.trust).status == "unchanged"
    assert dump(other) == before


def test_newer_revision_supersedes_and_older_never_overwrites(src, tmp_path, signed_demo, keys):
    r0 = build_package(src, signed_demo, keys.leader).data
    r1_id = src.new_revision(signed_demo, "5.1.2.2 rectified")
    AuditService(src).record(r1_id, "5.1.2.2", None)
    sign_audit(src, r1_id, keys.leader)
    r1 = build_package(src, r1_id, keys.leader).data

    with AuditStore(tmp_path / "forward.sqlite") as forward:
        assert import_package(forward, r0, keys.trust).status == "imported"
        outcome = import_package(forward, r1, keys.trust)
        assert outcome.status == "superseded" and "revision 0" in outcome.reason
        rows = {r["revision"]: r for r in forward.list_audits()}
        assert set(rows) == {0, 1}  # the older one stays in the history
        assert forward.audit(outcome.audit_id)["supersedes_uid"] == rows[0]["uid"]

    with AuditStore(tmp_path / "backward.sqlite") as backward:
        assert import_package(backward, r1, keys.trust).status == "imported"
        before = dump(backward)
        late = import_package(backward, r0, keys.trust)
        assert late.status == "refused" and late.code == "older_revision"
        assert "newer revision 1" in late.reason
        assert dump(backward) == before


@pytest.mark.parametrize("rsa", [False, True], ids=["ec-ecdh", "rsa-oaep"])
def test_encrypted_round_trip(src, other, signed_demo, keys, rsa):
    committee = rsa_committee_key() if rsa else keys.committee
    package = build_package(src, signed_demo, keys.leader, recipient=committee.certificate)
    assert package.encrypted
    assert set(members(package.data)) == {"envelope.json", "payload.enc"}
    header = json.loads(members(package.data)["envelope.json"])
    assert header["recipient"]["fingerprint_sha256"] == committee.fingerprint
    assert b"audit.json" not in package.data  # nothing readable without the key

    outcome = import_package(other, package.data, keys.trust, key=committee)
    assert outcome.status == "imported" and outcome.encrypted
    assert build_document(other, outcome.audit_id) == build_document(src, signed_demo)


def test_encrypted_package_needs_the_recipients_key(src, other, signed_demo, keys):
    data = build_package(src, signed_demo, keys.leader, recipient=keys.committee.certificate).data
    before = dump(other)
    no_key = import_package(other, data, keys.trust)
    assert no_key.code == "encrypted_no_key" and "评审委员会" in no_key.reason
    wrong = import_package(other, data, keys.trust, key=keys.member)
    assert wrong.code == "wrong_key" and "李晓梅" in wrong.reason
    # one changed ciphertext byte: the GCM tag refuses it
    files = members(data)
    payload = bytearray(files["envelope.json"] and files["payload.enc"])
    payload[len(payload) // 2] ^= 1
    from tests.test_sync_support import zip_of

    changed = zip_of([("envelope.json", files["envelope.json"]), ("payload.enc", payload)])
    assert (
        import_package(other, changed, keys.trust, key=keys.committee).code == "decryption_failed"
    )
    assert dump(other) == before


def test_email_limit_is_the_users_setting(store, demo_audit, keys, tmp_path):
    package = build_package(store, demo_audit, keys.leader)
    assert package.limit_bytes == 20_000_000
    store.set_setting("email_limit_mb", "0.05")
    big = build_package(store, demo_audit, keys.leader)
    assert big.over_limit and "email limit" in big.size_text()
    out = tmp_path / "audit.auditpkg"
    with pytest.raises(InputError, match="too large to email"):
        write_package(big, out)
    assert not out.exists()
    write_package(big, out, force=True)
    assert out.read_bytes() == big.data


def test_member_package_limited_to_items(store, demo_audit, keys):
    package = build_package(store, demo_audit, keys.member, member=True, items=["5.2"])
    verified = read_package(package.data, keys.trust)
    assert verified.kind == "member" and verified.sender == "李晓梅"
    items = {r["item_id"] for r in verified.data.doc["results"]}
    assert items and all(i.startswith("5.2.") for i in items)
    assert all((f["item_id"] or "").startswith("5.2.") for f in verified.data.doc["findings"])
    assert "report.pdf" not in members(package.data)


def test_report_and_package_signer_must_match_at_export(src, signed_demo, keys):
    from auditor_app.sync.errors import SyncError

    with pytest.raises(SyncError, match="different key"):
        build_package(src, signed_demo, keys.member)


def test_manifest_lists_every_member_with_hash(src, signed_demo, keys):
    import hashlib

    files = members(build_package(src, signed_demo, keys.leader).data)
    manifest = json.loads(files.pop("manifest.json"))
    files.pop("manifest.sig")
    assert manifest["format"] == "auditor-package/1" and manifest["kind"] == "revision"
    assert {m["path"]: (m["sha256"], m["size"]) for m in manifest["members"]} == {
        n: (hashlib.sha256(d).hexdigest(), len(d)) for n, d in files.items()
    }
    assert json.loads(files["audit.json"])["format"] == "auditor-audit-data/1"
    assert fmt.check_version("auditor-package/1", "auditor-package", 1, "x") == 1


def test_cli_export_import(db_path, tmp_path, keys):
    key = write_key(keys.leader, tmp_path, "leader")
    ca = write_cert(keys.ca.certificate, tmp_path, "ca")
    committee_cert = write_cert(keys.committee.certificate, tmp_path, "committee")
    committee_key = write_key(keys.committee, tmp_path, "committee")
    env = {"AUDITOR_PASSPHRASE": PASSPHRASE}
    with AuditStore(db_path) as store:
        from auditor_app.services.demo import create_demo

        audit_id = create_demo(store)
        sign_audit(store, audit_id, keys.leader)
    out = tmp_path / "audit.auditpkg"
    args = [
        "package",
        "export",
        "--db",
        str(db_path),
        "--audit",
        str(audit_id),
        "--out",
        str(out),
        "--key",
        str(key),
        "--to",
        str(committee_cert),
    ]
    with AuditStore(db_path) as store:
        store.set_setting("email_limit_mb", "0.01")
    refused = run_cli(*args, env=env, check=False)
    assert refused.returncode == 1 and "Not written" in refused.stdout and not out.exists()
    done = run_cli(*args, "--force", env=env)
    assert "signed revision" in done.stdout and "encrypted" in done.stdout and out.exists()

    target = tmp_path / "committee.sqlite"
    imported = run_cli(
        "package",
        "import",
        "--db",
        str(target),
        str(out),
        "--json",
        "--trust",
        str(ca),
        "--key",
        str(committee_key),
        env=env,
    )
    assert json.loads(imported.stdout)["status"] == "imported"


def test_reading_a_package_first_does_not_break_pdf_signing_later(tmp_path):
    """asn1crypto freezes its OID name table on first use; verifying a manifest before
    pyHanko was imported once broke every later PDF signature in the same process (the GUI
    imports packages and signs reports in one process). Needs a fresh interpreter."""
    import subprocess
    import sys

    code = (
        "from tests.test_sync_support import session_keys, sign_audit, _tiny_pdf\n"
        "from auditor_app.sync.cms import sign_detached, verify_detached\n"
        "from auditor_app.signing.sign import sign_pdf\n"
        "k = session_keys()\n"
        "verify_detached(sign_detached(b'x', k.leader), b'x')\n"
        "sign_pdf(_tiny_pdf(), k.leader, role='r', reason='x', location='y')\n"
    )
    from tests.conftest import REPO

    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, encoding="utf-8", cwd=REPO, timeout=120
    )
    assert proc.returncode == 0, proc.stderr


def test_photos_embedded_in_the_signed_report_travel_once(store, other, demo_audit, keys, tmp_path):
    """With the real report service the photos are inside the signed PDF byte for byte; the
    package lists them at their offset in report.pdf instead of carrying a second copy."""
    from auditor_app.report.service import export_report
    from tests.test_sync_support import repack

    export_report(store, demo_audit, tmp_path / "report.pdf", key=keys.leader)
    package = build_package(store, demo_audit, keys.leader).data
    files = members(package)
    assert not any(n.startswith("attachments/") for n in files)
    carried = [m for m in json.loads(files["manifest.json"])["members"] if "in" in m]
    assert len(carried) == 3 and all(m["in"] == "report.pdf" for m in carried)

    outcome = import_package(other, package, keys.trust)
    assert outcome.status == "imported", outcome.reason
    assert _attachment_bytes(other, outcome.audit_id) == _attachment_bytes(store, demo_audit)

    # a signed manifest pointing a photo at other bytes of the report is still refused
    def shift(manifest):
        for m in manifest["members"]:
            if "in" in m:
                m["offset"] += 1

    moved = repack(package, keys.leader, edit_manifest=shift)
    with AuditStore(tmp_path / "third.sqlite") as third:
        refused = import_package(third, moved, keys.trust)
    assert refused.code == "tampered", refused.reason
