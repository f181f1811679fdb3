"""Work around PySide6 6.12 dropping references to None/True/False on Python < 3.12.

Measured on this project's stack (PySide6-Essentials 6.12.0, Python 3.11.7): each call of a
C++ method returning void from Python (setText, click, …) takes one reference off None, each
`Signal.emit()` one off True, and each invalid QVariant handed to Python (an unset property,
QSettings.value of a missing key) one off None. From Python 3.12 these singletons are immortal
(PEP 683), so the bindings evidently no longer count references to them; on 3.11 the count
reaches zero after a few hundred item switches in the scoring workspace (~44 per switch) and
the interpreter aborts with "none_dealloc" / "bool_dealloc".

The guard gives the three singletons what 3.12 gives them: a reference count too high to ever
reach zero. It runs once, before any widget exists; on 3.12+ it does nothing. Remove it when
the app requires Python ≥ 3.12 or a PySide6 that counts correctly on 3.11.
"""

from __future__ import annotations

import sys

# ctypes' C core, without the package around it (~2 ms at every start for its structure,
# endianness and function-pointer helpers, none of which are needed for one integer)
from _ctypes import _SimpleCData

_IMMORTAL = 1 << 40  # far beyond any number of calls in a session, far below the type's max


class _SsizeT(_SimpleCData):  # type: ignore[type-arg]
    """A C Py_ssize_t in memory (what `ctypes.c_ssize_t` is): pointer-sized, so a long
    long on 64-bit builds (Windows' long is 32 bits), an int on 32-bit ones."""

    _type_ = "q" if sys.maxsize > 2**32 else "i"


def make_singletons_immortal() -> bool:
    """Raise the reference counts of None, True and False; True if it was done."""
    if sys.version_info >= (3, 12):
        return False
    for obj in (None, True, False):
        before = sys.getrefcount(obj)
        if before >= _IMMORTAL:
            continue  # already done (imported twice, or the shell did it)
        # ob_refcnt is the first field of every object in a release build of CPython
        count = _SsizeT.from_address(id(obj))
        count.value += _IMMORTAL
        # the check allows a few references taken or dropped meanwhile (this frame's own
        # temporaries); anything else means another object layout (debug build): undo
        if abs(sys.getrefcount(obj) - before - _IMMORTAL) > 64:
            count.value -= _IMMORTAL
            return False
    return True
