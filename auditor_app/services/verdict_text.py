"""The verifier's reasons in Chinese beside the English (issue 15: plain verdicts in both
languages in the window).

The verifier (`signing/verify.py`, `signing/policy.py`, `signing/contents.py`) words its
reasons in English, the language of the command line and the logs. The window shows each
reason in Chinese first, the English below it, so a committee member can forward either. The
patterns follow those modules' wording; a reason no pattern knows is shown in English only,
and `tests/test_verify_verdicts.py` checks every reason the policy tests produce has Chinese.
"""

from __future__ import annotations

import re

_ROLE = {"signer's": "签名人的", "CA": "CA "}
_WHEN = {
    "the signing time": "签名时间",
    "the time of the timestamp": "时间戳时间",
    "the time of checking": "检查时",
}

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), zh)
    for p, zh in (
        (r"^the file is not a PDF$", "该文件不是 PDF"),
        (
            r"^the PDF cannot be read \(damaged or truncated\?\): (.*)$",
            "PDF 无法读取（损坏或不完整？）：{1}",
        ),
        (r"^the PDF has no signature$", "该 PDF 没有签名"),
        (r"^signature (\S+) cannot be checked: (.*)$", "签名 {1} 无法检查：{2}"),
        (
            r"^signature (\S+) does not cover the whole file",
            "签名 {1} 没有覆盖整个文件：签名后有内容被添加或改动",
        ),
        (
            r"^signature (\S+): the document was changed after signing",
            "签名 {1}：文件在签名后被改动（签名的哈希值不符）",
        ),
        (
            r"^signature (\S+): the signature value is not cryptographically valid",
            "签名 {1}：签名值无效",
        ),
        (r"^signature (\S+): the timestamp is invalid", "签名 {1}：时间戳无效"),
        (
            r"^signature (\S+): the timestamp authority is not trusted",
            "签名 {1}：时间戳机构不受信任，请把它的根证书加为信任证书",
        ),
        (
            r"^signature (\S+): later revisions change the signed content",
            "签名 {1}：之后的修订改动了已签名的内容",
        ),
        (
            r"^signature (\S+): self-signed certificate.*\(signer: (.*)\)$",
            "签名 {1}：自签名证书（签名人：{2}），请把该证书加为信任证书后再核验",
        ),
        (
            r"^signature (\S+): the signer's certificate \((.*)\) is not the certificate you "
            r"trusted \((.*)\)",
            "签名 {1}：签名人的证书（{2}）不是您信任的证书（{3}），报告是用另一把密钥签的",
        ),
        (
            r"^signature (\S+): the signer's certificate \((.*)\) does not chain to a trusted root",
            "签名 {1}：签名人的证书（{2}）不能追溯到受信任的根证书，请加入认证机构的 CA 证书",
        ),
        (
            r"^signature (\S+): the signer's certificate has expired",
            "签名 {1}：签名人的证书已过期（也没有时间戳证明更早的签名时间）",
        ),
        (
            r"^signature (\S+): the signer's certificate is not yet valid",
            "签名 {1}：签名人的证书尚未生效",
        ),
        (
            r"^signature (\S+): the signer's certificate was revoked",
            "签名 {1}：签名人的证书已被吊销",
        ),
        (
            r"^signature (\S+): the signer's certificate is not allowed to sign documents",
            "签名 {1}：签名人的证书不允许签署文件"
            "（密钥用途须含 digitalSignature 和 nonRepudiation）",
        ),
        (
            r"^signature (\S+): the (signer's|CA) certificate \((.*)\) was not yet valid at (.*) "
            r"\((.*)\); it is valid from (.*)$",
            "签名 {1}：{role}证书（{3}）在{when}（{5}）尚未生效，生效时间为 {6}",
        ),
        (
            r"^signature (\S+): the (signer's|CA) certificate \((.*)\) had expired at (.*) "
            r"\((.*)\); it was valid until (.*)$",
            "签名 {1}：{role}证书（{3}）在{when}（{5}）已过期，有效期至 {6}",
        ),
        (
            r"^signature (\S+): the signer's certificate \((.*)\) is not for signing documents: "
            r"its KeyUsage \((.*)\) lacks nonRepudiation",
            "签名 {1}：签名人的证书（{2}）不是签署文件用的证书："
            "其密钥用途（{3}）缺少 nonRepudiation",
        ),
        (
            r"^signature (\S+): the signer's certificate \((.*)\) is not for signing documents: "
            r"its extended key usage allows only (.*)$",
            "签名 {1}：签名人的证书（{2}）不是签署文件用的证书：其扩展密钥用途只允许 {3}",
        ),
        (
            r"^signature (\S+): the signer's certificate \((.*)\) is a CA certificate",
            "签名 {1}：签名人的证书（{2}）是 CA 证书；CA 用于签发证书，不用于签署报告",
        ),
        (
            r"^signature (\S+): the trusted certificate (.*) is not a CA and cannot vouch for "
            r"another certificate \((.*)\)",
            "签名 {1}：受信任的证书 {2} 不是 CA，不能为另一张证书（{3}）担保；"
            "请信任签名人自己的证书或认证机构的 CA 证书",
        ),
        (
            r"^signature (\S+): the CA certificate (.*) allows (\d+) CA level\(s\) below it, "
            r"this path has (\d+)",
            "签名 {1}：CA 证书 {2} 只允许其下 {3} 级 CA，此路径有 {4} 级",
        ),
        (r"^signature (\S+): its byte range is malformed", "签名 {1}：签名的字节范围格式错误"),
        (
            r"^signature (\S+): the bytes outside its signed range are not just the signature",
            "签名 {1}：签名范围之外的字节不只是签名本身",
        ),
        (
            r"^signature (\S+): the signature container holds bytes other than hex digits",
            "签名 {1}：签名容器中含有非十六进制的字节",
        ),
        (r"^signature (\S+): the signature container is malformed", "签名 {1}：签名容器格式错误"),
        (
            r"^signature (\S+): the padding after the signature was changed after signing",
            "签名 {1}：签名后的填充字节在签名后被改动（签名范围之外的字节不全是零）",
        ),
        (
            r"^signature (\S+): .*\(([A-Z_]+)\)$",
            "签名 {1}：签名人的证书不受信任（{2}）",
        ),
    )
]


def in_chinese(reason: str) -> str | None:
    """The Chinese for one of the verifier's reasons, or None when no pattern knows it."""
    for pattern, template in _PATTERNS:
        match = pattern.search(reason)
        if match is None:
            continue
        groups = match.groups()
        values = {str(n): g for n, g in enumerate(groups, start=1)}
        if "{role}" in template:
            values["role"] = _ROLE.get(groups[1], groups[1])
            values["when"] = _WHEN.get(groups[3], groups[3])
        return _fill(template, values)
    return None


_FIELD = re.compile(r"\{(\w+)\}")


def _fill(template: str, values: dict[str, str]) -> str:
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def bilingual(reason: str, english: str) -> str:
    """Chinese first, then the English (`english`: the reason as the window words it)."""
    chinese = in_chinese(reason)
    return english if chinese is None else f"{chinese}\n   {english}"
