"""`auditor-app keys` and `auditor-app verify`: exit codes, passphrase handling, output."""

from __future__ import annotations

import datetime as dt
import getpass
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from auditor_app.cli import main as cli_main
from auditor_app.signing import keys
from auditor_app.signing.sign import sign_pdf

PASS = "tr1al-passphrase"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def cli(monkeypatch):
    """Run the real `main()` with only this module's command groups registered, because the
    other groups may not exist yet while this is developed."""
    monkeypatch.setattr(
        cli_main, "COMMAND_MODULES", ["auditor_app.cli.keys", "auditor_app.cli.verify"]
    )

    def run(*argv: str) -> int:
        return cli_main.main(list(argv))

    return run


@pytest.fixture
def passphrase_env(monkeypatch):
    monkeypatch.setenv("AUDITOR_PASSPHRASE", PASS)


def make_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    from auditor_app.fonts import register_reportlab_font

    font = register_reportlab_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, initialFontName=font)
    c.setFont(font, 12)
    c.drawString(72, 720, "审核报告 Audit report")
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def signed_case(tmp_path_factory):
    """A report signed under a test CA, with the CA certificate and the unsigned original."""
    folder = tmp_path_factory.mktemp("signed")
    # valid at the back-dated signing time below as well as now: verify checks both
    since = {"not_before": dt.datetime(2025, 1, 1, tzinfo=dt.UTC), "valid_days": 3650}
    ca = keys.create_test_ca(**since)
    key = keys.create_auditor_key("王五", ca=ca, key_type="ec", **since)
    report = make_pdf()
    signed = sign_pdf(
        report,
        key,
        signer_name="王五",
        role="审核员 Auditor",
        reason="审核报告",
        location="Shanghai",
        signing_time=dt.datetime(2025, 3, 4, 9, 15, tzinfo=dt.UTC),
    )
    (folder / "signed.pdf").write_bytes(signed)
    (folder / "unsigned.pdf").write_bytes(report)
    (folder / "appended.pdf").write_bytes(signed + b"\n%junk\n")
    (folder / "not.pdf").write_bytes(b"just text")
    ca.save_certificate(folder / "ca.pem")
    keys.create_test_ca("Other").save_certificate(folder / "other.pem")
    return folder


# --- keys create / show ---------------------------------------------------------------------


def test_create_self_signed_then_show(cli, tmp_path, capsys, passphrase_env):
    out = tmp_path / "me.p12"
    assert cli("keys", "create", "--name", "赵六", "--out", str(out), "--key-type", "ec") == 0
    text = capsys.readouterr().out
    assert "赵六" in text and "self-signed" in text
    if sys.platform != "win32":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    key = keys.load_key(out, PASS)
    assert key.signer_name == "赵六"
    # the certificate reviewers must trust is written beside the key, public and key-free
    cert = tmp_path / "me.pem"
    assert f"Certificate: {cert} (public, no key)" in text
    assert f"--trust {cert}" in text
    assert cert.read_bytes() == key.certificate_pem()
    assert b"PRIVATE KEY" not in cert.read_bytes()
    if sys.platform != "win32":
        assert stat.S_IMODE(cert.stat().st_mode) == 0o644

    assert cli("keys", "show", str(out)) == 0
    shown = capsys.readouterr().out
    assert "Signer:       赵六" in shown
    assert "Issuer:       self-signed" in shown
    assert "Can sign:     yes" in shown


def test_create_under_test_ca(cli, tmp_path, capsys, passphrase_env):
    out, ca_out = tmp_path / "a.p12", tmp_path / "ca.pem"
    code = cli(
        "keys", "create", "--name", "Auditor A", "--org", "Test CB", "--email", "a@example.com",
        "--days", "30", "--out", str(out), "--ca-out", str(ca_out), "--key-type", "ec",
    )  # fmt: skip
    assert code == 0
    assert "Test CA certificate" in capsys.readouterr().out
    key = keys.load_key(out, PASS)
    assert key.email == "a@example.com" and key.organization == "Test CB"
    assert not key.self_signed and len(key.chain) == 1
    assert (key.not_after - key.not_before).days == 30
    assert b"BEGIN CERTIFICATE" in ca_out.read_bytes()
    assert not (tmp_path / "a.pem").exists()  # the test CA's certificate is what is trusted


def test_create_refuses_to_overwrite_the_certificate_beside(cli, tmp_path, capsys, passphrase_env):
    cert = tmp_path / "k.pem"
    cert.write_text("someone's certificate")
    out = tmp_path / "k.p12"
    assert cli("keys", "create", "--name", "A", "--out", str(out), "--key-type", "ec") == 2
    assert f"{cert} already exists" in capsys.readouterr().err
    assert not out.exists() and cert.read_text() == "someone's certificate"
    forced = ("keys", "create", "--name", "A", "--out", str(out), "--key-type", "ec", "--force")
    assert cli(*forced) == 0
    assert cert.read_bytes() == keys.load_key(out, PASS).certificate_pem()
    pem_named = tmp_path / "key.pem"
    assert cli("keys", "create", "--name", "A", "--out", str(pem_named), "--key-type", "ec") == 2
    assert "name the key file FILE.p12" in capsys.readouterr().err
    assert not pem_named.exists()


