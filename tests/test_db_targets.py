"""`--db` targets the app refuses are left exactly as they were; new folders are private."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from auditor_app.cli import main as cli_main
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.backup import check_database
from auditor_app.store.db import ReadOnlyDatabaseError, StoreError
from tests.test_faults import fill, tiny_fs  # noqa: F401  (a real 2 MB file system)

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and devices")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _neighbours(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def _refused_untouched(path: Path) -> None:
    before = (path.read_bytes(), _mode(path), _neighbours(path))
    with pytest.raises(StoreError):
        AuditStore(path, actor="tester")
    assert check_database(path).status != "ok"
    assert (path.read_bytes(), _mode(path), _neighbours(path)) == before


def test_text_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("meeting notes 会议记录\n", encoding="utf-8")
    if os.name == "posix":
        path.chmod(0o644)
    _refused_untouched(path)


def test_other_programs_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('x')")
    conn.commit()
    conn.close()
    if os.name == "posix":
        path.chmod(0o644)
    with pytest.raises(StoreError, match="another program's SQLite database"):
        AuditStore(path, actor="tester")
    assert check_database(path).status == "unreadable"
    assert _mode(path) == 0o644 or os.name != "posix"
    assert _neighbours(path) == {"other.sqlite"}
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not switched to WAL
    conn.close()


@posix_only
def test_dev_null_is_refused_untouched(capsys):
    dev_null = Path("/dev/null")
    mode, journal = _mode(dev_null), Path("/dev/null-journal").exists()
    assert cli_main.main(["audit", "list", "--db", "/dev/null"]) != 0
    err = capsys.readouterr().err
    assert "not a regular file" in err and "Traceback" not in err
    assert check_database(dev_null).status == "unreadable"
    assert _mode(dev_null) == mode
    assert Path("/dev/null-journal").exists() == journal


def test_cli_refuses_a_non_database_in_one_line(tmp_path, capsys):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"x" * 200)
    assert cli_main.main(["audit", "list", "--db", str(path)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a readable auditor database" in err[0], err


def test_new_database_folder_is_private(tmp_path, capsys):
    path = tmp_path / "new" / "deeper" / "audits.sqlite"
    assert cli_main.main(["audit", "list", "--db", str(path)]) == 0
    assert path.is_file()
    if os.name == "posix":
        assert _mode(path.parent) == 0o700
        assert _mode(path) == 0o600


@posix_only
def test_sound_database_is_still_tightened(tmp_path):
    path = tmp_path / "audits.sqlite"
    AuditStore(path, actor="tester").close()
    path.chmod(0o644)
    AuditStore(path, actor="tester").close()
    assert _mode(path) == 0o600


@pytest.mark.parametrize("existing", [True, False], ids=["existing", "new"])
def test_full_disk_on_opening_is_called_full(tiny_fs, existing):  # noqa: F811
    path = tiny_fs / "audits.sqlite"
    if existing:
        AuditStore(path, actor="tester").close()
    fill(tiny_fs)
    with pytest.raises(StoreError, match="is full") as info:
        AuditStore(path, actor="tester")
    assert not isinstance(info.value, ReadOnlyDatabaseError)
    assert "read-only" not in str(info.value)


@pytest.mark.parametrize("ref", [str(2**70), "9" * 40, "١٢"])
def test_huge_or_foreign_audit_numbers_are_no_audit(tmp_path, capsys, ref):
    path = tmp_path / "audits.sqlite"
    assert cli_main.main(["audit", "show", "--db", str(path), "--audit", ref]) != 0
    err = capsys.readouterr().err
    assert "there is no audit" in err and "Traceback" not in err, err


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0", "1e30"])
def test_email_limit_has_sane_bounds(tmp_path, capsys, value):
    path = tmp_path / "audits.sqlite"
    assert cli_main.main(["package", "limit", "--db", str(path), value]) == 2
    err = capsys.readouterr().err
    assert "the limit must be between 0 and 1000 MB" in err and "Traceback" not in err
    assert cli_main.main(["package", "limit", "--db", str(path)]) == 0  # nothing was saved
    assert "email limit: 20 MB" in capsys.readouterr().out


def test_a_stored_infinite_limit_is_a_clear_error(tmp_path, capsys):
    """The store now refuses `inf`; a database saved by an older version may still hold it."""
    import sqlite3

    path = tmp_path / "audits.sqlite"
    with AuditStore(path, actor="tester"):
        pass
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO settings (key, value) VALUES ('email_limit_mb', 'inf')")
    db.close()
    assert cli_main.main(["package", "limit", "--db", str(path)]) != 0
    err = capsys.readouterr().err
    assert "must be between 0 and 1000 MB" in err and "Traceback" not in err


def test_a_closed_pipe_is_not_a_traceback(tmp_path):
    """`auditor-app … | head`: the reader goes away before the output is written."""
    import subprocess
    import sys

    target = tmp_path / "not.pdf"
    target.write_bytes(b"x" * 10)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUTF8": "1"}
    child = subprocess.Popen(
        [sys.executable, "-m", "auditor_app", "verify", str(target), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # like `head` exiting at once
    with child.stderr:
        err = child.stderr.read().decode("utf-8")
    child.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipeError" not in err, err


def test_package_export_onto_a_full_disk(tiny_fs, tmp_path):  # noqa: F811
    from auditor_app.services.demo import create_demo
    from auditor_app.sync import build_package
    from auditor_app.sync.errors import SyncError
    from auditor_app.sync.export import write_package
    from tests.test_sync_support import session_keys

    with AuditStore(tmp_path / "audits.sqlite", actor="王建国") as store:
        result = build_package(store, create_demo(store), session_keys().leader)
    fill(tiny_fs)
    out = tiny_fs / "audit.zip"
    with pytest.raises(SyncError, match="is full: the package") as info:
        write_package(result, out)
    assert "read-only" not in str(info.value)
    assert not out.exists() and not [p for p in tiny_fs.iterdir() if p.name.startswith(".")]
