#!/bin/sh
# Install the named Debian packages that are missing, when this machine allows it (root with
# apt-get). Elsewhere say what is missing and go on: the app reports a missing CJK font itself.
missing=""
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages:$missing"
    apt-get update -qq >/dev/null && \
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    exit $?
fi
if command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    echo "installing Debian packages with sudo:$missing"
    sudo apt-get update -qq >/dev/null && \
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    exit $?
fi
echo "note: please install these packages with your system's package manager:$missing" >&2
exit 0
