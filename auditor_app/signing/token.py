"""Signing with a CB-issued USB key (a hardware token) through PKCS#11.

A CB that issues its auditors tokens keeps the private key inside the device: the app never
sees it, and asks the token to sign. What the app needs is the vendor's PKCS#11 library (a
`.dll` on Windows, a `.so` on Linux, installed with the token's driver), the token's label and
its PIN. The certificate is read from the token, and the same checks as for a key file apply
(validity, KeyUsage, the signer's place on the audit team).

python-pkcs11 and pyHanko's PKCS#11 signer are imported only when a token is opened.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography import x509

from auditor_app.signing.keys import CertifiedSigner, SigningKeyError, to_asn1_cert

if TYPE_CHECKING:
    from pyhanko.sign.pkcs11 import PKCS11Signer

LIBRARY_ENV = "AUDITOR_PKCS11_LIBRARY"
PIN_ENV = "AUDITOR_TOKEN_PIN"


class TokenError(SigningKeyError):
    """The token cannot be used: library, token, PIN or certificate."""


class TokenPinError(TokenError):
    """The PIN was refused (wrong, locked, or not a PIN the token takes)."""


def library_path(given: str | None) -> str:
    """The token driver's library: `given`, else $AUDITOR_PKCS11_LIBRARY; TokenError if none."""
    library = (given or os.environ.get(LIBRARY_ENV, "")).strip()
    if not library:
        raise TokenError(
            f"which token driver? give the path of its PKCS#11 library or set {LIBRARY_ENV}"
        )
    return library


@dataclass(frozen=True)
class TokenInfo:
    """An initialised token the PKCS#11 library sees, listed for the user to choose by label."""

    label: str
    manufacturer: str
    serial: str


@dataclass(frozen=True)
class TokenKey(CertifiedSigner):
    """A signing key that stays on a token; valid while the token session is open."""

    chain: tuple[x509.Certificate, ...] = ()
    token_label: str = ""
    key_id: bytes = b""
    session: Any = field(default=None, repr=False, compare=False)

    @property
    def key_description(self) -> str:
        return f"token {self.token_label}"

    def pyhanko_signer(self) -> PKCS11Signer:
        from pyhanko.sign.pkcs11 import PKCS11Signer

        return PKCS11Signer(
            self.session,
            signing_cert=to_asn1_cert(self.certificate),
            ca_chain=[to_asn1_cert(c) for c in self.chain],
            key_id=self.key_id,
        )


def _library(path: str | Path) -> Any:
    import pkcs11

    if not Path(path).is_file():
        raise TokenError(
            f"no token library at {path}: install the token's driver, or give the path of its "
            "PKCS#11 library (a .dll on Windows, a .so on Linux)"
        )
    try:
        return pkcs11.lib(str(path))
    except (pkcs11.PKCS11Error, OSError) as exc:
        raise TokenError(f"{path} is not a usable PKCS#11 library: {exc}") from exc


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("ascii", "replace")
    return str(value).strip()


def list_tokens(library: str | Path) -> list[TokenInfo]:
    """The initialised tokens the library sees (plugged-in USB keys)."""
    from pkcs11 import PKCS11Error, TokenFlag

    lib = _library(library)
    try:
        tokens = list(lib.get_tokens())
    except PKCS11Error as exc:
        raise TokenError(f"cannot list the tokens of {library}: {exc!r}") from exc
    return [
        TokenInfo(t.label, _text(t.manufacturer_id), _text(t.serial))
        for t in tokens
        if t.flags & TokenFlag.TOKEN_INITIALIZED
    ]


def _certificates(session: Any) -> list[tuple[bytes, str, x509.Certificate]]:
    from pkcs11 import Attribute, ObjectClass

    found = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        try:
            cert = x509.load_der_x509_certificate(bytes(obj[Attribute.VALUE]))
        except ValueError:
            continue  # not an X.509 certificate; a token may hold other objects
        found.append((bytes(obj[Attribute.ID]), str(obj[Attribute.LABEL]), cert))
    return found


def _signing_certificate(
    session: Any, token_label: str, cert_label: str | None
) -> tuple[bytes, x509.Certificate, tuple[x509.Certificate, ...]]:
    from pkcs11 import Attribute, ObjectClass

    certs = _certificates(session)
    private_keys = session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
    with_key = {bytes(k[Attribute.ID]) for k in private_keys}
    candidates = [c for c in certs if c[0] in with_key]
    if cert_label is not None:
        candidates = [c for c in candidates if c[1] == cert_label]
    if not candidates:
        labels = ", ".join(sorted(c[1] for c in certs)) or "none"
        wanted = f" labelled {cert_label!r}" if cert_label is not None else ""
        raise TokenError(
            f"token {token_label!r} holds no certificate{wanted} with its private key "
            f"(certificates on it: {labels})"
        )
    if len(candidates) > 1:
        labels = ", ".join(sorted(c[1] for c in candidates))
        raise TokenError(
            f"token {token_label!r} holds several signing certificates ({labels}); choose one"
        )
    key_id, _, cert = candidates[0]
    # the issuer chain, when the CB put it on the token too
    chain = tuple(c for _, _, c in certs if c.subject == cert.issuer and c != cert)
    return key_id, cert, chain


@contextlib.contextmanager
def open_token_key(
    library: str | Path, token_label: str, pin: str, cert_label: str | None = None
) -> Iterator[TokenKey]:
    """Log in to the token and yield its signing key; the session closes on leaving."""
    from pkcs11 import PKCS11Error
    from pkcs11 import exceptions as errors

    lib = _library(library)
    try:
        token = lib.get_token(token_label=token_label)
    except errors.NoSuchToken as exc:
        present = ", ".join(repr(t.label) for t in list_tokens(library)) or "none"
        raise TokenError(
            f"no token {token_label!r} is plugged in (tokens seen: {present})"
        ) from exc
    except errors.MultipleTokensReturned as exc:
        raise TokenError(f"more than one token is labelled {token_label!r}") from exc
    try:
        session = token.open(user_pin=pin)
    except errors.PinIncorrect as exc:
        raise TokenPinError(f"wrong PIN for token {token_label!r}") from exc
    except errors.PinLocked as exc:
        raise TokenPinError(
            f"token {token_label!r} is locked after too many wrong PINs; ask the CB to unlock it"
        ) from exc
    except (errors.PinLenRange, errors.PinInvalid) as exc:
        raise TokenPinError(f"that is not a valid PIN for token {token_label!r}") from exc
    except PKCS11Error as exc:
        raise TokenError(f"cannot open token {token_label!r}: {exc!r}") from exc
    try:
        key_id, cert, chain = _signing_certificate(session, token_label, cert_label)
        yield TokenKey(
            certificate=cert, chain=chain, token_label=token_label, key_id=key_id, session=session
        )
    finally:
        session.close()
