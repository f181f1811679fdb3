"""Names of the sync services' codes (refusals, outcomes, decisions, cycle flags) for people.

The services speak in stable codes and English sentences; the auditor reads Chinese first. Each
name is a bilingual literal (Chinese, then English) inside `translate("SyncTexts", …)`, the
convention of the scoring workspace: it reads well with no `.qm` loaded, and lupdate still
finds it. `checks()` turns an import outcome into the three answers the user looks for.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

OK_STYLE = "color: #1e7b34; font-weight: 600;"
BAD_STYLE = "color: #b3261e; font-weight: 600;"
WARN_STYLE = "color: #8a5a00; font-weight: 600;"
NOTE_STYLE = "color: #555555;"


def refusal(code: str | None) -> str:
    names = {
        "unreadable": translate("SyncTexts", "文件无法读取 The file cannot be read"),
        "damaged": translate("SyncTexts", "文件已损坏或不完整 Damaged or truncated file"),
        "too_large": translate("SyncTexts", "文件过大（可能是压缩炸弹） Too large (zip bomb?)"),
        "path_traversal": translate("SyncTexts", "包内路径不安全 Unsafe path inside the package"),
        "duplicate_member": translate("SyncTexts", "包内文件重复 A file appears twice"),
        "unexpected_member": translate("SyncTexts", "包内有多余的文件 Unexpected file in package"),
        "missing_member": translate("SyncTexts", "包内缺少文件 A listed file is missing"),
        "unknown_format": translate("SyncTexts", "不是审核包 Not an audit package"),
        "future_version": translate("SyncTexts", "由更新版本的软件生成 Written by a newer app"),
        "bad_signature": translate("SyncTexts", "签名无效 The signature is not valid"),
        "untrusted": translate("SyncTexts", "签名人不受信任 The signer is not trusted"),
        "signer_mismatch": translate("SyncTexts", "签名人不一致 Signer mismatch"),
        "tampered": translate("SyncTexts", "内容被改动 The content was changed (tampered)"),
        "invalid_data": translate("SyncTexts", "审核数据不一致 The audit data is inconsistent"),
        "bad_report": translate("SyncTexts", "签名报告未通过验证 The signed report fails"),
        "encrypted_no_key": translate("SyncTexts", "包已加密，需要密钥 Encrypted: key needed"),
        "wrong_key": translate("SyncTexts", "包不是加密给此密钥的 Encrypted for someone else"),
        "decryption_failed": translate("SyncTexts", "解密失败 Decryption failed"),
        "wrong_kind": translate("SyncTexts", "包的类型不对 Wrong kind of package"),
        "wrong_audit": translate("SyncTexts", "属于另一个审核 Belongs to another audit"),
        "older_revision": translate("SyncTexts", "较旧的修订版 An older revision"),
        "conflicting_revision": translate("SyncTexts", "修订版冲突 Conflicting revision"),
        "foreign_series": translate(
            "SyncTexts", "不能续接别的客户或团队的审核 Not a revision of this audit's client/team"
        ),
        "database": translate("SyncTexts", "数据库拒绝了数据 The database refused the data"),
    }
    return names.get(code or "", code or "")


def wrong_kind_hint() -> str:
    return translate(
        "SyncTexts",
        "这是团队成员的包：请打开组长的审核，用“合并成员包”导入。\n"
        "This is a team member's package: open the leader's audit and use Merge team package.",
    )


def outcome(status: str) -> str:
    names = {
        "imported": translate("SyncTexts", "✔ 已导入 Imported"),
        "superseded": translate(
            "SyncTexts", "✔ 已导入新修订版 Imported: supersedes the older revision"
        ),
        "unchanged": translate(
            "SyncTexts", "＝ 无变化：此修订版已在数据库中 Unchanged: already here"
        ),
        "refused": translate("SyncTexts", "✘ 已拒绝 Refused"),
    }
    return names.get(status, status)


def outcome_style(status: str) -> str:
    return {"refused": BAD_STYLE, "unchanged": NOTE_STYLE + " font-weight: 600;"}.get(
        status, OK_STYLE
    )


def yes_no(flag: bool | None) -> tuple[str, str]:
    """(text, style) of a check; None: not reached before the package was refused."""
    if flag is None:
        return translate("SyncTexts", "— 未检查 not checked"), NOTE_STYLE
    if flag:
        return translate("SyncTexts", "✔ 是 yes"), OK_STYLE
    return translate("SyncTexts", "✘ 否 NO"), BAD_STYLE


# Where each refusal stops the reader (docs/package-format.md): before the signature was
# checked, at the signature, at the trust, or after both passed (content or database).
_BEFORE_SIGNATURE = {
    "unreadable",
    "damaged",
    "too_large",
    "path_traversal",
    "duplicate_member",
    "unknown_format",
    "future_version",
    "encrypted_no_key",
    "wrong_key",
    "decryption_failed",
}
_NOT_INTACT = {
    "damaged",
    "too_large",
    "path_traversal",
    "duplicate_member",
    "unexpected_member",
    "missing_member",
    "tampered",
    "decryption_failed",
    "bad_signature",
    "bad_report",
}


def checks(status: str, code: str | None) -> dict[str, bool | None]:
    """Signed (valid signature), trusted (signer) and intact (content) for an import outcome.

    An accepted package passed all three (the reader refuses otherwise); a refused one passed
    the checks that come before the one that stopped it, and the later ones were not made."""
    if status != "refused":
        return {"signed": True, "trusted": True, "intact": True}
    if code in _BEFORE_SIGNATURE:
        return {"signed": None, "trusted": None, "intact": False if code in _NOT_INTACT else None}
    if code == "bad_signature":
        return {"signed": False, "trusted": None, "intact": False}
    if code == "untrusted":
        return {"signed": True, "trusted": False, "intact": None}
    if code == "unexpected_member":  # may come before or after the signature: say only this
        return {"signed": None, "trusted": None, "intact": False}
    return {
        "signed": code != "signer_mismatch",
        "trusted": True,
        "intact": code not in _NOT_INTACT,
    }


ENCRYPTION_CODES = ("encrypted_no_key", "wrong_key", "decryption_failed")


def revision(n: int) -> str:
    if n == 0:
        return translate("SyncTexts", "初版 original")
    return translate("SyncTexts", "第 {n} 版 revision {n}").format(n=n)


def short_yes_no(flag: bool) -> str:
    """✔/✘ and one word in the UI language, for narrow table cells."""
    from auditor_app.ui.i18n import is_chinese

    if is_chinese():
        return "✔ 是" if flag else "✘ 否"
    return "✔ yes" if flag else "✘ NO"


def decision(code: str | None) -> str:
    names = {
        "approve": translate("SyncTexts", "批准 Approved"),
        "reject": translate("SyncTexts", "不批准 Rejected"),
        "rectification_required": translate("SyncTexts", "需整改 Rectification required"),
        None: translate("SyncTexts", "待决定 Pending"),
    }
    return names.get(code, code or "")


def short_decision(code: str | None) -> str:
    """The decision in one word of the UI language, for a table cell."""
    from auditor_app.ui.i18n import is_chinese

    zh = {"approve": "批准", "reject": "不批准", "rectification_required": "需整改"}
    en = {"approve": "Approved", "reject": "Rejected", "rectification_required": "Rectify"}
    if code is None:
        return "待决定" if is_chinese() else "Pending"
    return (zh if is_chinese() else en).get(code, code)


def superseded_mark() -> str:
    from auditor_app.ui.i18n import is_chinese

    return "（已被取代）" if is_chinese() else "(superseded)"


def flag(code: str) -> str:
    names = {
        "surveillance_due": translate("SyncTexts", "监督审核到期 Surveillance due"),
        "surveillance_overdue": translate("SyncTexts", "⚠ 监督审核逾期 Surveillance OVERDUE"),
        "recertification_due": translate("SyncTexts", "应申请再认证 Apply for recertification"),
        "recertification_overdue": translate(
            "SyncTexts", "⚠ 再认证申请逾期 Recertification OVERDUE"
        ),
        "expired": translate("SyncTexts", "⚠ 证书已过期 EXPIRED"),
        "suspended": translate("SyncTexts", "⚠ 证书暂停 SUSPENDED"),
        "suspension_due": translate("SyncTexts", "⚠ 应暂停证书 Suspension DUE"),
        "withdrawal_due": translate("SyncTexts", "⚠ 暂停期满，应撤销 Withdrawal DUE"),
        "major_nc_overdue": translate("SyncTexts", "⚠ 严重不符合项逾期未关闭 Major NC OVERDUE"),
    }
    return names.get(code, code)


def cert_state(code: str) -> str:
    names = {
        "valid": translate("SyncTexts", "有效 Valid"),
        "suspended": translate("SyncTexts", "暂停 SUSPENDED"),
        "withdrawn": translate("SyncTexts", "撤销 WITHDRAWN"),
        "expired": translate("SyncTexts", "过期 EXPIRED"),
        "replaced": translate("SyncTexts", "已换发 Replaced"),
    }
    return names.get(code, code)


def flags_text(codes: tuple[str, ...]) -> str:
    return " · ".join(flag(c) for c in codes) if codes else translate("SyncTexts", "正常 OK")


def result(code: str | None) -> str:
    names = {
        "conform": translate("SyncTexts", "符合 Conforming"),
        "nonconform": translate("SyncTexts", "不符合 Nonconforming"),
        "sampled": translate("SyncTexts", "抽样 Sampled"),
        "graded": translate("SyncTexts", "分级 Graded"),
        "na": translate("SyncTexts", "不适用 N/A"),
        None: translate("SyncTexts", "未评 Not scored"),
    }
    return names.get(code, code or "")


def finding_kind(code: str | None) -> str:
    names = {
        "major": translate("SyncTexts", "严重不符合 Major"),
        "minor": translate("SyncTexts", "一般不符合 Minor"),
        "observation": translate("SyncTexts", "观察项 Observation"),
        "special_deduction": translate("SyncTexts", "特别扣分 Special deduction"),
        "bonus": translate("SyncTexts", "特别加分 Bonus"),
    }
    return names.get(code or "", code or "")


def change_kind(code: str) -> str:
    names = {
        "result": translate("SyncTexts", "评分 Result"),
        "note": translate("SyncTexts", "证据记录 Note"),
        "methods": translate("SyncTexts", "方法 Methods"),
        "finding": translate("SyncTexts", "发现 Finding"),
        "finding-update": translate("SyncTexts", "发现（修改） Finding changed"),
        "attachment": translate("SyncTexts", "照片/文件 Photo/file"),
    }
    return names.get(code, code)


def size(n_bytes: int) -> str:
    """A size as people read it (MB as mail providers count them: 10^6 bytes)."""
    if n_bytes < 1_000_000:
        return f"{max(n_bytes / 1000, 0.1):.1f} KB"
    return f"{n_bytes / 1e6:.1f} MB"


def local_time(stamp: str | None) -> str:
    if not stamp:
        return "—"
    try:
        return dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def side_summary(kind: str, side: dict[str, Any]) -> str:
    """One side of a merge conflict as a few lines: what was scored, the note, who and when."""
    if kind == "finding":
        lines = [f"{finding_kind(side.get('kind'))}: {side.get('text') or ''}"]
        if side.get("evidence"):
            lines.append(translate("SyncTexts", "证据 Evidence: ") + str(side["evidence"]))
        if side.get("deadline"):
            lines.append(translate("SyncTexts", "期限 Deadline: ") + str(side["deadline"]))
        who, when = side.get("created_by"), side.get("created_at")
    else:
        head = result(side.get("result"))
        if side.get("result") == "sampled":
            head += f" {side.get('nonconforming')}/{side.get('sampled')}"
        if side.get("points") not in (None, ""):
            head += " · " + translate("SyncTexts", "{points} 分 points").format(
                points=side["points"]
            )
        lines = [head]
        if side.get("reason"):
            lines.append(translate("SyncTexts", "理由 Reason: ") + str(side["reason"]))
        if side.get("note"):
            lines.append(translate("SyncTexts", "记录 Note: ") + str(side["note"]))
        who, when = side.get("updated_by"), side.get("updated_at")
    lines.append(f"— {who or '?'} · {local_time(when)}")
    return "\n".join(lines)


def cert_event(code: str) -> str:
    names = {
        "issued": translate("SyncTexts", "发证 Issued"),
        "recertified": translate("SyncTexts", "再认证 Recertified"),
        "surveillance": translate("SyncTexts", "监督审核批准 Surveillance approved"),
        "special": translate("SyncTexts", "特殊审核批准 Special audit approved"),
        "suspended": translate("SyncTexts", "暂停 Suspended"),
        "reinstated": translate("SyncTexts", "恢复 Reinstated"),
        "withdrawn": translate("SyncTexts", "撤销 Withdrawn"),
        "scope_reduced": translate("SyncTexts", "缩小范围 Scope reduced"),
        "scope_extended": translate("SyncTexts", "扩大范围 Scope extended"),
        "replaced": translate("SyncTexts", "换发 Replaced"),
    }
    return names.get(code, code)
