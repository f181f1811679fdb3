"""Every database setting in one place: its key, type, default and bounds.

Settings used to be loose strings spread over the tree (one constant name even held two
different keys), and the store saved whatever it was given: `package limit inf` was stored
and broke every later export (issue 15). Now the store refuses a key that is not listed
here and a value that does not fit its entry (`validate`), whoever calls it, and readers get
typed values with their defaults (`typed`). Qt-free and store-free, so the store, the
services, the CLI and the UI all import it.

Values are stored as text, as before, so databases written by older versions read the same.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Literal

from auditor_app.core.errors import InputError

Kind = Literal["text", "int", "number", "paths", "choice"]

# Long enough for any name, address or path a user types; short enough that a pasted file
# never lands in a one-line field.
LINE_LIMIT = 1000


@dataclass(frozen=True)
class Setting:
    """One database setting: its key, kind, default and bounds. Values, the default included, are
    stored as text; `help` says what the setting is for."""

    key: str
    kind: Kind = "text"
    default: str = ""
    minimum: float | None = None  # int/number: lowest allowed value
    maximum: float | None = None  # int/number: highest allowed value
    above_minimum: bool = False  # number: the minimum itself is refused (a limit of 0 MB)
    max_length: int = LINE_LIMIT  # text: characters
    choices: tuple[str, ...] = ()  # choice: the allowed values ("" = not chosen)
    help: str = ""


def _text(key: str, help: str, default: str = "", max_length: int = LINE_LIMIT) -> Setting:
    return Setting(key, "text", default, max_length=max_length, help=help)


def _months(key: str, default: int, minimum: int, help: str) -> Setting:
    return Setting(key, "int", str(default), minimum=minimum, maximum=120, help=help)


# -- the registry: one constant per setting ----------------------------------------------
AUDITOR_NAME = _text("auditor_name", "the auditor's name, as in reports and the trail")
CB_NAME = _text("cb_name", "certification body name (Chinese), printed in reports")
CB_NAME_EN = _text("cb_name_en", "certification body name (English)")
CB_ADDRESS = _text("cb_address", "certification body address (Chinese)")
CB_ADDRESS_EN = _text("cb_address_en", "certification body address (English)")
CB_CONTACT = _text("cb_contact", "certification body contact")
CB_ACCREDITATION = _text("cb_accreditation", "accreditation / approval number")
DEFAULT_SCHEME = _text("default_scheme", "scheme for new audits", default="gbt27922-2011")
UI_LANGUAGE = Setting(
    "ui_language",
    "choice",
    "",
    choices=("", "zh_CN", "en", "bilingual"),
    help="window language; bilingual: Chinese first, then English",
)
TIMESTAMP_URL = _text("timestamp_url", "RFC 3161 timestamp service; empty: none")
SIGNING_KEY_PATH = _text("signing_key_path", "the auditor's signing key file (.p12)")
# signing on a CB-issued USB key (PKCS#11 token) instead of a key file
SIGNING_METHOD = Setting(
    "signing_method", "choice", "", choices=("", "file", "token"), help="key file or USB key"
)
TOKEN_LIBRARY = _text("token_library", "the USB key driver's PKCS#11 library (.dll/.so)")
TOKEN_LABEL = _text("token_label", "the label of the auditor's USB key")
# a PNG as base64: a few hundred kB at most for a hand-drawn signature
SIGNATURE_PNG = _text("signature_png", "the drawn signature image", max_length=4_000_000)
# Two trust lists, kept apart on purpose: certificates trusted when verifying a signed report,
# and certificates trusted when importing a package (also the committee view's list).
VERIFY_TRUST = Setting(
    "verify_trust_certificates", "paths", "[]", help="certificates trusted by Verify"
)
PACKAGE_TRUST = Setting(
    "trusted_ca_paths", "paths", "[]", help="certificates trusted for package import"
)
COMMITTEE_CERTIFICATE = _text("committee_certificate_path", "the committee's certificate")
COMMITTEE_EMAIL = _text("committee_email", "review committee's email address")
EMAIL_SUBJECT = _text("email_subject", "hand-off email subject; empty: built-in")
EMAIL_BODY = _text("email_body", "hand-off email text; empty: built-in", max_length=20_000)
# Packages are limited to 512 MiB (docs/package-format.md); no email limit need exceed that.
EMAIL_LIMIT_MB = Setting(
    "email_limit_mb",
    "number",
    "20",
    minimum=0,
    maximum=1000,
    above_minimum=True,
    help="email size limit for packages, in MB",
)
# An import adds rows in one transaction and changes nothing already here, so the backup
# before it is a restore point, not crash protection: one a day is enough (0: before each).
IMPORT_BACKUP_HOURS = Setting(
    "import_backup_hours",
    "number",
    "24",
    minimum=0,
    maximum=720,
    help="back up before an import only when the newest backup is older than this (hours)",
)
CERT_VALIDITY_MONTHS = _months("cert_validity_months", 36, 1, "certificate validity")
SURVEILLANCE_FROM_MONTHS = _months(
    "surveillance_window_from_months", 9, 1, "surveillance window opens"
)
SURVEILLANCE_TO_MONTHS = _months("surveillance_window_to_months", 12, 1, "surveillance window ends")
RECERTIFICATION_LEAD_MONTHS = _months(
    "recertification_lead_months", 3, 0, "recertification applied for at least"
)
SURVEILLANCE_TOLERANCE_MONTHS = _months(
    "surveillance_tolerance_months", 0, 0, "overdue surveillance tolerance"
)
SUSPENSION_MAX_MONTHS = _months("suspension_max_months", 6, 1, "longest suspension")

REGISTRY: dict[str, Setting] = {
    s.key: s
    for s in (
        AUDITOR_NAME,
        CB_NAME,
        CB_NAME_EN,
        CB_ADDRESS,
        CB_ADDRESS_EN,
        CB_CONTACT,
        CB_ACCREDITATION,
        DEFAULT_SCHEME,
        UI_LANGUAGE,
        TIMESTAMP_URL,
        SIGNING_KEY_PATH,
        SIGNING_METHOD,
        TOKEN_LIBRARY,
        TOKEN_LABEL,
        SIGNATURE_PNG,
        VERIFY_TRUST,
        PACKAGE_TRUST,
        COMMITTEE_CERTIFICATE,
        COMMITTEE_EMAIL,
        EMAIL_SUBJECT,
        EMAIL_BODY,
        EMAIL_LIMIT_MB,
        IMPORT_BACKUP_HOURS,
        CERT_VALIDITY_MONTHS,
        SURVEILLANCE_FROM_MONTHS,
        SURVEILLANCE_TO_MONTHS,
        RECERTIFICATION_LEAD_MONTHS,
        SURVEILLANCE_TOLERANCE_MONTHS,
        SUSPENSION_MAX_MONTHS,
    )
}

# Per-audit settings: the folder a report / package of audit N was last written to.
REPORT_FOLDER = _text("report_folder.{audit_id}", "where audit N's report was last saved")
PACKAGE_FOLDER = _text("package_folder.{audit_id}", "where audit N's package was last written")
_PER_AUDIT = re.compile(r"(report_folder|package_folder)\.([1-9][0-9]{0,17})")


def report_folder_key(audit_id: int) -> str:
    return f"report_folder.{audit_id}"


def package_folder_key(audit_id: int) -> str:
    return f"package_folder.{audit_id}"


def lookup(key: str) -> Setting:
    """The registry entry for `key`; InputError for a key nobody declared."""
    if key in REGISTRY:
        return REGISTRY[key]
    match = _PER_AUDIT.fullmatch(key)
    if match:
        return REPORT_FOLDER if match.group(1) == "report_folder" else PACKAGE_FOLDER
    raise InputError(f"there is no setting {key!r}")


def _number(setting: Setting, value: str) -> float:
    try:
        number = int(value.strip()) if setting.kind == "int" else float(value)
    except ValueError:
        what = "a whole number" if setting.kind == "int" else "a number"
        raise InputError(f"setting {setting.key} = {value!r} is not {what}") from None
    low, high = setting.minimum, setting.maximum
    too_low = low is not None and (number <= low if setting.above_minimum else number < low)
    if not math.isfinite(number) or too_low or (high is not None and number > high):
        lowest = f"more than {low:g}" if setting.above_minimum else f"at least {low:g}"
        raise InputError(
            f"setting {setting.key} must be {lowest} and at most {high:g} (is {value})"
        )
    return number


def validate(key: str, value: str) -> str:
    """`value` if it fits setting `key`, else InputError saying what is wrong."""
    setting = lookup(key)
    if not isinstance(value, str):
        raise InputError(f"setting {key} must be text, not {type(value).__name__}")
    if "\x00" in value:
        raise InputError(f"setting {key} contains a NUL character")
    if setting.kind in ("int", "number"):
        _number(setting, value)
    elif setting.kind == "choice":
        if value not in setting.choices:
            allowed = ", ".join(repr(c) for c in setting.choices)
            raise InputError(f"setting {key} = {value!r} is not one of {allowed}")
    elif setting.kind == "paths":
        try:
            paths = json.loads(value)
        except ValueError:
            raise InputError(f"setting {key} must be a JSON list of file paths") from None
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise InputError(f"setting {key} must be a JSON list of file paths")
        if any(len(p) > LINE_LIMIT for p in paths):
            raise InputError(f"setting {key}: a path is longer than {LINE_LIMIT} characters")
    elif len(value) > setting.max_length:
        raise InputError(
            f"setting {key} is {len(value)} characters long; at most {setting.max_length}"
        )
    return value


def typed(key: str, raw: str | None) -> str | int | float | list[str]:
    """A stored value (or the default when `raw` is None) as its type.

    A stored value that no longer fits (written before the store checked) raises InputError
    naming the setting, rather than breaking the caller further down."""
    setting = lookup(key)
    value = setting.default if raw is None else raw
    validate(key, value)
    if setting.kind == "int":
        return int(value.strip())
    if setting.kind == "number":
        return float(value)
    if setting.kind == "paths":
        return [str(p) for p in json.loads(value)]
    return value
