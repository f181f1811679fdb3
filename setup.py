"""Build hook: the wheel carries the top-level `resources/` folder as `auditor_app/_resources/`.

The folder stays at the repository root (the PyInstaller spec, the Windows rig and the
translation build use it there); an installed app finds the copy through importlib.resources
(see `auditor_app/resources.py`). Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the source tree's resources/ directly
        target = Path(self.build_lib) / "auditor_app" / "_resources"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(ROOT / "resources", target)


setup(cmdclass={"build_py": BuildWithResources})
