"""Reading untrusted zip files without trusting them, and writing reproducible ones.

Python's zipfile follows the central directory, checks CRCs and stops at the declared size,
but it accepts duplicate names, any path, any size and ratio. `SafeZip` checks all of that
before a single member is decompressed, then reads each member with a hard size cap. Every
failure of the zip layer becomes a `PackageRefused` with a reason, never a traceback.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterable

from auditor_app.sync import format as fmt
from auditor_app.sync.errors import PackageRefused

# The zip layer raises a zoo of exceptions on crafted input; all mean "damaged file".
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    OverflowError,
    KeyError,
    IndexError,
    NotImplementedError,
    RuntimeError,
    UnicodeDecodeError,
)
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # member times carry no information; fixed = reproducible
_STORED_EXT = (".jpg", ".pdf", ".bin", ".enc")  # already compressed: deflating wastes time


class SafeZip:
    """A zip opened for checked reading; `names` is the validated member list."""

    def __init__(self, data: bytes, allowed: Callable[[str], bool], what: str = "package"):
        self.what = what
        if len(data) > fmt.MAX_PACKAGE_BYTES:
            raise PackageRefused(
                "too_large",
                f"the {what} is {len(data) / 1e6:.0f} MB, over "
                f"the {fmt.MAX_PACKAGE_BYTES // 2**20} MiB limit",
            )
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except _ZIP_ERRORS as exc:
            raise PackageRefused(
                "damaged", f"the {what} is not a readable zip file, or it is truncated ({exc})"
            ) from exc
        if len(infos) > fmt.MAX_MEMBERS:
            raise PackageRefused(
                "too_large", f"the {what} has {len(infos)} members (limit {fmt.MAX_MEMBERS})"
            )
        self.infos: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            name = info.orig_filename
            if name.endswith("/"):
                raise PackageRefused(
                    "unexpected_member", f"the {what} contains a folder entry {name!r}"
                )
            fmt.check_member_name(name)
            if name in self.infos:
                raise PackageRefused(
                    "duplicate_member",
                    f"the {what} contains {name!r} twice; which one is meant is ambiguous",
                )
            if not allowed(name):
                raise PackageRefused(
                    "unexpected_member",
                    f"the {what} contains {name!r}, which the format does not allow",
                )
            _check_info(info)
            total += info.file_size
            self.infos[name] = info
        if total > fmt.MAX_TOTAL_BYTES:
            raise PackageRefused(
                "too_large",
                f"the {what} would expand to {total / 1e6:.0f} MB "
                f"(limit {fmt.MAX_TOTAL_BYTES // 2**20} MiB): a zip bomb?",
            )

    @property
    def names(self) -> set[str]:
        return set(self.infos)

    def read(self, name: str, limit: int) -> bytes:
        """The member's bytes, refusing more than `limit` or than its declared size."""
        info = self.infos.get(name)
        if info is None:
            raise PackageRefused("missing_member", f"the {self.what} has no {name}")
        cap = min(limit, info.file_size)
        if info.file_size > limit:
            raise PackageRefused(
                "too_large",
                f"{name} is {info.file_size / 1e6:.1f} MB, over its {limit / 1e6:.1f} MB limit",
            )
        try:
            with self._zip.open(info) as fh:
                data = fh.read(cap + 1)
        except zipfile.BadZipFile as exc:
            if "CRC" in str(exc):
                raise PackageRefused(
                    "tampered",
                    f"{name} was changed or damaged in transit (its checksum does not match)",
                ) from exc
            raise PackageRefused("damaged", f"{name} cannot be read ({exc})") from exc
        except _ZIP_ERRORS as exc:
            raise PackageRefused("damaged", f"{name} cannot be read ({exc})") from exc
        if len(data) != info.file_size:
            raise PackageRefused("damaged", f"{name} does not have its declared size")
        return data


def _check_info(info: zipfile.ZipInfo) -> None:
    name = info.orig_filename
    if info.flag_bits & 0x1:
        raise PackageRefused("damaged", f"{name} is zip-encrypted; packages never are")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise PackageRefused(
            "damaged", f"{name} uses an unsupported compression method ({info.compress_type})"
        )
    if info.file_size > fmt.MAX_MEMBER_BYTES:
        raise PackageRefused(
            "too_large",
            f"{name} would expand to {info.file_size / 1e6:.0f} "
            f"MB (limit {fmt.MAX_MEMBER_BYTES // 2**20} MiB)",
        )
    ratio = info.file_size // max(info.compress_size, 1)
    if info.file_size > fmt.RATIO_FLOOR_BYTES and ratio > fmt.MAX_RATIO:
        raise PackageRefused(
            "too_large", f"{name} would expand {ratio}-fold (limit {fmt.MAX_RATIO}x): a zip bomb?"
        )


def write_zip(members: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip with fixed member times and each member stored or deflated as suits it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", allowZip64=True) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.external_attr = 0o644 << 16
            stored = name.endswith(_STORED_EXT)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=None if stored else 6)
    return out.getvalue()
