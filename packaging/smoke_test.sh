#!/usr/bin/env bash
# Smoke test of the frozen app: packaging/smoke_test.sh [dist/auditor-app]
#
# Runs the bundle the way a fresh machine would: offscreen, from an empty temporary folder, with
# a fresh data folder and font cache, and with nothing from the source tree reachable
# (AUDITOR_APP_RESOURCES, AUDITOR_APP_CJK_FONT and PYTHONPATH are cleared). It creates the demo
# audit, scores it, backs it up, creates a trial key under a test CA, exports the signed report,
# verifies it with the app and (when installed) with poppler's pdfsig/pdffonts/pdftotext, and
# starts the desktop window offscreen until it is idle. Exit status 0 only when all pass.
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
missing=()

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

has_command() { "$APP" --help | grep -qE "^    $1 "; }

echo "bundle: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"
step version "$APP" --version
step demo "$APP" demo --db "$DB"
AUDIT="$(sed -n 's/^created audit \([0-9]*\)$/\1/p' "$WORK/demo.log")"
AUDIT="${AUDIT:-1}"
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
    if command -v pdfsig >/dev/null; then
        step pdfsig bash -c "pdfsig '$WORK/report.pdf' | grep -q 'Signature is Valid'"
    fi
    if command -v pdffonts >/dev/null; then
        # every font embedded: no report that shows boxes on another machine
        step pdffonts-embedded bash -c "pdffonts '$WORK/report.pdf' | awk 'NR>2 && \$5!=\"yes\"{bad=1} END{exit bad}'"
    fi
    if command -v pdftotext >/dev/null; then
        step pdf-chinese-text bash -c "pdftotext '$WORK/report.pdf' - | grep -q '杭州恒信家电服务有限公司'"
    fi
else
    for c in keys report verify; do has_command "$c" || missing+=("$c"); done
fi

# the desktop window, offscreen: the app writes the probe file once the window is idle, then quits
export AUDITOR_APP_STARTUP_PROBE="$WORK/startup-probe"
# no arguments: the windowed executable starts the desktop app on the default database ($DB)
step gui-offscreen timeout 120 "$GUI"
step gui-window-shown test -s "$WORK/startup-probe"
unset AUDITOR_APP_STARTUP_PROBE

if [ ${#missing[@]} -gt 0 ]; then
    echo "not tested (commands missing from this build): ${missing[*]}"
fi
if [ "$failures" -eq 0 ]; then
    echo "SMOKE TEST PASSED"
else
    echo "SMOKE TEST FAILED: $failures step(s)"
    exit 1
fi
