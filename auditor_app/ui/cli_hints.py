"""Messages from the shared services, said the way the window works: no command-line flags.

The services serve the command line too, so some of their messages end in a flag
(`--trust CERT.pem`, `--key`, `auditor-app audit revise …`). In the window those hints are
replaced by what to do there (issue 13). `for_window` is applied where messages are shown
(`ErrorLabel`, `messages.describe`); anything not listed that still looks like a flag is
dropped, so a new service message never sends a window user to a terminal.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

# Literals inside translate("…", …) so that pyside6-lupdate finds them.
translate = QCoreApplication.translate


def _rules() -> list[tuple[re.Pattern[str], str]]:
    return [
        (
            re.compile(r"pass it with --trust \S+ to trust it"),
            translate("CliHints", "add its certificate to the trusted certificates to trust it"),
        ),
        (
            re.compile(r"pass the CB's CA or the sender's certificate with --trust"),
            translate(
                "CliHints",
                "add the CB's CA or the sender's certificate to the trusted certificates",
            ),
        ),
        (
            re.compile(r"recipient's key file \(--key\)"),
            translate("CliHints", "recipient's signing key"),
        ),
        (
            re.compile(r"start a new revision with `auditor-app audit revise[^`]*`"),
            translate("CliHints", "start a new revision (Audit ▸ New revision…)"),
        ),
        (
            re.compile(r"\(command line: --allow-signer-not-on-team --role TEXT\)"),
            translate("CliHints", "(tick “Allow a signer who is not on the audit team”)"),
        ),
        (re.compile(r"Export anyway with --force"), translate("CliHints", "Export anyway")),
        (
            re.compile(r"`package merge --audit ID`"),
            translate("CliHints", "Audit ▸ Merge team member's package…"),
        ),
        (re.compile(r" \(--certificate\)"), ""),
        (re.compile(r"^--adjust "), ""),
    ]


_LEFTOVER = re.compile(r"\s*\(?`?(?:auditor-app [^`]*`|--[a-z][a-z-]*(?: [A-Z][A-Z.]*)?)\)?`?")


def for_window(text: str) -> str:
    """`text` with command-line hints replaced by the window's way of doing it."""
    if "--" not in text and "auditor-app " not in text:
        return text
    for pattern, replacement in _rules():
        text = pattern.sub(replacement, text)
    return _LEFTOVER.sub("", text)