def test_export_cert(cli, tmp_path, capsys, monkeypatch):
    ca = keys.create_test_ca()
    key = keys.create_auditor_key("孙七", ca=ca, key_type="ec")
    path = keys.write_pkcs12(key, tmp_path / "sun.p12", PASS)
    out = tmp_path / "sun-cert.pem"
    monkeypatch.setenv("AUDITOR_PASSPHRASE", "wrong")
    assert cli("keys", "export-cert", str(path), "--out", str(out)) == 1
    assert "wrong passphrase" in capsys.readouterr().err and not out.exists()
    monkeypatch.setenv("AUDITOR_PASSPHRASE", PASS)
    assert cli("keys", "export-cert", str(path), "--out", str(out)) == 0
    text = capsys.readouterr().out
    assert f"Certificate of 孙七: {out} (public, no key)" in text
    assert "Issued by Auditor App Test CA" in text
    assert out.read_bytes() == key.certificate_pem()
    assert cli("keys", "export-cert", str(path), "--out", str(out)) == 2
    assert "already exists" in capsys.readouterr().err
    assert cli("keys", "export-cert", str(path), "--out", str(out), "--force") == 0
    capsys.readouterr()
    assert cli("keys", "export-cert", str(path), "--out", str(path), "--force") == 2
    assert "must not be the key file" in capsys.readouterr().err
    assert keys.load_key(path, PASS).fingerprint == key.fingerprint


def test_self_signed_key_verifies_with_the_certificate_create_wrote(
    cli, tmp_path, capsys, passphrase_env
):
    out = tmp_path / "me.p12"
    assert cli("keys", "create", "--name", "赵六", "--out", str(out), "--key-type", "ec") == 0
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(
        sign_pdf(make_pdf(), keys.load_key(out, PASS), role="r", reason="x", location="y")
    )
    capsys.readouterr()
    assert cli("verify", str(signed)) == 1
    text = capsys.readouterr().out
    assert "self-signed certificate: pass it with --trust CERT.pem to trust it" in text
    assert "CHAIN_CONSTRAINTS_FAILURE" not in text
    exported = tmp_path / "exported.pem"
    assert cli("keys", "export-cert", str(out), "--out", str(exported)) == 0
    for cert in (tmp_path / "me.pem", exported):
        assert cli("verify", str(signed), "--trust", str(cert)) == 0
        assert "Verdict:           OK" in capsys.readouterr().out


def test_create_refuses_to_overwrite_without_force(cli, tmp_path, capsys, passphrase_env):
    out = tmp_path / "k.p12"
    assert cli("keys", "create", "--name", "A", "--out", str(out), "--key-type", "ec") == 0
    before = out.read_bytes()
    assert cli("keys", "create", "--name", "B", "--out", str(out), "--key-type", "ec") == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == before
    args = ("keys", "create", "--name", "B", "--out", str(out), "--key-type", "ec", "--force")
    assert cli(*args) == 0
    assert keys.load_key(out, PASS).signer_name == "B"


