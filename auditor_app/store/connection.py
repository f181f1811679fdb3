"""The open database as the store uses it: `execute`, `query`, `executescript`, `conn`.

The store needs only these four from sqlite-utils' `Database`, and importing sqlite-utils costs
about 40 ms of every start-up (click, pluggy, dateutil come with it) before the first window
can be shown (issue 14). This class keeps sqlite-utils' own semantics for exactly these calls
(same pragma on opening, same commit of a lone write, same savepoint guard around a query), so
the store behaves the same; sqlite-utils itself is loaded only when a schema step must run
(`db.py`), where its migration sets are used on this same connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

Params = Sequence[Any] | dict[str, Any] | None

# as sqlite-utils 4: statements that open or end transactions, and those query() refuses
_TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"}
_NOT_A_QUERY = _TRANSACTION_CONTROL | {"VACUUM", "ATTACH", "DETACH"}
_QUERY_ONLY = (
    "query() can only be used with SQL that returns rows - use execute() for other statements"
)


def first_keyword(sql: str) -> str:
    """The statement's first keyword, upper-cased, after blanks, comments and bare `;`."""
    i, n = 0, len(sql)
    while i < n:
        if sql[i].isspace() or sql[i] in (";", "\ufeff"):
            i += 1
        elif sql.startswith("--", i):
            newline = sql.find("\n", i)
            if newline == -1:
                return ""
            i = newline + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            if end == -1:
                return ""
            i = end + 2
        else:
            break
    j = i
    while j < n and (sql[j].isalpha() or sql[j] == "_"):
        j += 1
    return sql[i:j].upper()


def _keys(cursor: sqlite3.Cursor) -> list[str]:
    keys = [d[0] for d in cursor.description]
    if len(set(keys)) == len(keys):
        return keys
    from sqlite_utils.utils import dedupe_keys  # two columns of one name: rare, as sqlite-utils

    return dedupe_keys(keys)


class Connection:
    """One SQLite connection with sqlite-utils' `execute`/`query` behaviour."""

    def __init__(self, path: str | Path) -> None:
        self.conn = sqlite3.connect(str(path))
        self.execute("PRAGMA recursive_triggers=on;")  # sqlite-utils' default: triggers rely on it
        self.on_close: list[Callable[[], None]] = []  # run once, when closed (store/db.py)

    def close(self) -> None:
        hooks, self.on_close = self.on_close, []
        try:
            self.conn.close()
        finally:
            for hook in hooks:
                hook()

    def execute(self, sql: str, parameters: Params = None) -> sqlite3.Cursor:
        """Run one statement; a write outside a transaction is committed at once."""
        was_in_transaction = self.conn.in_transaction
        try:
            if parameters is not None:
                cursor = self.conn.execute(sql, parameters)
            else:
                cursor = self.conn.execute(sql)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                # the failed statement opened an implicit transaction nothing would commit
                self.conn.execute("ROLLBACK")
            raise
        if (
            not was_in_transaction
            and self.conn.in_transaction
            and cursor.description is None
            and first_keyword(sql) not in _TRANSACTION_CONTROL
        ):
            self.conn.execute("COMMIT")
        return cursor

    def query(self, sql: str, params: Params = None) -> Iterator[dict[str, Any]]:
        """Rows as dictionaries; a statement that returns no rows is refused and undone."""
        keyword = first_keyword(sql)
        if keyword in _NOT_A_QUERY:
            raise ValueError(_QUERY_ONLY)
        args: tuple[Any, ...] = (params,) if params is not None else ()
        if keyword == "PRAGMA":
            # some PRAGMAs refuse to run inside a transaction: no savepoint guard
            if self.conn.in_transaction:
                cursor = self.conn.execute(sql, *args)
            else:
                old = self.conn.isolation_level
                try:
                    self.conn.isolation_level = None
                    cursor = self.conn.execute(sql, *args)
                finally:
                    self.conn.isolation_level = old
            if cursor.description is None:
                raise ValueError(_QUERY_ONLY)
            keys = _keys(cursor)
            return (dict(zip(keys, row, strict=True)) for row in cursor)
        self.conn.execute('SAVEPOINT "sqlite_utils_query"')
        released = False
        try:
            cursor = self.conn.execute(sql, *args)
            if cursor.description is None:
                raise ValueError(_QUERY_ONLY)
            keys = _keys(cursor)
            try:
                self.conn.execute('RELEASE "sqlite_utils_query"')
                released = True
            except sqlite3.OperationalError:
                # a write with RETURNING still running: finish it, then release
                fetched = cursor.fetchall()
                self.conn.execute('RELEASE "sqlite_utils_query"')
                released = True
                return (dict(zip(keys, row, strict=True)) for row in fetched)
            return (dict(zip(keys, row, strict=True)) for row in cursor)
        finally:
            if not released and self.conn.in_transaction:
                self.conn.execute('ROLLBACK TO "sqlite_utils_query"')
                self.conn.execute('RELEASE "sqlite_utils_query"')

    def executescript(self, sql: str) -> sqlite3.Cursor:
        """Several statements; inside a transaction without sqlite3's implicit COMMIT."""
        if self.conn.in_transaction:
            from sqlite_utils.db import _iter_complete_sql_statements

            cursor = self.conn.cursor()
            for statement in _iter_complete_sql_statements(sql):
                cursor.execute(statement)
            return cursor
        return self.conn.executescript(sql)
