"""Names of the audit-team roles, one table for the window, the report and the CLI.

The store keeps the codes (`store.audit_store.TEAM_ROLES`, checked by the schema); every
surface names them from here, in Chinese and English, so the window cannot say "Team member"
where the report says "Auditor" (issue 13 item 8). The roles are fixed by the certification
rules (GB/T 27922 and ISO/IEC 17021-1 name the team's functions), not by a CB's data, and the
schema refuses any other code; so this is a table in code, not a resource file.
"""

from __future__ import annotations

Bilingual = tuple[str, str]

# code → (Chinese, English), in the order a team is listed (leader first)
ROLE_NAMES: dict[str, Bilingual] = {
    "leader": ("审核组长", "Team leader"),
    "member": ("审核员", "Auditor"),
    "expert": ("技术专家", "Technical expert"),
    "observer": ("观察员", "Observer"),
    "trainee": ("实习审核员", "Trainee auditor"),
}


def role_name(code: str) -> Bilingual:
    """(Chinese, English) name of a role; an unknown code names itself rather than failing."""
    return ROLE_NAMES.get(code, (code, code))
