"""The one gap a PDF signature does not cover: its own `/Contents` hex string.

The byte range skips `<…>` holding the signature; the DER signature fills only the start and
zeros pad the rest. Nobody checks the padding, so eight changed bytes there still verify
(pdfsig says "Not total document signed"). We require the gap to be exactly `<`, the DER
object in hex digits, then only `0` digits, then `>`: any other byte is a change after signing.
"""

from __future__ import annotations

import re

_HEX = re.compile(rb"[0-9A-Fa-f]*")


def _der_length(raw: bytes) -> int | None:
    """Total length (header included) of the DER object at the start of `raw`, or None."""
    if len(raw) < 2 or raw[0] != 0x30:  # a CMS ContentInfo is a SEQUENCE
        return None
    first = raw[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    if count == 0 or count > 4 or len(raw) < 2 + count:
        return None  # indefinite length is not DER; > 4 GiB is not a signature
    return 2 + count + int.from_bytes(raw[2 : 2 + count], "big")


def contents_problem(data: bytes, byte_range: list[int]) -> str | None:
    """Why the unsigned gap of `byte_range` in `data` is not just the signature plus zero
    padding, or None when it is."""
    if len(byte_range) != 4:
        return "its byte range is malformed"
    start, end = byte_range[0] + byte_range[1], byte_range[2]
    gap = data[start:end]
    if len(gap) < 2 or gap[:1] != b"<" or gap[-1:] != b">":
        return "the bytes outside its signed range are not just the signature"
    digits = gap[1:-1]
    if len(digits) % 2 or not _HEX.fullmatch(digits):
        return "the signature container holds bytes other than hex digits"
    length = _der_length(bytes.fromhex(digits[:16].decode("ascii")))
    if length is None or 2 * length > len(digits):
        return "the signature container is malformed"
    if digits[2 * length :].strip(b"0"):
        return (
            "the padding after the signature was changed after signing "
            "(bytes outside the signed range differ from zeros)"
        )
    return None