def test_no_tty_and_no_env_is_a_clear_error(cli, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("AUDITOR_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert cli("keys", "create", "--name", "A", "--out", str(tmp_path / "k.p12")) == 2
    assert "AUDITOR_PASSPHRASE" in capsys.readouterr().err
    assert not (tmp_path / "k.p12").exists()


def test_empty_env_passphrase_is_refused(cli, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("AUDITOR_PASSPHRASE", "")
    assert cli("keys", "create", "--name", "A", "--out", str(tmp_path / "k.p12")) == 2
    assert "empty" in capsys.readouterr().err


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("answers", "code", "message"),
    [
        (["s3cret-phrase", "s3cret-phrase"], 0, ""),
        (["s3cret-phrase", "typo"], 2, "differ"),
        ([""], 2, "must not be empty"),
        (["s3crt", "s3crt"], 2, "at least 6 characters"),
    ],
)
def test_interactive_passphrase_is_asked_twice(
    cli, tmp_path, capsys, monkeypatch, answers, code, message
):
    monkeypatch.delenv("AUDITOR_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys, "stdin", FakeTty())
    replies = iter(answers)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(replies))
    out = tmp_path / "k.p12"
    assert cli("keys", "create", "--name", "A", "--out", str(out), "--key-type", "ec") == code
    assert message in capsys.readouterr().err
    assert out.exists() == (code == 0)
    if code == 0:
        keys.load_key(out, "s3cret-phrase")


def test_show_wrong_passphrase_and_bad_files(cli, tmp_path, capsys, monkeypatch):
    out = keys.write_pkcs12(keys.create_auditor_key("A", key_type="ec"), tmp_path / "k.p12", PASS)
    monkeypatch.setenv("AUDITOR_PASSPHRASE", "wrong")
    assert cli("keys", "show", str(out)) == 1
    assert "wrong passphrase" in capsys.readouterr().err
    assert cli("keys", "show", str(tmp_path / "missing.p12")) == 1
    assert "does not exist" in capsys.readouterr().err
    junk = tmp_path / "junk.p12"
    junk.write_text("junk")
    assert cli("keys", "show", str(junk)) == 1
    assert "not a PKCS#12" in capsys.readouterr().err


def test_show_explains_why_an_expired_key_cannot_sign(cli, tmp_path, capsys, passphrase_env):
    old = keys.create_auditor_key(
        "Old", key_type="ec", not_before=dt.datetime(2020, 1, 1, tzinfo=dt.UTC), valid_days=10
    )
    path = keys.write_pkcs12(old, tmp_path / "old.p12", PASS)
    assert cli("keys", "show", str(path)) == 1
    out = capsys.readouterr().out
    assert "Cannot sign:" in out and "expired" in out


# --- verify ---------------------------------------------------------------------------------


def test_verify_ok_with_trust(cli, signed_case, capsys):
    case = signed_case
    assert cli("verify", str(case / "signed.pdf"), "--trust", str(case / "ca.pem")) == 0
    out = capsys.readouterr().out
    for line in (
        "Intact:            yes",
        "Valid:             yes",
        "Trusted:           yes",
        "Signer:            王五",
        "Signing time:      2025-03-04 09:15:00 +0000",
        "Covers whole file: yes",
        "Verdict:           OK",
    ):
        assert line in out, out


@pytest.mark.parametrize(
    ("name", "trust", "code", "expect"),
    [
        ("signed.pdf", [], 1, "Trusted:           no"),
        ("signed.pdf", ["other.pem"], 1, "Trusted:           no"),
        ("appended.pdf", ["ca.pem"], 1, "Covers whole file: no"),
        ("unsigned.pdf", ["ca.pem"], 1, "no signature"),
        ("not.pdf", [], 2, "not a PDF"),
    ],
)
def test_verify_exit_codes(cli, signed_case, capsys, name, trust, code, expect):
    argv = ["verify", str(signed_case / name)]
    for t in trust:
        argv += ["--trust", str(signed_case / t)]
    assert cli(*argv) == code
    assert expect in capsys.readouterr().out


def test_verify_missing_file_and_bad_trust(cli, signed_case, tmp_path, capsys):
    assert cli("verify", str(tmp_path / "none.pdf")) == 2
    assert "cannot read" in capsys.readouterr().err
    junk = tmp_path / "junk.pem"
    junk.write_text("junk")
    assert cli("verify", str(signed_case / "signed.pdf"), "--trust", str(junk)) == 2
    assert "not a PEM or DER certificate" in capsys.readouterr().err


def test_verify_json(cli, signed_case, capsys):
    argv = ["verify", str(signed_case / "signed.pdf"), "--trust", str(signed_case / "ca.pem")]
    assert cli(*argv, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True
    assert data["signer"] == "王五"
    assert data["signing_time"] == "2025-03-04T09:15:00+00:00"
    assert data["covers_whole_file"] is True and data["signature_count"] == 1
    assert data["problems"] == []


# --- the real command line, in a child process ----------------------------------------------


@pytest.fixture(scope="module")
def real_cli():
    # A command line that cannot even print its help is a failure, never a reason to skip.
    help_run = subprocess.run(
        [sys.executable, "-m", "auditor_app", "--help"],
        capture_output=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=60,
    )
    assert help_run.returncode == 0, f"`python -m auditor_app --help` fails:\n{help_run.stderr}"

    def run(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "auditor_app", *argv],
            capture_output=True,
            encoding="utf-8",
            cwd=REPO,
            timeout=120,
            env={**os.environ, **(env or {})},
            stdin=subprocess.DEVNULL,
        )

    return run


def test_subprocess_keys_and_verify(real_cli, signed_case, tmp_path):
    out = tmp_path / "k.p12"
    no_env = {k: v for k, v in os.environ.items() if k != "AUDITOR_PASSPHRASE"}
    proc = subprocess.run(
        [sys.executable, "-m", "auditor_app", "keys", "create", "--name", "A", "--out", str(out)],
        capture_output=True, encoding="utf-8", cwd=REPO, timeout=120, env=no_env,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert proc.returncode == 2 and "AUDITOR_PASSPHRASE" in proc.stderr
    assert "Traceback" not in proc.stderr

    env = {"AUDITOR_PASSPHRASE": PASS}
    proc = real_cli("keys", "create", "--name", "A", "--out", str(out), "--key-type", "ec", env=env)
    assert proc.returncode == 0, proc.stderr
    assert real_cli("keys", "show", str(out), env=env).returncode == 0

    ok = real_cli("verify", str(signed_case / "signed.pdf"), "--trust", str(signed_case / "ca.pem"))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    untrusted = real_cli("verify", str(signed_case / "signed.pdf"))
    assert untrusted.returncode == 1
    assert "Traceback" not in untrusted.stderr and untrusted.stderr == ""
    assert real_cli("verify", str(signed_case / "not.pdf")).returncode == 2
