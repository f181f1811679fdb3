"""The package format's constants: version strings, member names, size limits, JSON encoding.

See docs/package-format.md. A reader accepts its own major version and refuses a newer one
(the writer added something this app cannot interpret); minor additions inside a version are
not allowed, so version 1 files are fully described by this module.
"""

from __future__ import annotations

import json
import re
from typing import Any

from auditor_app.sync.errors import PackageRefused

PACKAGE_FORMAT = "auditor-package"
PACKAGE_VERSION = 1
DATA_FORMAT = "auditor-audit-data"
DATA_VERSION = 1
ENVELOPE_FORMAT = "auditor-package-envelope"
ENVELOPE_VERSION = 1

KINDS = ("revision", "member")

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
AUDIT_DATA = "audit.json"
REPORT = "report.pdf"
ENVELOPE = "envelope.json"
PAYLOAD = "payload.enc"

# Names a plain package may hold besides manifest.json/manifest.sig.
_MEMBER_RE = re.compile(
    r"(?:audit\.json|report\.pdf|attachments/[0-9a-f]{64}\.(?:jpg|pdf|bin)|thumbs/[0-9a-f]{64}\.jpg)"
)
MIME_EXT = {"image/jpeg": "jpg", "application/pdf": "pdf"}

# Limits: generous for a 300-photo audit (~100 MB), far below what would exhaust a laptop.
MAX_PACKAGE_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # sum of uncompressed members
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_JSON_BYTES = 64 * 1024 * 1024  # audit.json (the scheme document travels inside it)
MAX_MANIFEST_BYTES = 8 * 1024 * 1024
MAX_SIGNATURE_BYTES = 256 * 1024
MAX_MEMBERS = 20_000
# Compression ratio above which a member is taken for a zip bomb. JSON deflates ~5-20x and
# photos not at all; 100x only happens with crafted or degenerate content.
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024  # small members cannot hurt, whatever their ratio


def dumps(value: Any) -> bytes:
    """Canonical JSON bytes: sorted keys, UTF-8, stable, so hashes and diffs are meaningful."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def loads(data: bytes, what: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise PackageRefused("invalid_data", f"{what} is not valid UTF-8 JSON ({exc})") from exc


def version_string(name: str, version: int) -> str:
    return f"{name}/{version}"


def check_version(value: Any, name: str, supported: int, what: str) -> int:
    """Accept `name/N` for N <= supported; refuse newer versions and foreign formats."""
    if not isinstance(value, str) or not value.startswith(name + "/"):
        raise PackageRefused(
            "unknown_format", f"{what}: format {value!r} is not {name}/{supported}"
        )
    tail = value[len(name) + 1 :]
    if not tail.isdigit() or int(tail) < 1:
        raise PackageRefused("unknown_format", f"{what}: malformed format version {value!r}")
    if int(tail) > supported:
        raise PackageRefused(
            "future_version",
            f"{what} was written by a newer version of auditor-app ({value}; this app reads "
            f"{name}/{supported}); update the app to import it",
        )
    return int(tail)


def check_member_name(name: str) -> None:
    """Refuse names that could escape a folder if anyone ever extracted the zip."""
    parts = name.replace("\\", "/").split("/")
    if (
        name.startswith(("/", "\\"))
        or "\\" in name
        or "\x00" in name
        or re.match(r"^[A-Za-z]:", name)
        or any(p in ("", ".", "..") for p in parts)
    ):
        raise PackageRefused(
            "path_traversal", f"member name {name!r} points outside the package (path traversal)"
        )


def is_allowed_member(name: str) -> bool:
    return bool(_MEMBER_RE.fullmatch(name))


def attachment_name(sha256: str, mime: str) -> str:
    return f"attachments/{sha256}.{MIME_EXT.get(mime, 'bin')}"


def thumb_name(sha256: str) -> str:
    return f"thumbs/{sha256}.jpg"
