"""The signed report inside a package: who signed it, and does it verify.

The manifest signature binds the PDF to the audit data; the PDF's own signature must also
verify (intact, covering the whole file, trusted) and come from the same certificate, so a
package cannot pair one auditor's report with another sender's data.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence

from cryptography import x509

from auditor_app.signing.keys import fingerprint
from auditor_app.signing.verify import Verification, verify_pdf
from auditor_app.sync.errors import PackageRefused


def pdf_signer_certificate(pdf: bytes) -> x509.Certificate | None:
    """The certificate of the PDF's last signature, or None if there is none or it is
    unreadable."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with contextlib.suppress(Exception):  # damaged PDFs raise anything; None says "no signer"
        signatures = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
        if signatures:
            return x509.load_der_x509_certificate(signatures[-1].signer_cert.dump())
    return None


def check_report(
    pdf: bytes, signer: x509.Certificate, trust: Sequence[x509.Certificate]
) -> Verification:
    """Refuse a report that does not verify or was not signed by the manifest's signer."""
    verdict = verify_pdf(pdf, list(trust))
    if not verdict.ok:
        problems = "; ".join(verdict.problems) or "it is not intact, valid and trusted"
        raise PackageRefused("bad_report", f"the signed report does not verify: {problems}")
    pdf_cert = pdf_signer_certificate(pdf)
    if pdf_cert is None or fingerprint(pdf_cert) != fingerprint(signer):
        raise PackageRefused(
            "signer_mismatch",
            f"the report was signed by {verdict.signer or 'someone else'}, "
            "but the package by a different certificate: data and report "
            "do not provably belong together",
        )
    return verdict
