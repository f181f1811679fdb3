"""Our certificate policy, applied on top of pyHanko to every signer's certificate path.

pyHanko treats a trust root as an anchor and checks nothing about it: a directly trusted
(`--trust CERT.pem`) trial certificate is accepted expired, without KeyUsage, with a
server-only EKU, and it may even "issue" certificates for other names. So once pyHanko has
found a trusted path, every certificate on it is checked here again:

- each is valid at the claimed signing time and at the check time (now, or the time of a
  trusted timestamp), so back-dating the signing time does not help an expired certificate;
- the signer's certificate has KeyUsage nonRepudiation (the rule pyHanko applies on a CA path,
  so both paths give the same verdict), an EKU that allows signing documents if it has one,
  and is not itself a CA;
- every issuer above it, the trust root included, is a real CA (basicConstraints CA=true,
  KeyUsage keyCertSign) whose path length allows the path. A trial key is not a CA: it
  vouches only for itself.
"""

from __future__ import annotations

import datetime as dt

from asn1crypto import x509 as asn1_x509

# EKU purposes that allow signing a document (RFC 9336 documentSigning, S/MIME, the catch-all,
# Adobe's and Microsoft's document signing purposes).
SIGNING_EKUS = frozenset(
    {
        "1.3.6.1.5.5.7.3.36",  # id-kp-documentSigning
        "1.3.6.1.5.5.7.3.4",  # emailProtection
        "2.5.29.37.0",  # anyExtendedKeyUsage
        "1.2.840.113583.1.1.5",  # Adobe Authentic Documents Trust
        "1.3.6.1.4.1.311.10.3.12",  # Microsoft document signing
    }
)


def _name(cert: asn1_x509.Certificate) -> str:
    native = cert.subject.native
    return str(native.get("common_name") or cert.subject.human_friendly)


def _day(moment: dt.datetime) -> str:
    return f"{moment.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC"


def _validity_problems(
    cert: asn1_x509.Certificate, role: str, moment: dt.datetime, what: str
) -> list[str]:
    start = cert.not_valid_before
    end = cert.not_valid_after
    if moment < start:
        return [
            f"the {role} certificate ({_name(cert)}) was not yet valid at {what} "
            f"({_day(moment)}); it is valid from {_day(start)}"
        ]
    if moment > end:
        return [
            f"the {role} certificate ({_name(cert)}) had expired at {what} "
            f"({_day(moment)}); it was valid until {_day(end)}"
        ]
    return []


def is_ca(cert: asn1_x509.Certificate) -> bool:
    constraints = cert.basic_constraints_value
    return bool(constraints is not None and constraints["ca"].native)


def _key_usage(cert: asn1_x509.Certificate) -> set[str] | None:
    value = cert.key_usage_value
    return None if value is None else set(value.native)


def _signer_problems(cert: asn1_x509.Certificate) -> list[str]:
    found: list[str] = []
    name = _name(cert)
    usage = _key_usage(cert)
    if usage is None or "non_repudiation" not in usage:
        have = ", ".join(sorted(usage)) if usage else "none"
        found.append(
            f"the signer's certificate ({name}) is not for signing documents: its KeyUsage "
            f"({have}) lacks nonRepudiation"
        )
    eku = cert.extended_key_usage_value
    if eku is not None:
        purposes = {purpose.dotted for purpose in eku}
        if not purposes & SIGNING_EKUS:
            listed = ", ".join(sorted(str(p.native) for p in eku)) or "none"
            found.append(
                f"the signer's certificate ({name}) is not for signing documents: its extended "
                f"key usage allows only {listed}"
            )
    if is_ca(cert):
        found.append(
            f"the signer's certificate ({name}) is a CA certificate; a CA issues certificates "
            "and does not sign reports"
        )
    return found


def _issuer_problems(
    issuer: asn1_x509.Certificate, below: int, signer: asn1_x509.Certificate
) -> list[str]:
    """`below`: how many CA certificates sit between `issuer` and the signer."""
    name = _name(issuer)
    usage = _key_usage(issuer)
    if not is_ca(issuer) or (usage is not None and "key_cert_sign" not in usage):
        return [
            f"the trusted certificate {name} is not a CA and cannot vouch for another "
            f"certificate ({_name(signer)}); trust the signer's own certificate or the CB's "
            "CA certificate"
        ]
    limit = issuer.basic_constraints_value["path_len_constraint"].native
    if limit is not None and below > limit:
        return [
            f"the CA certificate {name} allows {limit} CA level(s) below it, this path has {below}"
        ]
    return []


def path_problems(
    path: list[asn1_x509.Certificate],
    signing_time: dt.datetime | None,
    check_time: dt.datetime,
    check_time_label: str = "the time of checking",
) -> list[str]:
    """Every reason our policy refuses the trusted `path` (root first, signer last)."""
    signer = path[-1]
    found = _signer_problems(signer)
    for index, cert in enumerate(path):
        role = "signer's" if index == len(path) - 1 else "CA"
        if index < len(path) - 1:
            found.extend(_issuer_problems(cert, len(path) - 2 - index, signer))
        if signing_time is not None:
            found.extend(_validity_problems(cert, role, signing_time, "the signing time"))
        found.extend(_validity_problems(cert, role, check_time, check_time_label))
    return list(dict.fromkeys(found))  # one line per distinct reason
