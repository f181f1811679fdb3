# Set-up and everyday commands. `make run` and `make test` are the README's two commands:
# each installs everything it needs (Debian packages when possible, then a pinned venv).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Debian packages: a CJK font for reports and the UI, Qt's runtime libraries, and the
# independent checkers the tests use (pdfsig, pdffonts, pdftoppm, qpdf, Xvfb).
APP_DEBS  := fonts-wqy-microhei libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
             libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
             libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0
TEST_DEBS := poppler-utils qpdf xvfb xauth softhsm2

.PHONY: run test lint typecheck bench package clean system-deps-app system-deps-test \
        test-windows windows-installer windows-smoke

run: system-deps-app $(STAMP)
	$(BIN)/auditor-app run

test: system-deps-app system-deps-test $(STAMP)
	$(BIN)/ruff check auditor_app tests benchmarks packaging
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

system-deps-app:
	@packaging/install-debs.sh $(APP_DEBS)

system-deps-test:
	@packaging/install-debs.sh $(TEST_DEBS)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check auditor_app tests benchmarks packaging
	$(BIN)/ruff format --check auditor_app tests benchmarks packaging

typecheck: $(STAMP)
	$(BIN)/mypy

bench: system-deps-app $(STAMP)
	for b in benchmarks/bench_*.py; do QT_QPA_PLATFORM=offscreen $(BIN)/python $$b; done

# One-folder app with PyInstaller (packaging/build.py, ~30 s), then its offscreen smoke test.
# PyInstaller is a build tool, installed here at pinned versions rather than for every user.
package: system-deps-app system-deps-test $(STAMP)
	$(BIN)/pip install --quiet -r packaging/requirements.lock
	$(BIN)/python packaging/build.py
	packaging/smoke_test.sh dist/auditor-app

# Windows, on this Linux machine: the official Windows CPython 3.11 under Wine with the Windows
# wheels of requirements.lock (packaging/windows/rig.py installs wine64 and mingw-w64 itself and
# caches everything in .cache/windows). The whole suite under a Chinese Windows (code page 936),
# the command-line tests again under an English one (1252).
WIN_RIG       := $(BIN)/python packaging/windows/rig.py
WIN_CLI_TESTS := tests/test_cli.py tests/test_cli_keys_verify.py tests/test_cli_persondays.py \
                 tests/test_report_cli.py tests/test_console.py

test-windows: system-deps-app system-deps-test $(STAMP)
	$(WIN_RIG) prepare
	$(WIN_RIG) test --cp 936 -q -rs
	$(WIN_RIG) test --cp 1252 -q -rs $(WIN_CLI_TESTS)

# The Windows installer (PyInstaller bundle under Wine + NSIS), then its smoke test: silent
# per-user install, the auditor's day from the installed app under both code pages, uninstall.
windows-installer: system-deps-app $(STAMP)
	$(BIN)/python packaging/windows/installer.py installer

windows-smoke: windows-installer
	$(BIN)/python packaging/windows/installer.py smoke

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .cache
