"""Every refused package: a specific reason, a non-zero exit, and the database unchanged.

"Unchanged" is checked twice: the SQL dump (logical content) and the database file's bytes,
and no backup file appears (the backup is made only once a package is accepted).
"""

from __future__ import annotations

import hashlib
import io
import json
import warnings
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor_app.store.audit_store import AuditStore
from auditor_app.sync import build_package, import_package
from auditor_app.sync import format as fmt
from auditor_app.sync.merge import plan_merge
from tests.test_sync_support import (
    dump,
    members,
    repack,
    session_keys,
    sign_audit,
    zip_of,
)

K = session_keys()


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    """Signed r0 and r1 of the demo audit, a draft, a member package: made once."""
    from auditor_app.services.demo import create_demo

    path = tmp_path_factory.mktemp("source") / "leader.sqlite"
    with AuditStore(path, actor="王建国") as store:
        audit_id = create_demo(store)
        draft = build_package(store, audit_id, K.leader).data
        member = build_package(store, audit_id, K.member, member=True).data
        sign_audit(store, audit_id, K.leader)
        r0 = build_package(store, audit_id, K.leader).data
        r1_id = store.new_revision(audit_id, "correction")
        sign_audit(store, r1_id, K.leader)
        r1 = build_package(store, r1_id, K.leader).data
        # the member signs the leader's report into its own package: data and PDF disagree
        stolen = repack(r0, K.member)
    return {"r0": r0, "r1": r1, "draft": draft, "member": member, "stolen": stolen}


@pytest.fixture
def target(tmp_path, packages):
    """A committee database already holding r1 (so older/conflicting cases can be tried)."""
    s = AuditStore(tmp_path / "committee.sqlite", actor="clerk")
    assert import_package(s, packages["r1"], K.trust).status == "imported"
    yield s
    s.close()


def _files_state(store):
    db_file = store.path.read_bytes()
    backups = sorted(p.name for p in (store.path.parent / "backups").glob("*"))
    return hashlib.sha256(db_file).hexdigest(), backups


def _expect_refused(store, data, code, match=None, **kwargs):
    before, files_before = dump(store), _files_state(store)
    outcome = import_package(store, data, kwargs.pop("trust", K.trust), **kwargs)
    assert outcome.status == "refused", outcome
    assert outcome.code == code, outcome.reason
    if match:
        assert match in outcome.reason
    assert dump(store) == before
    assert _files_state(store) == files_before
    return outcome


