#!/usr/bin/env bash
# Smoke test of the frozen app: packaging/smoke_test.sh [dist/auditor-app]
#
# Runs the bundle the way a fresh machine would: offscreen, from an empty temporary folder, with
# a fresh data folder and font cache, and with nothing from the source tree reachable
# (AUDITOR_APP_RESOURCES, AUDITOR_APP_CJK_FONT and PYTHONPATH are cleared). It creates the demo
# audit, scores it, backs it up, creates a trial key under a test CA, exports the signed report,
# verifies it with the app and with poppler's pdfsig/pdffonts/pdftotext, and starts the desktop
# window offscreen until it is idle. Exit status 0 only when every step ran and passed: a step
# that cannot run (a command missing from the build, poppler not installed) is a failure. Where
# poppler cannot be had (Git Bash on Windows), SMOKE_WITHOUT_POPPLER=1 leaves those three checks
# out on purpose, and the last line says so.
set -euo pipefail

BUNDLE="$(cd "${1:-dist/auditor-app}" && pwd)"
APP="$BUNDLE/auditor-app"
GUI="$BUNDLE/auditor-app-gui"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/auditor-smoke.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

unset AUDITOR_APP_RESOURCES AUDITOR_APP_CJK_FONT PYTHONPATH PYTHONHOME
export QT_QPA_PLATFORM=offscreen
export AUDITOR_APP_DATA="$WORK/data" XDG_CACHE_HOME="$WORK/cache" HOME="$WORK/home"
export AUDITOR_PASSPHRASE="smoke-test-passphrase-$$"
mkdir -p "$HOME"
DB="$AUDITOR_APP_DATA/auditor.sqlite"
failures=0

step() {  # step NAME COMMAND...: run, time, and keep the output in $WORK/NAME.log
    local name="$1"; shift
    local start status=ok ms
    start=$(date +%s%N)
    "$@" >"$WORK/$name.log" 2>&1 || status=FAIL
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    printf '%-5s %-22s %4d.%02d s\n' "$status" "$name" $((ms / 1000)) $((ms % 1000 / 10))
    if [ "$status" = FAIL ]; then
        sed 's/^/      | /' "$WORK/$name.log" | tail -15
        failures=$((failures + 1))
    fi
}

cannot_run() {  # cannot_run NAME WHY: a step that could not run counts as a failed step
    printf '%-5s %-22s (cannot run: %s)\n' FAIL "$1" "$2"
    failures=$((failures + 1))
}

# the command list, read once (a pipe into `grep -q` could end in SIGPIPE under pipefail)
HELP="$("$APP" --help 2>&1)" || cannot_run help "\`auditor-app --help\` fails"
has_command() { grep -qE "^    $1 " <<<"$HELP"; }

poppler_check() {  # poppler_check TOOL NAME SCRIPT: run SCRIPT as step NAME if TOOL is installed
    local tool="$1" name="$2" script="$3"
    if [ "${SMOKE_WITHOUT_POPPLER:-}" = 1 ]; then
        return
    elif command -v "$tool" >/dev/null; then
        step "$name" bash -c "$script"
    else
        cannot_run "$name" "$tool is not installed (poppler-utils; or set SMOKE_WITHOUT_POPPLER=1)"
    fi
}

echo "bundle: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"
step version "$APP" --version
step demo "$APP" demo --db "$DB"
AUDIT="$(sed -n 's/^created audit \([0-9]*\)$/\1/p' "$WORK/demo.log")"
if [ -z "$AUDIT" ]; then
    cannot_run demo-audit-id "no 'created audit N' line in the demo output; trying audit 1"
    AUDIT=1
fi
step score-show "$APP" score show --db "$DB" --audit "$AUDIT"
step persondays "$APP" persondays --headcount 240 --sites 6 --audit-type initial
step backup "$APP" backup create --db "$DB"
step backup-check "$APP" backup check --db "$DB"

if has_command keys && has_command report && has_command verify; then
    step keys-create "$APP" keys create --name "王建国" --org "测试认证机构" \
        --out "$WORK/key.p12" --ca-out "$WORK/ca.pem"
    step report-signed "$APP" report --db "$DB" --audit "$AUDIT" --out "$WORK/report.pdf" \
        --key "$WORK/key.p12"
    step verify "$APP" verify "$WORK/report.pdf" --trust "$WORK/ca.pem"
    step verify-verdict grep -q "Verdict:.*OK" "$WORK/verify.log"
    # an untrusted check must fail: verify trusts only the CA it is given
    step verify-untrusted bash -c "! '$APP' verify '$WORK/report.pdf'"
    poppler_check pdfsig pdfsig "pdfsig '$WORK/report.pdf' | grep -q 'Signature is Valid'"
    # every font embedded: no report that shows boxes on another machine
    poppler_check pdffonts pdffonts-embedded \
        "pdffonts '$WORK/report.pdf' | awk 'NR>2 && \$5!=\"yes\"{bad=1} END{exit bad}'"
    poppler_check pdftotext pdf-chinese-text \
        "pdftotext '$WORK/report.pdf' - | grep -q '杭州恒信家电服务有限公司'"
else
    for c in keys report verify; do
        has_command "$c" || cannot_run "$c" "the command is missing from this build"
    done
fi

# the desktop window, offscreen: the app writes the probe file once the window is idle, then quits
export AUDITOR_APP_STARTUP_PROBE="$WORK/startup-probe"
# no arguments: the windowed executable starts the desktop app on the default database ($DB)
step gui-offscreen timeout 120 "$GUI"
step gui-window-shown test -s "$WORK/startup-probe"
unset AUDITOR_APP_STARTUP_PROBE

if [ "$failures" -eq 0 ] && [ "${SMOKE_WITHOUT_POPPLER:-}" = 1 ]; then
    echo "SMOKE TEST PASSED (without the poppler checks: SMOKE_WITHOUT_POPPLER=1)"
elif [ "$failures" -eq 0 ]; then
    echo "SMOKE TEST PASSED"
else
    echo "SMOKE TEST FAILED: $failures step(s)"
    exit 1
fi
