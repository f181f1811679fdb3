"""Why a package was refused: a stable code for programs and a sentence for people."""

from __future__ import annotations

from auditor_app.core.errors import AuditorError

# Every refusal code the importer can give (docs/package-format.md lists them too).
REFUSAL_CODES = (
    "unreadable",  # the file cannot be read at all
    "damaged",  # not a zip, truncated, bad CRC, unsupported zip features
    "too_large",  # over the size limits: file, member, total, ratio (zip bomb)
    "path_traversal",  # a member name escapes the package ("../", absolute, drive)
    "duplicate_member",  # the same name twice
    "unexpected_member",  # a name the format does not allow, or one the manifest omits
    "missing_member",  # the manifest lists a member the zip lacks
    "unknown_format",  # not an auditor package
    "future_version",  # written by a newer app
    "bad_signature",  # manifest.sig missing, malformed or not matching manifest.json
    "untrusted",  # signer not in the trust list, expired, not allowed to sign
    "signer_mismatch",  # manifest signer differs from the PDF signer or the claimed sender
    "tampered",  # a member's hash or size differs from the manifest
    "invalid_data",  # audit.json is inconsistent or malformed
    "bad_report",  # the signed PDF does not verify
    "encrypted_no_key",  # encrypted, and no key was given
    "wrong_key",  # encrypted for someone else
    "decryption_failed",  # the ciphertext or its header was changed
    "wrong_kind",  # a member package given to import, or a revision to merge
    "wrong_audit",  # a member package for another audit or scheme
    "older_revision",  # the database already holds a newer revision
    "conflicting_revision",  # a different audit with the same uid or revision number
    "foreign_series",  # a revision for another client's series, or from outside its team
    "database",  # the database refused the data (constraint, locked, ...)
)


class PackageRefused(AuditorError):
    """A package that must not be imported; nothing was changed."""

    def __init__(self, code: str, reason: str) -> None:
        assert code in REFUSAL_CODES, code
        super().__init__(reason)
        self.code = code
        self.reason = reason


class SyncError(AuditorError):
    """A sync operation cannot run (no key, unreadable certificate, stale merge plan ...)."""
