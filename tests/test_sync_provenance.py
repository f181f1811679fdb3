"""Package provenance: a series id copied into a package does not let it revise an audit.

A trusted sender can put any series id into a package. A revision may continue a series only
for the same client, naming a revision held here as the one it replaces, and from that audit's
team; anything else is refused with `foreign_series` and the database stays byte-identical.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from auditor_app.signing import keys
from auditor_app.store.audit_store import AuditStore
from auditor_app.sync import build_package, import_package
from tests.test_sync_support import dump, members, repack, session_keys, sign_audit

K = session_keys()


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """The demo audit: its draft package and signed revision 0."""
    from auditor_app.services.demo import create_demo

    path = tmp_path_factory.mktemp("src") / "leader.sqlite"
    with AuditStore(path, actor="王建国") as store:
        audit_id = create_demo(store)
        draft = build_package(store, audit_id, K.leader).data
        sign_audit(store, audit_id, K.leader)
        r0 = build_package(store, audit_id, K.leader).data
    return {"draft": draft, "r0": r0}


def _audit(package: bytes) -> dict:
    return json.loads(members(package)["audit.json"])["audit"]


def _as_revision(package: bytes, key, *, series: str, revision: int, replaces, client=None):
    """`package` turned into revision `revision` of `series` with a new uid, re-signed."""

    def edit_data(doc):
        doc["audit"].update(
            uid="hostile-" + hashlib.sha256(series.encode()).hexdigest()[:12],
            series_uid=series,
            revision=revision,
            supersedes_uid=replaces,
            revision_reason="hostile",
        )
        for finding in doc["findings"]:  # findings of a revision get new uids
            finding["uid"] = "h-" + finding["uid"]
        if client is not None:
            doc["organisation"]["name"] = client

    def edit_manifest(manifest):
        manifest["audit"].update(
            uid="hostile-" + hashlib.sha256(series.encode()).hexdigest()[:12],
            series_uid=series,
            revision=revision,
        )

    return repack(package, key, edit_data=edit_data, edit_manifest=edit_manifest)


def _refused(store, package, text):
    before, db_bytes = dump(store), store.path.read_bytes()
    outcome = import_package(store, package, K.trust)
    assert outcome.status == "refused", outcome
    assert outcome.code == "foreign_series", outcome.reason
    assert text in outcome.reason, outcome.reason
    assert dump(store) == before
    assert store.path.read_bytes() == db_bytes


def test_series_of_another_client_is_refused(tmp_path, source):
    from auditor_app.services.audits import AuditService, ClientInfo

    with AuditStore(tmp_path / "other.sqlite", actor="clerk") as store:
        local = AuditService(store).create_audit(ClientInfo("另一家公司 Other Co"), "initial")
        series = store.audit(local)["series_uid"]
        uid = store.audit(local)["uid"]
        package = _as_revision(source["draft"], K.leader, series=series, revision=1, replaces=uid)
        _refused(store, package, "of another client (另一家公司 Other Co)")


def test_revision_from_outside_the_team_is_refused(tmp_path, source):
    outsider = keys.create_auditor_key("赵六", ca=K.ca, key_type="ec")  # trusted, not on team
    with AuditStore(tmp_path / "c.sqlite", actor="clerk") as store:
        assert import_package(store, source["r0"], K.trust).status == "imported"
        first = _audit(source["r0"])
        package = _as_revision(
            source["draft"], outsider, series=first["series_uid"], revision=1,
            replaces=first["uid"],
        )  # fmt: skip
        _refused(store, package, "sent by 赵六, who is not on the team")


def test_revision_replacing_an_unknown_uid_is_refused(tmp_path, source):
    with AuditStore(tmp_path / "c.sqlite", actor="clerk") as store:
        assert import_package(store, source["r0"], K.trust).status == "imported"
        first = _audit(source["r0"])
        package = _as_revision(
            source["draft"], K.leader, series=first["series_uid"], revision=2,
            replaces="not-here",
        )  # fmt: skip
        _refused(store, package, "import the revisions in between first")


def test_genuine_next_revision_still_supersedes(tmp_path, source):
    with AuditStore(tmp_path / "c.sqlite", actor="clerk") as store:
        assert import_package(store, source["r0"], K.trust).status == "imported"
        first = _audit(source["r0"])
        package = _as_revision(
            source["draft"], K.leader, series=first["series_uid"], revision=1,
            replaces=first["uid"],
        )  # fmt: skip
        outcome = import_package(store, package, K.trust)
        assert outcome.status == "superseded", outcome.reason


def _huge_revision(doc):
    doc["audit"]["revision"] = 2**63


@pytest.mark.parametrize(
    ("edit", "edit_manifest"),
    [
        (_huge_revision, _huge_revision),  # the manifest names the same revision
        (lambda d: d["audit"]["headcount"].update(full_time=10**30), None),
        (lambda d: d["sites"][0].update(headcount=10**30), None),
    ],
    ids=["revision-2^63", "headcount-10^30", "site-headcount-10^30"],
)
def test_huge_numbers_are_refused_not_a_crash(tmp_path, source, edit, edit_manifest):
    package = repack(source["draft"], K.leader, edit_data=edit, edit_manifest=edit_manifest)
    with AuditStore(tmp_path / "c.sqlite", actor="clerk") as store:
        before = dump(store)
        outcome = import_package(store, package, K.trust)
        assert outcome.status == "refused" and outcome.code == "invalid_data", outcome
        assert "holds a number beyond" in outcome.reason, outcome.reason
        assert dump(store) == before
