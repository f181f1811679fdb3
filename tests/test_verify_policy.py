"""Hostile certificates and signature padding: `verify` refuses each with a plain reason.

Every certificate here is built in the test with `cryptography`, and signed with a key object
whose signing-side checks are switched off, as an attacker's own tool would do: the verifier
must not rely on the signer's software having refused.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from auditor_app.cli import main as cli_main
from auditor_app.signing import keys
from auditor_app.signing.contents import contents_problem
from auditor_app.signing.sign import sign_pdf
from auditor_app.signing.verify import verify_pdf
from tests.conftest import have

NOW = dt.datetime.now(dt.UTC)
DAY = dt.timedelta(days=1)
DOC_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")


@dataclass(frozen=True)
class HostileKey(keys.AuditorKey):
    """A key whose holder signs whatever the certificate says (no signing-side checks)."""

    def check_usable(self, at: dt.datetime | None = None) -> None:
        return None


@dataclass(frozen=True)
class Issued:
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    def signing_key(self, chain: tuple[x509.Certificate, ...] = ()) -> HostileKey:
        return HostileKey(certificate=self.cert, private_key=self.key, chain=chain)


def make_cert(
    name: str,
    *,
    issuer: Issued | None = None,
    start: dt.datetime = NOW - DAY,
    end: dt.datetime = NOW + 300 * DAY,
    usage: set[str] | None = frozenset({"digital_signature", "content_commitment"}),  # type: ignore[assignment]
    eku: list[x509.ObjectIdentifier] | None = None,
    ca: bool = False,
    path_length: int | None = None,
) -> Issued:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
    )
    if usage is not None:
        flags = {
            flag: flag in usage
            for flag in (
                "digital_signature",
                "content_commitment",
                "key_encipherment",
                "data_encipherment",
                "key_agreement",
                "key_cert_sign",
                "crl_sign",
                "encipher_only",
                "decipher_only",
            )
        }
        builder = builder.add_extension(x509.KeyUsage(**flags), critical=True)
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), False
        )
    signer_key = issuer.key if issuer else key
    return Issued(builder.sign(signer_key, hashes.SHA256()), key)


def make_ca(name: str = "Hostile Test CA", **kwargs) -> Issued:
    kwargs.setdefault("usage", {"key_cert_sign", "crl_sign"})
    return make_cert(name, ca=True, **kwargs)


@pytest.fixture(scope="module")
def report() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Audit report")
    c.save()
    return buf.getvalue()


def sign(report: bytes, key: keys.AuditorKey, at: dt.datetime | None = None) -> bytes:
    return sign_pdf(
        report, key, signer_name="Signer", role="Auditor", reason="r", location="l",
        signing_time=at or NOW,
    )  # fmt: skip


def refused(result, *reasons: str) -> None:
    assert not result.ok and not result.trusted
    for reason in reasons:
        assert any(reason in p for p in result.problems), result.problems


# --- directly trusted certificates (the trial-key flow) ----------------------------------


def test_good_trial_key_passes(report):
    own = make_cert("王建国")
    result = verify_pdf(sign(report, own.signing_key()), [own.cert])
    assert result.ok, result.problems


@pytest.mark.parametrize(
    ("start", "end", "signed_at", "reason"),
    [
        # expired now, signing time inside the validity (back-dated by the signer)
        (NOW - 400 * DAY, NOW - 30 * DAY, NOW - 100 * DAY, "had expired at the time of checking"),
        # not yet valid now, signing time claimed inside the validity
        (NOW + 10 * DAY, NOW + 300 * DAY, NOW + 20 * DAY, "was not yet valid at the time"),
        # valid now, but the claimed signing time is before the certificate existed
        (NOW - DAY, NOW + 300 * DAY, NOW - 90 * DAY, "was not yet valid at the signing time"),
    ],
    ids=["expired-backdated", "not-yet-valid", "signing-time-before-validity"],
)
def test_trusted_certificate_outside_its_validity(report, start, end, signed_at, reason):
    own = make_cert("王建国", start=start, end=end)
    refused(verify_pdf(sign(report, own.signing_key(), signed_at), [own.cert]), reason)


@pytest.mark.parametrize(
    "usage",
    [{"key_encipherment"}, {"digital_signature"}, None],
    ids=["keyEncipherment-only", "digitalSignature-only", "no-KeyUsage"],
)
def test_trusted_certificate_without_signing_key_usage(report, usage):
    own = make_cert("王建国", usage=usage)
    refused(verify_pdf(sign(report, own.signing_key()), [own.cert]), "lacks nonRepudiation")


def test_trusted_certificate_with_server_only_eku(report):
    own = make_cert("王建国", eku=[ExtendedKeyUsageOID.SERVER_AUTH])
    refused(
        verify_pdf(sign(report, own.signing_key()), [own.cert]),
        "extended key usage allows only server_auth",
    )


@pytest.mark.parametrize(
    "eku",
    [
        [ExtendedKeyUsageOID.EMAIL_PROTECTION],
        [DOC_SIGNING, ExtendedKeyUsageOID.SERVER_AUTH],
        [ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE],
    ],
    ids=["emailProtection", "documentSigning", "any"],
)
def test_signing_ekus_are_accepted(report, eku):
    own = make_cert("王建国", eku=eku)
    assert verify_pdf(sign(report, own.signing_key()), [own.cert]).ok


def test_trial_key_cannot_vouch_for_another_name(report):
    wang = make_cert("王建国")
    li = make_cert("李四", issuer=wang)
    result = verify_pdf(sign(report, li.signing_key((wang.cert,))), [wang.cert])
    refused(result, "王建国 is not a CA and cannot vouch for another certificate (李四)")
    assert result.signer == "李四"


# --- the CA path -------------------------------------------------------------------------


def test_expired_trusted_ca(report):
    ca = make_ca(start=NOW - 800 * DAY, end=NOW - 10 * DAY)
    leaf = make_cert("张三", issuer=ca, start=NOW - 100 * DAY)
    result = verify_pdf(sign(report, leaf.signing_key((ca.cert,))), [ca.cert])
    refused(result, "the CA certificate (Hostile Test CA) had expired at the time of checking")


def test_leaf_that_is_a_ca(report):
    ca = make_ca()
    leaf = make_cert(
        "张三",
        issuer=ca,
        ca=True,
        usage={"digital_signature", "content_commitment", "key_cert_sign"},
    )
    result = verify_pdf(sign(report, leaf.signing_key((ca.cert,))), [ca.cert])
    refused(result, "is a CA certificate")


def test_leaf_with_server_only_eku_under_ca(report):
    ca = make_ca()
    leaf = make_cert("张三", issuer=ca, eku=[ExtendedKeyUsageOID.SERVER_AUTH])
    refused(verify_pdf(sign(report, leaf.signing_key((ca.cert,))), [ca.cert]), "server_auth")


def test_root_path_length_is_honoured(report):
    root = make_ca("Root", path_length=0)
    middle = make_ca("Middle", issuer=root)
    leaf = make_cert("张三", issuer=middle)
    result = verify_pdf(sign(report, leaf.signing_key((middle.cert, root.cert))), [root.cert])
    assert not result.ok and not result.trusted, result.problems
    good_root = make_ca("Good Root", path_length=1)
    good_middle = make_ca("Middle", issuer=good_root)
    good_leaf = make_cert("张三", issuer=good_middle)
    chain = (good_middle.cert, good_root.cert)
    assert verify_pdf(sign(report, good_leaf.signing_key(chain)), [good_root.cert]).ok


def test_cli_says_why(tmp_path: Path, report, capsys):
    own = make_cert("王建国", start=NOW - 400 * DAY, end=NOW - 30 * DAY)
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(sign(report, own.signing_key(), NOW - 100 * DAY))
    pem = tmp_path / "wang.pem"
    pem.write_bytes(keys.AuditorKey(own.cert, own.key).certificate_pem())
    assert cli_main.main(["verify", str(pdf), "--trust", str(pem)]) == 1
    out = capsys.readouterr().out
    assert "Verdict:           NOT OK" in out
    assert "the signer's certificate (王建国) had expired at the time of checking" in out


# --- the signature padding ---------------------------------------------------------------


def _gap(data: bytes) -> tuple[int, int]:
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    assert match
    a, b, c, _ = (int(v) for v in match.groups())
    return a + b, c


@pytest.fixture(scope="module")
def padded(report):
    own = make_cert("王建国")
    return sign(report, own.signing_key()), own.cert


@pytest.mark.parametrize("patch", [b"DEADBEEF", b"00000001", b"0000 000"])
def test_changed_padding_is_refused(tmp_path, padded, patch):
    signed, cert = padded
    assert verify_pdf(signed, [cert]).ok
    _start, end = _gap(signed)
    pos = end - 1 - 40  # inside the zero padding, before the closing '>'
    assert signed[pos : pos + 8] == b"0" * 8
    tampered = signed[:pos] + patch + signed[pos + 8 :]
    result = verify_pdf(tampered, [cert])
    assert not result.ok
    assert any("padding" in p or "other than hex" in p for p in result.problems), result.problems
    if have("pdfsig") and patch == b"DEADBEEF":
        import subprocess

        path = tmp_path / "t.pdf"
        path.write_bytes(tampered)
        out = subprocess.run(["pdfsig", str(path)], capture_output=True, timeout=60).stdout
        assert b"Not total document signed" in out


def test_contents_checker_edges():
    data = b"AAAA<3003020100" + b"00" * 4 + b">BBBB"
    assert contents_problem(data, [0, 4, 4 + 2 + 10 + 8, 4]) is None
    bad = b"AAAA<3003020100" + b"0010" * 2 + b">BBBB"
    assert "padding" in (contents_problem(bad, [0, 4, 4 + 2 + 10 + 8, 4]) or "")
    assert contents_problem(b"AAAAxx>BBBB", [0, 4, 7, 4])
    assert contents_problem(data, [0, 4])


# --- plain messages ------------------------------------------------------------------------


def test_wrong_persons_certificate_is_named(report):
    wang, li = make_cert("王建国"), make_cert("李四")
    result = verify_pdf(sign(report, li.signing_key()), [wang.cert])
    refused(result, "the signer's certificate (李四) is not the certificate you trusted (王建国)")
    assert not any("pass it with --trust" in p for p in result.problems)


def test_chain_constraint_failure_is_said_plainly(report):
    root = make_ca("Root")
    middle = make_cert("Not A CA", issuer=root)  # an end-entity certificate posing as issuer
    leaf = make_cert("张三", issuer=middle)
    result = verify_pdf(sign(report, leaf.signing_key((middle.cert, root.cert))), [root.cert])
    refused(result)
    # a sentence first; pyHanko's code only in brackets after it
    assert any(
        "breaks a CA rule" in p or "path cannot be validated" in p for p in result.problems
    ), result.problems
    assert not any("is not trusted (" in p for p in result.problems), result.problems
