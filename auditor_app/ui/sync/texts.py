"""Names of the sync services' codes (refusals, outcomes, decisions, cycle flags) for people.

The services speak in stable codes and English sentences; the auditor reads Chinese first. Each
name is a bilingual literal (Chinese, then English) inside `translate("SyncTexts", …)`, the
convention of the scoring workspace: it reads well with no `.qm` loaded, and lupdate still
finds it. `checks()` turns an import outcome into the three answers the user looks for.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

OK_STYLE = "color: #1e7b34; font-weight: 600;"
BAD_STYLE = "color: #b3261e; font-weight: 600;"
WARN_STYLE = "color: #8a5a00; font-weight: 600;"
NOTE_STYLE = "color: #555555;"


def refusal(code: str | None) -> str:
    names = {
        "unreadable": translate("SyncTexts", "The file cannot be read"),
        "damaged": translate("SyncTexts", "Damaged or truncated file"),
        "too_large": translate("SyncTexts", "Too large (zip bomb?)"),
        "path_traversal": translate("SyncTexts", "Unsafe path inside the package"),
        "duplicate_member": translate("SyncTexts", "A file appears twice"),
        "unexpected_member": translate("SyncTexts", "Unexpected file in package"),
        "missing_member": translate("SyncTexts", "A listed file is missing"),
        "unknown_format": translate("SyncTexts", "Not an audit package"),
        "future_version": translate("SyncTexts", "Written by a newer app"),
        "bad_signature": translate("SyncTexts", "The signature is not valid"),
        "untrusted": translate("SyncTexts", "The signer is not trusted"),
        "signer_mismatch": translate("SyncTexts", "Signer mismatch"),
        "tampered": translate("SyncTexts", "The content was changed (tampered)"),
        "invalid_data": translate("SyncTexts", "The audit data is inconsistent"),
        "bad_report": translate("SyncTexts", "The signed report fails"),
        "encrypted_no_key": translate("SyncTexts", "Encrypted: key needed"),
        "wrong_key": translate("SyncTexts", "Encrypted for someone else"),
        "decryption_failed": translate("SyncTexts", "Decryption failed"),
        "wrong_kind": translate("SyncTexts", "Wrong kind of package"),
        "wrong_audit": translate("SyncTexts", "Belongs to another audit"),
        "older_revision": translate("SyncTexts", "An older revision"),
        "conflicting_revision": translate("SyncTexts", "Conflicting revision"),
        "foreign_series": translate("SyncTexts", "Not a revision of this audit's client/team"),
        "database": translate("SyncTexts", "The database refused the data"),
    }
    return names.get(code or "", code or "")


def wrong_kind_hint() -> str:
    return translate(
        "SyncTexts",
        "This is a team member's package: open the leader's audit and use Merge team package.",
    )


def outcome(status: str) -> str:
    names = {
        "imported": translate("SyncTexts", "✔ Imported"),
        "superseded": translate("SyncTexts", "✔ Imported: supersedes the older revision"),
        "unchanged": translate("SyncTexts", "= Unchanged: already here"),
        "refused": translate("SyncTexts", "✘ Refused"),
    }
    return names.get(status, status)


def outcome_style(status: str) -> str:
    return {"refused": BAD_STYLE, "unchanged": NOTE_STYLE + " font-weight: 600;"}.get(
        status, OK_STYLE
    )


def yes_no(flag: bool | None) -> tuple[str, str]:
    """(text, style) of a check; None: not reached before the package was refused."""
    if flag is None:
        return translate("SyncTexts", "— not checked"), NOTE_STYLE
    if flag:
        return translate("SyncTexts", "✔ yes"), OK_STYLE
    return translate("SyncTexts", "✘ NO"), BAD_STYLE


# Where each refusal stops the reader (docs/package-format.md): before the signature was
# checked, at the signature, at the trust, or after both passed (content or database).
_BEFORE_SIGNATURE = {
    "unreadable",
    "damaged",
    "too_large",
    "path_traversal",
    "duplicate_member",
    "unknown_format",
    "future_version",
    "encrypted_no_key",
    "wrong_key",
    "decryption_failed",
}
_NOT_INTACT = {
    "damaged",
    "too_large",
    "path_traversal",
    "duplicate_member",
    "unexpected_member",
    "missing_member",
    "tampered",
    "decryption_failed",
    "bad_signature",
    "bad_report",
}


def checks(status: str, code: str | None) -> dict[str, bool | None]:
    """Signed (valid signature), trusted (signer) and intact (content) for an import outcome.

    An accepted package passed all three (the reader refuses otherwise); a refused one passed
    the checks that come before the one that stopped it, and the later ones were not made."""
    if status != "refused":
        return {"signed": True, "trusted": True, "intact": True}
    if code in _BEFORE_SIGNATURE:
        return {"signed": None, "trusted": None, "intact": False if code in _NOT_INTACT else None}
    if code == "bad_signature":
        return {"signed": False, "trusted": None, "intact": False}
    if code == "untrusted":
        return {"signed": True, "trusted": False, "intact": None}
    if code == "unexpected_member":  # may come before or after the signature: say only this
        return {"signed": None, "trusted": None, "intact": False}
    return {
        "signed": code != "signer_mismatch",
        "trusted": True,
        "intact": code not in _NOT_INTACT,
    }


ENCRYPTION_CODES = ("encrypted_no_key", "wrong_key", "decryption_failed")


def revision(n: int) -> str:
    if n == 0:
        return translate("SyncTexts", "original")
    return translate("SyncTexts", "revision {n}").format(n=n)


def short_yes_no(flag: bool) -> str:
    """✔/✘ and one word in the UI language, for narrow table cells."""
    return translate("SyncTexts", "✔ yes") if flag else translate("SyncTexts", "✘ NO")


def decision(code: str | None) -> str:
    names = {
        "approve": translate("SyncTexts", "Approved"),
        "reject": translate("SyncTexts", "Rejected"),
        "rectification_required": translate("SyncTexts", "Rectification required"),
        None: translate("SyncTexts", "Pending"),
    }
    return names.get(code, code or "")


def short_decision(code: str | None) -> str:
    """The decision in one word of the UI language, for a table cell."""
    names = {
        "approve": translate("SyncTexts", "Approved"),
        "reject": translate("SyncTexts", "Rejected"),
        "rectification_required": translate("SyncTexts", "Rectify"),
        None: translate("SyncTexts", "Pending"),
    }
    return names.get(code, code or "")


def superseded_mark() -> str:
    return translate("SyncTexts", "(superseded)")


def flag(code: str) -> str:
    names = {
        "surveillance_due": translate("SyncTexts", "Surveillance due"),
        "surveillance_overdue": translate("SyncTexts", "⚠ Surveillance OVERDUE"),
        "recertification_due": translate("SyncTexts", "Apply for recertification"),
        "recertification_overdue": translate("SyncTexts", "⚠ Recertification OVERDUE"),
        "expired": translate("SyncTexts", "⚠ Certificate EXPIRED"),
        "suspended": translate("SyncTexts", "⚠ Certificate SUSPENDED"),
        "suspension_due": translate("SyncTexts", "⚠ Suspension DUE"),
        "withdrawal_due": translate("SyncTexts", "⚠ Withdrawal DUE"),
        "major_nc_overdue": translate("SyncTexts", "⚠ Major NC OVERDUE"),
    }
    return names.get(code, code)


def cert_state(code: str) -> str:
    names = {
        "valid": translate("SyncTexts", "Valid"),
        "suspended": translate("SyncTexts", "SUSPENDED"),
        "withdrawn": translate("SyncTexts", "WITHDRAWN"),
        "expired": translate("SyncTexts", "EXPIRED"),
        "replaced": translate("SyncTexts", "Replaced"),
    }
    return names.get(code, code)


def flags_text(codes: tuple[str, ...]) -> str:
    return " · ".join(flag(c) for c in codes) if codes else translate("SyncTexts", "OK")


def result(code: str | None) -> str:
    names = {
        "conform": translate("SyncTexts", "Conforming"),
        "nonconform": translate("SyncTexts", "Nonconforming"),
        "sampled": translate("SyncTexts", "Sampled"),
        "graded": translate("SyncTexts", "Graded"),
        "na": translate("SyncTexts", "N/A"),
        None: translate("SyncTexts", "Not scored"),
    }
    return names.get(code, code or "")


def finding_kind(code: str | None) -> str:
    names = {
        "major": translate("SyncTexts", "Major"),
        "minor": translate("SyncTexts", "Minor"),
        "observation": translate("SyncTexts", "Observation"),
        "special_deduction": translate("SyncTexts", "Special deduction"),
        "bonus": translate("SyncTexts", "Bonus"),
    }
    return names.get(code or "", code or "")


def change_kind(code: str) -> str:
    names = {
        "result": translate("SyncTexts", "Result"),
        "note": translate("SyncTexts", "Note"),
        "methods": translate("SyncTexts", "Methods"),
        "finding": translate("SyncTexts", "Finding"),
        "finding-update": translate("SyncTexts", "Finding changed"),
        "attachment": translate("SyncTexts", "Photo/file"),
    }
    return names.get(code, code)


def size(n_bytes: int) -> str:
    """A size as people read it (MB as mail providers count them: 10^6 bytes)."""
    if n_bytes < 1_000_000:
        return f"{max(n_bytes / 1000, 0.1):.1f} KB"
    return f"{n_bytes / 1e6:.1f} MB"


def local_time(stamp: str | None) -> str:
    if not stamp:
        return "—"
    try:
        return dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def side_summary(kind: str, side: dict[str, Any]) -> str:
    """One side of a merge conflict as a few lines: what was scored, the note, who and when."""
    if kind == "finding":
        lines = [f"{finding_kind(side.get('kind'))}: {side.get('text') or ''}"]
        if side.get("evidence"):
            lines.append(translate("SyncTexts", "Evidence: ") + str(side["evidence"]))
        if side.get("deadline"):
            lines.append(translate("SyncTexts", "Deadline: ") + str(side["deadline"]))
        who, when = side.get("created_by"), side.get("created_at")
    else:
        head = result(side.get("result"))
        if side.get("result") == "sampled":
            head += f" {side.get('nonconforming')}/{side.get('sampled')}"
        if side.get("points") not in (None, ""):
            head += " · " + translate("SyncTexts", "{points} points").format(points=side["points"])
        lines = [head]
        if side.get("reason"):
            lines.append(translate("SyncTexts", "Reason: ") + str(side["reason"]))
        if side.get("note"):
            lines.append(translate("SyncTexts", "Note: ") + str(side["note"]))
        who, when = side.get("updated_by"), side.get("updated_at")
    lines.append(f"— {who or '?'} · {local_time(when)}")
    return "\n".join(lines)


def cert_event(code: str) -> str:
    names = {
        "issued": translate("SyncTexts", "Issued"),
        "recertified": translate("SyncTexts", "Recertified"),
        "surveillance": translate("SyncTexts", "Surveillance approved"),
        "special": translate("SyncTexts", "Special audit approved"),
        "suspended": translate("SyncTexts", "Suspended"),
        "reinstated": translate("SyncTexts", "Reinstated"),
        "withdrawn": translate("SyncTexts", "Withdrawn"),
        "scope_reduced": translate("SyncTexts", "Scope reduced"),
        "scope_extended": translate("SyncTexts", "Scope extended"),
        "replaced": translate("SyncTexts", "Reissued"),
    }
    return names.get(code, code)
