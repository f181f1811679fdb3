"""Build the one-folder app with PyInstaller: `make package` or `python packaging/build.py`.

Steps: choose a CJK TrueType font and check it (the bundle must render Chinese in reports and
stamps without depending on the target machine), run PyInstaller on packaging/auditor_app.spec,
then print the bundle's size and the build time. The result is `dist/auditor-app/`.

Font, in order: `--font PATH`, `$AUDITOR_APP_BUNDLE_FONT`, then Debian's fonts-wqy-microhei
(Apache-2.0, may be redistributed). Fonts that come with Windows or macOS (Microsoft YaHei,
SimSun, PingFang) are never bundled: their licences do not allow it. Without a font the build
goes on with a warning, and the frozen app uses the system's CJK font at run time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "auditor_app.spec"
REDISTRIBUTABLE_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian/Ubuntu fonts-wqy-microhei
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",  # Fedora wqy-microhei-fonts
)


def choose_font(given: str | None) -> Path | None:
    """The font to bundle, checked with the app's own rules (TrueType, embeddable, CJK)."""
    sys.path.insert(0, str(ROOT))
    from auditor_app.fonts import FontMissingError, inspect_font

    candidates = [given or os.environ.get("AUDITOR_APP_BUNDLE_FONT") or ""]
    if not candidates[0]:
        candidates = list(REDISTRIBUTABLE_FONTS)
    for candidate in candidates:
        path = Path(candidate)
        if not path.is_file():
            continue
        try:
            font = inspect_font(path)
        except FontMissingError as exc:
            raise SystemExit(f"build: the font {path} cannot be bundled: {exc}") from exc
        print(f"build: bundling the CJK font {font.family_name} ({path})")
        return path
    if given or os.environ.get("AUDITOR_APP_BUNDLE_FONT"):
        raise SystemExit(f"build: font file {candidates[0]} not found")
    print(
        "build: WARNING no redistributable CJK font found (Debian: apt install "
        "fonts-wqy-microhei, or pass --font); the app will use the system's font"
    )
    return None


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build(font: Path | None, dist: Path, work: Path) -> Path:
    env = dict(os.environ)
    env.pop("AUDITOR_APP_BUNDLE_FONT", None)
    if font is not None:
        env["AUDITOR_APP_BUNDLE_FONT"] = str(font)
    out = dist / "auditor-app"
    if out.exists():
        shutil.rmtree(out)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--font", help="CJK TrueType font (.ttf/.ttc) to bundle")
    parser.add_argument("--dist", default=str(ROOT / "dist"))
    parser.add_argument("--work", default=str(ROOT / "build" / "pyinstaller"))
    args = parser.parse_args(argv)
    font = choose_font(args.font)
    started = time.perf_counter()
    out = build(font, Path(args.dist), Path(args.work))
    seconds = time.perf_counter() - started
    size = folder_size(out)
    files = sum(1 for p in out.rglob("*") if p.is_file())
    print(f"build: {out} — {size / 1e6:.0f} MB in {files} files, built in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
