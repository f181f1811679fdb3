"""Signing with a USB key through PKCS#11, with SoftHSM2 standing in for the CB's token.

The token is made the way a CB issues one: a key pair and its certificate (issued by the
CB's CA) on a token with a PIN. The app only sees the PKCS#11 library, the token's label and
the PIN; the private key never reaches it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from auditor_app.signing import keys
from tests.conftest import have, run_cli

SOFTHSM_LIBRARIES = (
    Path("/usr/lib/softhsm/libsofthsm2.so"),
    Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
)
PIN = "246810"
LABEL = "CB token 王"

pytestmark = pytest.mark.skipif(
    sys.platform == "win32",
    reason="SoftHSM2, the software token standing in for a USB key, is a Linux library here: the "
    "Windows rig has no Windows build of it (the PKCS#11 code path is the same python-pkcs11 "
    "and pyHanko on both systems)",
)


def _softhsm_library() -> Path:
    found = next((p for p in SOFTHSM_LIBRARIES if p.is_file()), None)
    if found is None or shutil.which("softhsm2-util") is None:
        pytest.fail("SoftHSM2 is missing: `make test` installs the Debian package softhsm2")
    return found


@pytest.fixture(scope="module")
def token(tmp_path_factory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("token")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n",
        encoding="utf-8",
    )
    env = {"SOFTHSM2_CONF": str(conf)}
    library = _softhsm_library()
    ca = keys.create_test_ca("Token Test CB Root", org="Token Test CB")
    key = keys.create_auditor_key("王建国", org="Token Test CB", ca=ca)
    pem = key.private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    (folder / "key.pem").write_bytes(pem)
    util = ["softhsm2-util"]
    subprocess.run(
        [*util, "--init-token", "--free", "--label", LABEL, "--pin", PIN, "--so-pin", "13579135"],
        check=True,
        capture_output=True,
        env={**os.environ, **env},
    )
    subprocess.run(
        [
            *util,
            "--import",
            str(folder / "key.pem"),
            "--token",
            LABEL,
            "--label",
            "signer",
            "--id",
            "01",
            "--pin",
            PIN,
        ],
        check=True,
        capture_output=True,
        env={**os.environ, **env},
    )
    (folder / "key.pem").unlink()  # as on a real token, the key exists only inside it
    # softhsm2-util cannot store certificates; python-pkcs11 does, in a child process (the
    # library may be loaded once per process, and only with this token's configuration)
    cert_der = key.certificate.public_bytes(serialization.Encoding.DER)
    ca_der = ca.certificate.public_bytes(serialization.Encoding.DER)
    (folder / "cert.der").write_bytes(cert_der)
    (folder / "ca.der").write_bytes(ca_der)
    script = textwrap.dedent(
        """
        import sys, pkcs11
        from cryptography import x509
        from pkcs11 import Attribute, CertificateType, ObjectClass
        lib, label, pin, cert, ca = sys.argv[1:]
        with pkcs11.lib(lib).get_token(token_label=label).open(user_pin=pin, rw=True) as s:
            for path, name, ident in ((cert, "signer", b"\\x01"), (ca, "CB root", b"\\x02")):
                der = open(path, "rb").read()
                s.create_object({
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: name,
                    Attribute.ID: ident,
                    Attribute.SUBJECT: x509.load_der_x509_certificate(der).subject.public_bytes(),
                    Attribute.VALUE: der,
                })
        """
    )
    subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            str(library),
            LABEL,
            PIN,
            str(folder / "cert.der"),
            str(folder / "ca.der"),
        ],
        check=True,
        env={**os.environ, **env},
    )
    db = folder / "audits.sqlite"
    from auditor_app.services.demo import create_demo
    from auditor_app.store.audit_store import AuditStore

    with AuditStore(db, actor="tester") as store:
        create_demo(store)
    return {
        "folder": folder,
        "db": db,
        "ca": ca.save_certificate(folder / "ca.pem"),
        "env": {**env, "AUDITOR_PKCS11_LIBRARY": str(library)},
    }


def test_tokens_are_listed(token):
    listed = run_cli("keys", "tokens", env=token["env"])
    assert LABEL in listed.stdout and "SoftHSM" in listed.stdout


def test_wrong_pin_and_wrong_label_are_refused_in_one_line(token):
    db, out = str(token["db"]), token["folder"] / "refused.pdf"
    args = ("report", "--db", db, "--audit", "1", "--out", str(out), "--token")
    wrong_pin = run_cli(*args, LABEL, check=False, env={**token["env"], "AUDITOR_TOKEN_PIN": "1"})
    assert wrong_pin.returncode != 0
    assert f"wrong PIN for token '{LABEL}'" in wrong_pin.stderr
    assert "Traceback" not in wrong_pin.stderr
    absent = run_cli(*args, "other", check=False, env={**token["env"], "AUDITOR_TOKEN_PIN": PIN})
    assert absent.returncode != 0
    assert "no token 'other' is plugged in" in absent.stderr and LABEL in absent.stderr
    no_library = run_cli(
        *args,
        LABEL,
        "--token-library",
        str(token["folder"] / "missing.so"),
        check=False,
        env={"AUDITOR_TOKEN_PIN": PIN},
    )
    assert no_library.returncode != 0 and "no token library at" in no_library.stderr
    assert not out.exists()
    # nothing was locked by the refusals
    from auditor_app.store.audit_store import AuditStore

    with AuditStore(token["db"], actor="tester") as store:
        assert not store.audit(1)["locked"]


def test_report_signed_on_the_token_verifies(token):
    out = token["folder"] / "signed.pdf"
    signed = run_cli(
        "report",
        "--db",
        str(token["db"]),
        "--audit",
        "1",
        "--out",
        str(out),
        "--token",
        LABEL,
        "--timestamp-url",
        "",
        env={**token["env"], "AUDITOR_TOKEN_PIN": PIN},
    )
    assert "signed and locked" in signed.stdout
    assert "王建国" in signed.stdout
    verify = run_cli("verify", str(out), "--trust", str(token["ca"]))
    assert "OK" in verify.stdout and "王建国" in verify.stdout
    if have("pdfsig"):
        checked = subprocess.run(
            ["pdfsig", str(out)], capture_output=True, encoding="utf-8", check=False
        )
        assert "Signature is Valid." in checked.stdout
        assert "Total document signed" in checked.stdout


@pytest.mark.gui
def test_the_export_dialog_signs_on_the_token(qtbot, token, monkeypatch, tmp_path):
    """In the window: choose "USB key", find the token, a wrong PIN is said in place, the
    right one signs (in the export job's own thread and session) and the report verifies."""
    from auditor_app.services.demo import create_demo
    from auditor_app.services.report_jobs import run_export
    from auditor_app.signing.verify import verify_pdf
    from auditor_app.store.audit_store import AuditStore
    from auditor_app.ui.export_dialog import ExportDialog

    # python-pkcs11 loads SoftHSM2 once per process, with this configuration
    monkeypatch.setenv("SOFTHSM2_CONF", token["env"]["SOFTHSM2_CONF"])
    store = AuditStore(tmp_path / "audits.sqlite", actor="tester")
    audit_id = create_demo(store)
    dialog = ExportDialog(store, audit_id)
    qtbot.addWidget(dialog)
    dialog.method.setCurrentIndex(dialog.method.findData("token"))
    assert dialog.form.labelForField(dialog._pass_box).text() in ("PIN", "PIN 码")
    dialog.token_library.setText(token["env"]["AUDITOR_PKCS11_LIBRARY"])
    dialog.find_tokens()
    assert dialog.token.currentText() == LABEL
    out = tmp_path / "signed.pdf"
    dialog.out_path.setText(str(out))
    dialog.passphrase.setText("1")
    dialog.accept()
    assert dialog.request is None and "wrong PIN" in dialog.pass_error.text()
    dialog.passphrase.setText(PIN)
    dialog.accept()
    request = dialog.request
    assert request is not None and request.key is None and request.token.label == LABEL
    assert "PIN" not in repr(request.token) and PIN not in repr(request.token)
    assert run_export(request, lambda *_: None) == out
    verdict = verify_pdf(out.read_bytes(), [token["ca"]])
    assert verdict.ok and verdict.signer == "王建国"
    assert store.audit(audit_id)["locked"]
    assert store.get_setting("signing_method") == "token"
    assert store.get_setting("token_label") == LABEL
    store.close()
