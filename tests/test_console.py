"""Console output on a Windows code page that has no Chinese (English Windows: cp1252).

Redirected output on Windows uses the ANSI code page; the CLI must neither crash on a client's
Chinese name nor write JSON that a consumer on that code page cannot read back exactly.
`PYTHONIOENCODING` gives the child the same stream encoding on any system, so this runs on
Linux too; the Windows rig also runs this file under a real cp1252 locale.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from auditor_app.cli.console import is_utf8, make_safe

REPO = Path(__file__).resolve().parent.parent
CLIENT = "杭州恒信家电服务有限公司"


def _cli(*args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "auditor_app", *args],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        cwd=REPO,
        timeout=180,
    )


def test_demo_prints_chinese_names_as_escapes_on_cp1252(tmp_path):
    proc = _cli("demo", "--db", str(tmp_path / "a.sqlite"), encoding="cp1252")
    assert proc.returncode == 0, proc.stderr.decode("cp1252", "replace")
    out = proc.stdout.decode("cp1252")
    assert "created audit 1" in out
    assert "\\u676d\\u5dde" in out  # 杭州, escaped rather than a UnicodeEncodeError


def test_json_reads_back_exactly_whatever_the_code_page(tmp_path):
    db = str(tmp_path / "a.sqlite")
    assert _cli("demo", "--db", db, encoding="utf-8").returncode == 0
    for encoding in ("cp1252", "cp936", "utf-8"):
        proc = _cli("audit", "list", "--db", db, "--json", encoding=encoding)
        assert proc.returncode == 0, proc.stderr
        rows = json.loads(proc.stdout.decode(encoding))
        assert CLIENT in json.dumps(rows, ensure_ascii=False)
        if encoding != "utf-8":
            assert proc.stdout.isascii()


def test_errors_on_stderr_survive_too(tmp_path):
    missing = tmp_path / "审核" / "none.pdf"
    proc = _cli("verify", str(missing), encoding="cp1252")
    assert proc.returncode != 0
    err = proc.stderr.decode("cp1252")
    assert "Traceback" not in err and "auditor-app: error" in err


def test_make_safe_keeps_an_explicit_error_policy(tmp_path):
    with open(tmp_path / "out.txt", "w", encoding="cp1252", errors="strict") as stream:
        make_safe(stream)
        stream.write("审")
        assert stream.errors == "backslashreplace"
    assert (tmp_path / "out.txt").read_text(encoding="ascii") == "\\u5ba1"
    with open(tmp_path / "x.txt", "w", encoding="utf-8", errors="replace") as stream:
        make_safe(stream)
        assert stream.errors == "replace" and is_utf8(stream)
