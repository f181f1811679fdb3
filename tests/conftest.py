"""Shared fixtures. Qt runs offscreen (without it and without a display pytest aborts)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent

# Child Pythons (the CLI run as a real process) write UTF-8 and the tests read UTF-8, whatever
# the Windows code page: tests check what is said, tests/test_console.py checks how a console on
# each code page gets it. This changes only the children's standard streams, nothing the app
# reads or writes in files.
os.environ["PYTHONIOENCODING"] = "utf-8"
SCHEMES = REPO / "resources" / "schemes"
DEFAULT_SCHEME = SCHEMES / "gbt27922-2011.toml"
STARS_SCHEME = SCHEMES / "cb-service-stars-7.toml"


@pytest.fixture
def default_scheme():
    from auditor_app.core.scheme import load_scheme

    return load_scheme(DEFAULT_SCHEME)


@pytest.fixture
def stars_scheme():
    from auditor_app.core.scheme import load_scheme

    return load_scheme(STARS_SCHEME)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "audits.sqlite"


@pytest.fixture
def store(db_path: Path):
    from auditor_app.store.audit_store import AuditStore

    s = AuditStore(db_path, actor="tester")
    yield s
    s.close()


@pytest.fixture
def service(store):
    from auditor_app.services.audits import AuditService

    return AuditService(store)


@pytest.fixture
def audit_id(service) -> int:
    """A fresh audit on the default scheme with nothing scored."""
    from auditor_app.services.audits import ClientInfo

    return service.create_audit(
        ClientInfo("测试客户有限公司"), "initial", headcount={"full_time": 120}
    )


@pytest.fixture
def demo_audit(store) -> int:
    from auditor_app.services.demo import create_demo

    return create_demo(store)


def run_cli(
    *args: str, check: bool = True, env: dict[str, str] | None = None, input: str | None = None
):
    """Run the real `python -m auditor_app` in a child process."""
    import subprocess

    for attempt in (1, 2):
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "auditor_app", *args],
                capture_output=True,
                encoding="utf-8",
                env={**os.environ, **(env or {})},
                input=input,
                timeout=120,
                cwd=REPO,
            )
            break
        except OSError as exc:
            # Wine's CreateProcess now and then fails with ERROR_INTERNAL_ERROR (1359) on a
            # loaded machine (seen in the Windows pass, 2026-12-05); the child never started,
            # so starting it again changes nothing. Real Windows and Linux do not retry.
            if attempt == 2 or getattr(exc, "winerror", None) != 1359 or not under_wine():
                raise
    if check and proc.returncode != 0:
        raise AssertionError(
            f"exit {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
    return proc


def have(tool: str) -> bool:
    return shutil.which(tool) is not None


def under_wine() -> bool:
    """Windows tests run by the rig (packaging/windows/rig.py) under Wine, not a real Windows."""
    if sys.platform != "win32":
        return False
    import ctypes

    return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")


def pdf_text(path: Path) -> str:
    """The text of a PDF: poppler's pdftotext (an independent reader) where it is installed,
    else pypdf (on Windows, where poppler's tools are not part of the test rig)."""
    import subprocess

    if have("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"],
            capture_output=True,
            encoding="utf-8",
            check=True,
        ).stdout
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
