"""Scenarios for the sync GUI tests (no tests here): real databases, keys and packages.

Everything is made with the real services and the trial keys of `test_sync_support`: a
leader's database with a signed demo audit and a draft team audit, a member's database whose
package conflicts with the leader on one item, and the key and certificate files a user would
pick in the dialogs.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from auditor_app.core.results import ItemResult
from auditor_app.services.audits import AuditService, ClientInfo
from auditor_app.services.demo import create_demo
from auditor_app.store.audit_store import AuditStore
from auditor_app.sync import build_package, import_package, write_package
from tests.test_sync_support import PASSPHRASE, session_keys, sign_audit, write_cert, write_key

LEADER, MEMBER = "王建国", "李晓梅"
CONFLICT_ITEM = "5.1.2.2"  # leader: nonconform, member: conform


@dataclass(frozen=True)
class World:
    folder: Path
    leader_db: Path
    signed_audit: int  # signed demo audit in the leader's database
    team_audit: int  # draft audit the member worked on
    member_package: Path  # the member's package for team_audit (one conflict)
    leader_key: Path
    committee_key: Path
    committee_cert: Path
    ca: Path
    passphrase: str = PASSPHRASE


def build_world(folder: Path) -> World:
    """Make every database and file once; tests copy the databases they change."""
    keys = session_keys()
    folder.mkdir(parents=True, exist_ok=True)
    leader_db = folder / "leader.sqlite"
    with AuditStore(leader_db, actor=LEADER) as leader:
        signed = create_demo(leader)
        sign_audit(leader, signed, keys.leader)
        service = AuditService(leader)
        team = service.create_audit(
            ClientInfo("测试客户有限公司"), "initial", headcount={"full_time": 120}
        )
        leader.replace_team(
            team, [{"name": LEADER, "role": "leader"}, {"name": MEMBER, "role": "member"}]
        )
        service.record(team, "5.1.1.1", ItemResult("conform"))
        service.record(team, CONFLICT_ITEM, ItemResult("nonconform"))
        leader.set_note(team, CONFLICT_ITEM, "服务承诺未公示。")
        handout = build_package(leader, team, keys.leader).data
    with AuditStore(folder / "member.sqlite", actor=MEMBER) as member:
        copy = import_package(member, handout, keys.trust).audit_id
        work = AuditService(member)
        work.record(copy, "5.2.1.1", ItemResult("conform"))
        member.set_note(copy, "5.2.1.1", "说明书与铭牌一致。")
        work.record(copy, CONFLICT_ITEM, ItemResult("conform"))
        member.set_note(copy, CONFLICT_ITEM, "承诺已在服务大厅公示，拍照为证。")
        work.add_finding(copy, "minor", "1 张配送单超时未通知顾客。", item_id="5.2.1.1")
        package = folder / "member.auditpkg"
        write_package(build_package(member, copy, keys.member, member=True), package)
    return World(
        folder,
        leader_db,
        signed,
        team,
        package,
        write_key(keys.leader, folder, "leader"),
        write_key(keys.committee, folder, "committee"),
        write_cert(keys.committee.certificate, folder, "committee"),
        write_cert(keys.ca.certificate, folder, "ca"),
    )


def copy_db(source: Path, target: Path) -> Path:
    """A private copy of a database (with its WAL checkpointed into the file first)."""
    with AuditStore(source) as store:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)
    return target
