"""A timestamp authority for tests: pyHanko's test timestamper, issued by a given test CA and
served over HTTP on 127.0.0.1 (no external network). `/error` answers HTTP 500 and `/garbage`
answers bytes that are not a timestamp reply."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa

from auditor_app.signing import keys


@contextmanager
def serve_tsa(ca: keys.TestCA) -> Iterator[str]:
    """Yield the base URL of a running timestamp service; stop it afterwards."""
    from asn1crypto import tsp
    from pyhanko.sign.timestamps import DummyTimeStamper

    now = dt.datetime.now(dt.UTC)
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Test TSA")]))
        .issuer_name(ca.certificate.subject)
        .public_key(tsa_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.ExtendedKeyUsage([x509.ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
        .sign(ca.private_key, hashes.SHA256())
    )
    stamper = DummyTimeStamper(
        tsa_cert=keys.to_asn1_cert(cert),
        tsa_key=keys.to_asn1_private_key(tsa_key),
        certs_to_embed=[keys.to_asn1_cert(ca.certificate)],
    )

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # http.server calls it by this name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status, reply = 200, b"garbage"
            if self.path == "/error":
                status = 500
            elif self.path != "/garbage":
                req = tsp.TimeStampReq.load(body)
                reply = asyncio.run(stamper.async_request_tsa_response(req)).dump()
            self.send_response(status)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args):  # keep test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
