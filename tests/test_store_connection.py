"""The store's connection keeps sqlite-utils' `execute`/`query` behaviour (issue 14 dropped
sqlite-utils from the open path): a lone write commits, a failed one leaves no transaction
open, `query` refuses and undoes a statement that returns no rows."""

from __future__ import annotations

import sqlite3

import pytest

from auditor_app.store.connection import Connection, first_keyword


def test_a_lone_write_is_committed_and_seen_by_another_connection(tmp_path):
    db = Connection(tmp_path / "x.sqlite")
    db.execute("CREATE TABLE t (x INTEGER PRIMARY KEY, y TEXT UNIQUE)")
    db.execute("INSERT INTO t (y) VALUES (?)", ("a",))
    assert not db.conn.in_transaction
    other = sqlite3.connect(tmp_path / "x.sqlite")
    assert other.execute("SELECT y FROM t").fetchall() == [("a",)]
    other.close()
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t (y) VALUES ('a')")
    assert not db.conn.in_transaction  # the failed write's implicit transaction is gone
    db.close()


def test_query_returns_dicts_and_refuses_statements_without_rows(tmp_path):
    db = Connection(tmp_path / "x.sqlite")
    db.execute("CREATE TABLE t (x INTEGER, y TEXT)")
    db.execute("INSERT INTO t VALUES (1, 'a')")
    assert list(db.query("SELECT x, y, x FROM t WHERE y = ?", ["a"])) == [
        {"x": 1, "y": "a", "x_2": 1}
    ]
    assert list(db.query("PRAGMA recursive_triggers")) == [{"recursive_triggers": 1}]
    with pytest.raises(ValueError, match="returns rows"):
        db.query("UPDATE t SET y = 'b'")
    assert [r["y"] for r in db.query("SELECT y FROM t")] == ["a"]  # undone
    with pytest.raises(ValueError):
        db.query("BEGIN")
    # RETURNING: the write takes effect even before the rows are read
    db.query("INSERT INTO t VALUES (2, 'c') RETURNING x")
    assert [r["x"] for r in db.query("SELECT x FROM t ORDER BY x")] == [1, 2]
    db.close()


def test_a_script_inside_a_transaction_does_not_commit_it(tmp_path):
    db = Connection(tmp_path / "x.sqlite")
    db.execute("CREATE TABLE t (x INTEGER)")
    db.conn.execute("BEGIN")
    db.executescript("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);")
    assert db.conn.in_transaction
    db.conn.execute("ROLLBACK")
    assert list(db.query("SELECT COUNT(*) AS n FROM t")) == [{"n": 0}]
    db.close()


def test_first_keyword_skips_comments_and_blanks():
    assert first_keyword("  -- note\n /* x */ ;select 1") == "SELECT"
    assert first_keyword("-- only a comment") == ""
