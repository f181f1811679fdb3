"""A wheel built from the project installs into a clean venv and runs the demo and a signed report.

The resources travel inside the wheel (auditor_app/_resources); the commands run from a folder
outside the source tree, so nothing can be found there by accident. No network: the wheel is
installed with --no-deps and the new venv borrows this test venv's third-party packages through
a .pth line (a plain path entry: the editable install's finder there is not run).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from auditor_app.resources import resources_dir
from tests.conftest import under_wine

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    under_wine(),
    reason="venv creation and pip's --python do not work under Wine's CPython (no symlinks, "
    "pip re-launch fails); the installed wheel is checked on Linux",
)


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        args,
        cwd=cwd,
        env=env,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_wheel_installs_and_runs_demo_and_signed_report(tmp_path):
    env = {
        **os.environ,
        "PYTHONIOENCODING": "utf-8",
        "PYTHONUTF8": "1",
        "PIP_NO_INDEX": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    env.pop("AUDITOR_APP_RESOURCES", None)
    env.pop("PYTHONPATH", None)
    wheels = tmp_path / "wheels"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(REPO),
        ],
        tmp_path,
        env,
    )
    (wheel,) = wheels.glob("auditor_app-*.whl")

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path, env)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            tmp_path,
            env,
        ).strip()
    )
    (site / "test_venv_packages.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        tmp_path,
        env,
    )

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    found = _run(
        [
            str(python),
            "-c",
            "import auditor_app, auditor_app.resources as r; "
            "print(auditor_app.__file__); print(r.resources_dir())",
        ],
        outside,
        env,
    )
    package_file, resources = found.splitlines()
    assert Path(package_file).is_relative_to(venv), package_file
    assert Path(resources) == Path(package_file).parent / "_resources"

    app = str(bindir / ("auditor-app.exe" if os.name == "nt" else "auditor-app"))
    env.update(
        AUDITOR_APP_DATA=str(tmp_path / "data"),
        HOME=str(tmp_path / "home"),
        AUDITOR_PASSPHRASE="wheel-test-passphrase",
        QT_QPA_PLATFORM="offscreen",
    )
    db = str(tmp_path / "data" / "auditor.sqlite")
    demo = _run([app, "demo", "--db", db], outside, env)
    assert "total 90.5" in demo
    audit = demo.strip().splitlines()[-1].split()[-1]
    _run(
        [
            app,
            "keys",
            "create",
            "--name",
            "王建国",
            "--org",
            "测试认证机构",
            "--out",
            str(tmp_path / "key.p12"),
            "--ca-out",
            str(tmp_path / "ca.pem"),
        ],
        outside,
        env,
    )
    report = tmp_path / "report.pdf"
    _run(
        [
            app,
            "report",
            "--db",
            db,
            "--audit",
            audit,
            "--out",
            str(report),
            "--key",
            str(tmp_path / "key.p12"),
        ],
        outside,
        env,
    )
    assert report.read_bytes().startswith(b"%PDF")
    verified = _run([app, "verify", str(report), "--trust", str(tmp_path / "ca.pem")], outside, env)
    assert any(line.startswith("Verdict") and "OK" in line for line in verified.splitlines()), (
        verified
    )


def test_source_tree_uses_the_top_level_resources_folder(monkeypatch):
    # a checkout, an editable install and the Windows rig (repository root on the path)
    monkeypatch.delenv("AUDITOR_APP_RESOURCES", raising=False)
    assert resources_dir() == REPO / "resources"
    assert (resources_dir() / "schemes" / "gbt27922-2011.toml").is_file()


def test_override_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("AUDITOR_APP_RESOURCES", str(tmp_path))
    assert resources_dir() == tmp_path
