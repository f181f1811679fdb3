"""Console output that never dies on a character the console cannot show.

On Windows, Python writes to a real console in UTF-16 (every character survives), but output
redirected to a file or a pipe uses the ANSI code page: cp936 on a Chinese Windows, cp1252 on
an English one, where a client's Chinese name raised UnicodeEncodeError. Characters the code
page lacks are written as `\\uXXXX` escapes instead, and JSON is written ASCII-only unless the
stream is UTF-8, so that a Windows consumer reads the same data whatever its code page.
"""

from __future__ import annotations

import codecs
import sys
from typing import TextIO


def make_safe(*streams: TextIO) -> None:
    for stream in streams or (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "errors", None) or "strict") == "strict":
            reconfigure(errors="backslashreplace")


def is_utf8(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def stdin_is_terminal() -> bool:
    """True only when a person can type at standard input.

    On Windows `isatty()` is also true for the NUL device (a character device), and a prompt
    there would wait forever for a console that is not there: ask the console itself.
    """
    stream = sys.stdin
    if stream is None or not stream.isatty():
        return False
    if sys.platform != "win32":
        return True
    import ctypes
    import msvcrt

    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # a stream with no handle that calls itself a terminal
        return True
    mode = ctypes.c_uint32()
    handle = msvcrt.get_osfhandle(fd)
    return bool(ctypes.windll.kernel32.GetConsoleMode(handle, ctypes.byref(mode)))