def _flip_member_byte(package: bytes, name: str) -> bytes:
    """Change one byte of a stored member inside the zip, leaving the directory alone."""
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        info = zf.getinfo(name)
    raw = bytearray(package)
    offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[offset + info.compress_size // 2] ^= 0x55
    return bytes(raw)


def _with_extra(package: bytes, *extra: tuple[str, bytes]) -> bytes:
    return zip_of([*members(package).items(), *extra])


def _rewrite(package: bytes, name: str, data: bytes) -> bytes:
    files = members(package)
    files[name] = data
    return zip_of(list(files.items()))


def _bump_format(manifest):
    manifest["format"] = "auditor-package/2"


def _bump_data_format(doc):
    doc["format"] = "auditor-audit-data/7"


def _unknown_item(doc):
    doc["results"][0]["item_id"] = "9.9.9"


CASES = {
    # name: (build(packages) -> bytes, code, text in the reason)
    "truncated": (lambda p: p["r0"][: len(p["r0"]) // 2], "damaged", "truncated"),
    "random bytes": (lambda p: b"PK\x03\x04" + bytes(range(256)) * 4, "damaged", None),
    "not a package": (
        lambda p: zip_of([("audit.json", b"{}")]),
        "unknown_format",
        "no manifest.json",
    ),
    "member changed": (
        lambda p: _rewrite(
            p["r0"],
            "audit.json",
            members(p["r0"])["audit.json"].replace(b"nonconform", b"conform   ", 1),
        ),
        "tampered",
        "audit.json was changed",
    ),
    "member grown": (
        lambda p: _rewrite(p["r0"], "audit.json", members(p["r0"])["audit.json"] + b" "),
        "tampered",
        "size differs",
    ),
    "photo byte flipped": (
        lambda p: _flip_member_byte(
            p["r0"], next(n for n in members(p["r0"]) if n.startswith("attachments/"))
        ),
        "tampered",
        None,
    ),
    "manifest changed": (
        lambda p: _rewrite(
            p["r0"],
            "manifest.json",
            members(p["r0"])["manifest.json"].replace(b'"kind": "revision"', b'"kind":"revision"'),
        ),
        "bad_signature",
        "changed after it was signed",
    ),
    "signature missing": (
        lambda p: zip_of([(n, d) for n, d in members(p["r0"]).items() if n != "manifest.sig"]),
        "bad_signature",
        "not signed",
    ),
    "signature junk": (
        lambda p: _rewrite(p["r0"], "manifest.sig", b"\x30\x03\x02\x01\x01"),
        "bad_signature",
        None,
    ),
    "foreign signer": (lambda p: repack(p["r0"], K.stranger), "untrusted", "Mallory"),
    "pdf signer differs": (lambda p: p["stolen"], "signer_mismatch", "report was signed by"),
    "claimed sender differs": (
        lambda p: repack(
            p["r0"],
            K.leader,
            edit_manifest=lambda m: m["sender"].update(fingerprint_sha256="00" * 32),
        ),
        "signer_mismatch",
        "names sender",
    ),
    "future package version": (
        lambda p: repack(p["r0"], K.leader, edit_manifest=_bump_format),
        "future_version",
        "newer version",
    ),
    "future data version": (
        lambda p: repack(p["r0"], K.leader, edit_data=_bump_data_format),
        "future_version",
        "audit.json",
    ),
    "foreign format": (
        lambda p: repack(
            p["r0"], K.leader, edit_manifest=lambda m: m.update(format="something-else/1")
        ),
        "unknown_format",
        None,
    ),
    "path traversal": (
        lambda p: _with_extra(p["r0"], ("../../evil.sh", b"rm -rf ~")),
        "path_traversal",
        "../../evil.sh",
    ),
    "absolute path": (
        lambda p: _with_extra(p["r0"], ("/etc/cron.d/x", b"x")),
        "path_traversal",
        None,
    ),
    "unexpected member": (
        lambda p: _with_extra(p["r0"], ("notes.txt", b"hello")),
        "unexpected_member",
        "notes.txt",
    ),
    "member added after signing": (
        lambda p: _with_extra(p["r0"], ("attachments/" + "ab" * 32 + ".jpg", b"\xff\xd8")),
        "unexpected_member",
        "added after signing",
    ),
    "member removed": (
        lambda p: zip_of(
            [(n, d) for n, d in members(p["r0"]).items() if not n.startswith("thumbs/")]
        ),
        "missing_member",
        None,
    ),
    "zip bomb": (
        lambda p: _with_extra(p["r0"], ("attachments/" + "cd" * 32 + ".bin", bytes(40 * 2**20))),
        "too_large",
        "zip bomb",
    ),
    "invalid data": (
        lambda p: repack(p["r0"], K.leader, edit_data=_unknown_item),
        "invalid_data",
        "9.9.9",
    ),
    "member package": (lambda p: p["member"], "wrong_kind", "merge"),
    "older revision": (lambda p: p["r0"], "older_revision", "newer revision 1"),
    "conflicting revision": (
        lambda p: repack(
            p["r1"],
            K.leader,
            edit_data=lambda d: d["audit"].update(uid="another-uid"),
            edit_manifest=lambda m: m["audit"].update(uid="another-uid"),
        ),
        "conflicting_revision",
        None,
    ),
    "same uid, other content": (
        lambda p: repack(p["r1"], K.leader, edit_data=lambda d: d["report"].update(signer="x")),
        "conflicting_revision",
        "different copy",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_refused_with_reason_and_nothing_changed(case, packages, target):
    build, code, text = CASES[case]
    _expect_refused(target, build(packages), code, text)


def test_duplicate_member_names(packages, target):
    files = members(packages["r0"])
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate it writes
        with zipfile.ZipFile(out, "w") as zf:
            for name, data in files.items():
                zf.writestr(name, data)
            zf.writestr("audit.json", b"{}")
    _expect_refused(target, out.getvalue(), "duplicate_member", "twice")


def test_untrusted_without_trust_list(packages, target):
    _expect_refused(target, packages["r0"], "untrusted", "--trust", trust=[])


def test_member_package_trusted_only_with_trust(packages, target):
    with pytest.raises(Exception, match="not in the trusted list"):
        plan_merge(target, 1, packages["member"], [K.stranger_ca.certificate])


def test_cli_refusal_exit_code(packages, tmp_path):
    from tests.conftest import run_cli

    bad = tmp_path / "bad.auditpkg"
    bad.write_bytes(packages["r0"][:1000])
    proc = run_cli("package", "import", "--db", str(tmp_path / "x.sqlite"), str(bad), check=False)
    assert proc.returncode == 1
    assert "Refused (damaged)" in proc.stdout and "Nothing was changed" in proc.stdout


# -- fuzzing: whatever the bytes, a clear refusal (or an intact import), never a crash ------
def _mutate(data: bytes, positions: list[int], values: list[int], cut: int | None) -> bytes:
    raw = bytearray(data)
    for pos, value in zip(positions, values, strict=False):
        raw[pos % len(raw)] = value
    return bytes(raw[:cut] if cut else raw)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2048))
def test_fuzz_random_bytes(target, data):
    before = dump(target)
    outcome = import_package(target, data, K.trust)
    assert outcome.status == "refused" and outcome.code and outcome.reason
    assert dump(target) == before


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    positions=st.lists(st.integers(min_value=0), min_size=1, max_size=6),
    values=st.lists(st.integers(min_value=0, max_value=255), min_size=6, max_size=6),
    cut=st.one_of(st.none(), st.integers(min_value=1, max_value=200_000)),
)
def test_fuzz_mutated_packages(packages, target, positions, values, cut):
    before = dump(target)
    data = _mutate(packages["draft"], positions, values, cut)
    outcome = import_package(target, data, K.trust)
    assert outcome.status in ("refused", "imported", "unchanged"), outcome
    if outcome.status == "refused":
        assert outcome.code and outcome.reason
        assert dump(target) == before
    else:  # the bytes that changed carried no meaning (zip times, padding): content intact
        doc = json.loads(members(packages["draft"])["audit.json"])
        assert target.audit(outcome.audit_id)["uid"] == doc["audit"]["uid"]


def test_limits_are_sane():
    assert fmt.MAX_TOTAL_BYTES >= fmt.MAX_MEMBER_BYTES
    assert fmt.MAX_RATIO >= 20  # real JSON must pass
