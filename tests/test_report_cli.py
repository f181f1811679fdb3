"""`auditor-app report` as a user runs it: a real process, a real database and key file."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from auditor_app.signing import keys
from tests.conftest import have, run_cli

PASSPHRASE = "correct horse 审核"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> dict[str, Path]:
    """One demo database and one trial key file (EC, issued by a test CA) for the module."""
    folder = tmp_path_factory.mktemp("report_cli")
    db = _demo_db(folder / "audits.sqlite")
    ca = keys.create_test_ca("CLI Test CB Root", org="CLI Test CB")
    key = keys.create_auditor_key("王建国", org="CLI Test CB", ca=ca, key_type="ec")
    key_file = keys.write_pkcs12(key, folder / "auditor.p12", PASSPHRASE)
    outsider = keys.create_auditor_key("张三", org="CLI Test CB", ca=ca, key_type="ec")
    outsider_file = keys.write_pkcs12(outsider, folder / "outsider.p12", PASSPHRASE)
    ca_file = ca.save_certificate(folder / "ca.pem")
    return {
        "folder": folder,
        "db": db,
        "key": key_file,
        "outsider": outsider_file,
        "ca": ca_file,
    }


def _demo_db(path: Path) -> Path:
    """A database holding the demo audit (number 1), made in-process: faster than a child."""
    from auditor_app.services.demo import create_demo
    from auditor_app.store.audit_store import AuditStore

    with AuditStore(path, actor="tester") as store:
        create_demo(store)
    return path


def _field(stdout: str, name: str) -> str:
    match = re.search(rf"^{name}:\s+(.+)$", stdout, re.MULTILINE)
    assert match, stdout
    return match.group(1).strip()


def test_draft_then_signed_then_refused(workspace):
    db, folder = str(workspace["db"]), workspace["folder"]
    draft = run_cli("report", "--db", db, "--audit", "1", "--out", str(folder / "draft.pdf"))
    assert _field(draft.stdout, "status") == "draft (not signed)"
    assert int(_field(draft.stdout, "pages")) >= 10
    assert len(_field(draft.stdout, "sha256")) == 64
    assert (folder / "draft.pdf").is_file()

    env = {"AUDITOR_PASSPHRASE": PASSPHRASE}
    signed = run_cli(
        "report",
        "--db",
        db,
        "--audit",
        "1",
        "--out",
        str(folder / "signed.pdf"),
        "--key",
        str(workspace["key"]),
        env=env,
    )
    assert _field(signed.stdout, "status").startswith("signed and locked")
    # the role comes from the audit team: the key is 王建国's, the demo's team leader
    assert _field(signed.stdout, "signer") == "王建国 (审核组长 Team leader)"
    verify = run_cli("verify", str(folder / "signed.pdf"), "--trust", str(workspace["ca"]))
    assert "Verdict:" in verify.stdout and "OK" in verify.stdout
    if have("pdfsig"):
        sig = subprocess.run(
            ["pdfsig", str(folder / "signed.pdf")], capture_output=True, text=True
        ).stdout
        assert "Signature is Valid" in sig

    again = run_cli(
        "report",
        "--db",
        db,
        "--audit",
        "1",
        "--out",
        str(folder / "again.pdf"),
        "--key",
        str(workspace["key"]),
        env=env,
        check=False,
    )
    assert again.returncode == 1
    assert "signed and locked" in again.stderr and "audit revise" in again.stderr
    assert "Traceback" not in again.stderr and len(again.stderr.strip().splitlines()) == 1
    assert not (folder / "again.pdf").exists()


def test_key_problems_are_one_clear_line(workspace, tmp_path):
    _demo_db(tmp_path / "db.sqlite")
    base = [
        "report",
        "--db",
        str(tmp_path / "db.sqlite"),
        "--audit",
        "1",
        "--out",
        str(tmp_path / "r.pdf"),
        "--key",
        str(workspace["key"]),
    ]
    wrong = run_cli(*base, env={"AUDITOR_PASSPHRASE": "wrong"}, check=False)
    assert wrong.returncode == 1 and "wrong passphrase" in wrong.stderr
    empty = run_cli(*base, env={"AUDITOR_PASSPHRASE": ""}, check=False, input="")
    assert empty.returncode == 2 and "AUDITOR_PASSPHRASE is set but empty" in empty.stderr
    checked = [wrong, empty]
    if "AUDITOR_PASSPHRASE" not in os.environ:
        # no passphrase in the environment and no terminal to ask on (stdin is a pipe)
        none = run_cli(*base, check=False, input="")
        assert none.returncode == 2 and "set AUDITOR_PASSPHRASE" in none.stderr
        checked.append(none)
    for proc in checked:
        assert "Traceback" not in proc.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_missing_font_and_bad_style_are_refused(tmp_path):
    # a fresh database: audit 1 of the shared one is locked once the first test ran
    db = str(_demo_db(tmp_path / "db.sqlite"))
    out = tmp_path / "r.pdf"
    font = run_cli(
        "report",
        "--db",
        db,
        "--audit",
        "1",
        "--out",
        str(out),
        check=False,
        env={"AUDITOR_APP_CJK_FONT": str(tmp_path / "no-such-font.ttf")},
    )
    assert font.returncode == 1 and "AUDITOR_APP_CJK_FONT" in font.stderr
    assert "does not exist" in font.stderr and "Traceback" not in font.stderr
    style = tmp_path / "style.toml"
    style.write_text('format = "auditor-report-style/1"\n[cb]\nname_zh = "X"\n', "utf-8")
    bad = run_cli(
        "report", "--db", db, "--audit", "1", "--out", str(out), "--style", str(style), check=False
    )
    assert bad.returncode == 1
    assert "missing table [page]" in bad.stderr and "cb.name_en" in bad.stderr
    assert not out.exists()


def test_signer_must_be_on_the_team_unless_allowed_with_a_role(workspace, tmp_path):
    db = str(_demo_db(tmp_path / "db.sqlite"))
    env = {"AUDITOR_PASSPHRASE": PASSPHRASE}
    out = tmp_path / "r.pdf"
    base = ["report", "--db", db, "--audit", "1", "--out", str(out)]
    outsider = [*base, "--key", str(workspace["outsider"])]

    refused = run_cli(*outsider, env=env, check=False)
    assert refused.returncode == 1
    assert "张三, who is not on this audit's team" in refused.stderr
    assert "--allow-signer-not-on-team --role TEXT" in refused.stderr
    assert "Traceback" not in refused.stderr and len(refused.stderr.strip().splitlines()) == 1

    no_role = run_cli(*outsider, "--allow-signer-not-on-team", env=env, check=False)
    assert no_role.returncode == 2 and "needs --role TEXT" in no_role.stderr
    leader = [*base, "--key", str(workspace["key"])]
    wrong_role = run_cli(*leader, "--role", "审核员 Auditor", env=env, check=False)
    assert wrong_role.returncode == 1
    assert "王建国 is on the audit team as 审核组长 Team leader" in wrong_role.stderr
    draft_role = run_cli(*base, "--role", "审核员 Auditor", check=False)
    assert draft_role.returncode == 2 and "need --key" in draft_role.stderr
    assert not out.exists()

    allowed = run_cli(*outsider, "--allow-signer-not-on-team", "--role", "评审员 Reviewer", env=env)
    assert _field(allowed.stdout, "signer") == "张三 (评审员 Reviewer, not on the audit team)"
    assert _field(allowed.stdout, "status") == "signed and locked"


def test_unprintable_characters_are_warned_about(tmp_path):
    from auditor_app.store.audit_store import AuditStore

    db = _demo_db(tmp_path / "db.sqlite")
    with AuditStore(db, actor="tester") as store:
        store.set_note(1, "5.1.1.1", "很好 \U0001f600")
    out = tmp_path / "r.pdf"
    draft = run_cli("report", "--db", str(db), "--audit", "1", "--out", str(out))
    assert draft.stderr.strip() == (
        "auditor-app: warning: item 5.1.1.1 note: \U0001f600 (U+1F600) is not in the report "
        "font; printed as [U+1F600]"
    )
    assert _field(draft.stdout, "status") == "draft (not signed)"
