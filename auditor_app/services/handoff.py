"""Handing a signed report to the review committee: an email draft with the files attached.

The design sends reports to the committee by email. `write_draft` writes a ready message as
an `.eml` file (RFC 5322, `X-Unsent: 1` so Outlook opens it as a draft; Thunderbird and Apple
Mail open it too) with the PDF (and a package, if given) attached; `mailto_url` is the fallback
for mail programs that open no `.eml`: mailto cannot carry attachments, so its body names the
files to attach. Subject and body come from settings (`email_subject`, `email_body`, with
{report}, {client}, {files} placeholders) or a bilingual default. Sizes are checked against the
email limit (`email_limit_mb`, shared with package export).
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from urllib.parse import quote

from auditor_app.core import settings as settings_registry
from auditor_app.core.errors import InputError
from auditor_app.store.audit_store import AuditStore
from auditor_app.sync.export import email_limit_bytes

TO_SETTING = settings_registry.COMMITTEE_EMAIL.key
SUBJECT_SETTING = settings_registry.EMAIL_SUBJECT.key
BODY_SETTING = settings_registry.EMAIL_BODY.key
DEFAULT_SUBJECT = "审核报告 Audit report {report} · {client}"
DEFAULT_BODY = (
    "评定委员会：\n\n附件为 {client} 的已签名审核报告 {report}，请评定。\n\n"
    "Dear review committee,\n\nattached is the signed audit report {report} for {client} "
    "for your review.\n\n附件 Attachments:\n{files}\n"
)


@dataclass(frozen=True)
class Draft:
    """An email to the review committee, ready to write as .eml or open as mailto: recipient,
    subject, body and the files to attach, with their total size and the email limit in bytes."""

    to: str
    subject: str
    body: str
    attachments: tuple[Path, ...]
    total_bytes: int
    limit_bytes: int

    @property
    def over_limit(self) -> bool:
        return self.total_bytes > self.limit_bytes


def _fill(template: str, report: str, client: str, files: str) -> str:
    try:
        return template.format(report=report, client=client, files=files)
    except (KeyError, IndexError, ValueError) as exc:
        raise InputError(
            f"the email template has an unknown placeholder ({exc}); use {{report}}, "
            "{client}, {files}"
        ) from None


def prepare(store: AuditStore, audit_id: int, attachments: list[Path]) -> Draft:
    """The message for this audit's report with these files; InputError for a missing file."""
    missing = [str(p) for p in attachments if not p.is_file()]
    if missing:
        raise InputError(f"file(s) to attach do not exist: {', '.join(missing)}")
    audit = store.audit(audit_id)
    report = audit["report_number"] or f"#{audit_id}"
    client = audit["org_name"]
    files = "\n".join(f"- {p.name} ({p.stat().st_size / 1e6:.1f} MB)" for p in attachments)
    subject = _fill(store.get_setting(SUBJECT_SETTING) or DEFAULT_SUBJECT, report, client, files)
    body = _fill(store.get_setting(BODY_SETTING) or DEFAULT_BODY, report, client, files)
    return Draft(
        to=(store.get_setting(TO_SETTING) or "").strip(),
        subject=subject.replace("\n", " ").strip(),
        body=body,
        attachments=tuple(attachments),
        total_bytes=sum(p.stat().st_size for p in attachments),
        limit_bytes=email_limit_bytes(store),
    )


def message(draft: Draft) -> EmailMessage:
    msg = EmailMessage()
    if draft.to:
        msg["To"] = draft.to
    msg["Subject"] = draft.subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="auditor-app.invalid")
    msg["X-Unsent"] = "1"  # Outlook: open as a draft to send, not as a received message
    msg.set_content(draft.body)
    for path in draft.attachments:
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        main, sub = kind.split("/", 1)
        msg.add_attachment(path.read_bytes(), maintype=main, subtype=sub, filename=path.name)
    return msg


def write_draft(draft: Draft, out: Path) -> Path:
    """Write the draft as an .eml file (CRLF line ends, as mail programs expect)."""
    msg = message(draft)
    data = msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(out)
    return out


def mailto_url(draft: Draft) -> str:
    """A mailto: link with subject and body; the body names the files to attach by hand."""
    paths = "\n".join(str(p) for p in draft.attachments)
    body = f"{draft.body}\n{paths}\n"
    return f"mailto:{quote(draft.to, safe='@,')}?subject={quote(draft.subject)}&body={quote(body)}"
