"""Every reason the verifier gives has its Chinese in the window (issue 15: plain verdicts in
both languages). The cases are the hostile ones of tests/test_verify_policy.py."""

from __future__ import annotations

from cryptography.x509.oid import ExtendedKeyUsageOID

from auditor_app.services.verdict_text import bilingual, in_chinese
from auditor_app.signing.verify import verify_pdf
from tests.test_verify_policy import DAY, NOW, _gap, make_ca, make_cert, report, sign

__all__ = ["report"]  # the module-scoped fixture, shared


def _cases(report: bytes) -> dict[str, list[str]]:
    wang, li = make_cert("王建国"), make_cert("李四")
    old = make_cert("王建国", start=NOW - 400 * DAY, end=NOW - 30 * DAY)
    early = make_cert("王建国", start=NOW + 10 * DAY, end=NOW + 300 * DAY)
    no_usage = make_cert("王建国", usage={"key_encipherment"})
    server = make_cert("王建国", eku=[ExtendedKeyUsageOID.SERVER_AUTH])
    vouched = make_cert("李四", issuer=wang)
    dead_ca = make_ca(start=NOW - 800 * DAY, end=NOW - 10 * DAY)
    under_dead = make_cert("张三", issuer=dead_ca, start=NOW - 100 * DAY)
    ca = make_ca()
    leaf_ca = make_cert(
        "张三",
        issuer=ca,
        ca=True,
        usage={"digital_signature", "content_commitment", "key_cert_sign"},
    )
    root = make_ca("Root")
    not_ca = make_cert("Not A CA", issuer=root)
    under_not_ca = make_cert("张三", issuer=not_ca)
    short = make_ca("Root", path_length=0)
    middle = make_ca("Middle", issuer=short)
    deep = make_cert("张三", issuer=middle)
    signed = sign(report, wang.signing_key())
    _, end = _gap(signed)
    padded = signed[: end - 9] + b"1" + signed[end - 8 :]
    # one byte inside the signed range changed: "%PDF-1.4" becomes "%PDF-1.5"
    tampered = signed[:7] + bytes([signed[7] ^ 1]) + signed[8:]
    results = {
        "untrusted self-signed": verify_pdf(signed, []),
        "wrong person": verify_pdf(sign(report, li.signing_key()), [wang.cert]),
        "expired": verify_pdf(sign(report, old.signing_key(), NOW - 100 * DAY), [old.cert]),
        "not yet valid": verify_pdf(
            sign(report, early.signing_key(), NOW + 20 * DAY), [early.cert]
        ),
        "key usage": verify_pdf(sign(report, no_usage.signing_key()), [no_usage.cert]),
        "server eku": verify_pdf(sign(report, server.signing_key()), [server.cert]),
        "vouching": verify_pdf(sign(report, vouched.signing_key((wang.cert,))), [wang.cert]),
        "expired CA": verify_pdf(
            sign(report, under_dead.signing_key((dead_ca.cert,))), [dead_ca.cert]
        ),
        "leaf CA": verify_pdf(sign(report, leaf_ca.signing_key((ca.cert,))), [ca.cert]),
        "chain rule": verify_pdf(
            sign(report, under_not_ca.signing_key((not_ca.cert, root.cert))), [root.cert]
        ),
        "path length": verify_pdf(
            sign(report, deep.signing_key((middle.cert, short.cert))), [short.cert]
        ),
        "padding": verify_pdf(padded, [wang.cert]),
        "tampered": verify_pdf(tampered, [wang.cert]),
        "not a PDF": verify_pdf(b"hello", []),
        "unsigned": verify_pdf(report, []),
    }
    return {name: [str(p) for p in r.problems] for name, r in results.items()}


def test_every_reason_has_chinese(report):
    for name, problems in _cases(report).items():
        assert problems, name
        for problem in problems:
            chinese = in_chinese(problem)
            assert chinese, f"{name}: no Chinese for {problem!r}"
            assert "{" not in chinese, chinese  # every gap filled


def test_chinese_names_the_people_and_dates(report):
    cases = _cases(report)
    wrong = in_chinese(cases["wrong person"][0]) or ""
    assert "李四" in wrong and "王建国" in wrong and "另一把密钥" in wrong
    expired = next(in_chinese(p) for p in cases["expired CA"] if "CA certificate" in p) or ""
    assert "CA 证书（Hostile Test CA）" in expired and "已过期" in expired
    shown = bilingual(cases["key usage"][0], cases["key usage"][0])
    chinese, english = shown.split("\n")
    assert "nonRepudiation" in chinese and english.strip() == cases["key usage"][0]


def test_an_unknown_reason_stays_english_only():
    assert in_chinese("something new") is None
    assert bilingual("something new", "something new") == "something new"
