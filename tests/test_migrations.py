"""The schema steps: one explicit ordered list, complete, applied in that order."""

from __future__ import annotations

import inspect
import re
import sqlite3

from auditor_app.store import schema, schema_sync
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.db import schema_steps

_STEP = re.compile(r"^m(\d{4})_[a-z0-9_]+$")


def _defined_steps() -> set[str]:
    """Every function in the schema modules named like a step (m0001_...)."""
    names = set()
    for module in (schema, schema_sync):
        for name, obj in inspect.getmembers(module, inspect.isfunction):
            if _STEP.match(name) and obj.__module__ == module.__name__:
                names.add(name)
    return names


def test_every_defined_step_is_in_the_list_once():
    assert len(set(schema.STEP_NAMES)) == len(schema.STEP_NAMES)
    # a step written but not listed would never run (or run in an order nobody chose)
    assert _defined_steps() == set(schema.STEP_NAMES)
    assert schema.known_steps() == frozenset(schema.STEP_NAMES)


def test_steps_are_numbered_in_order_within_each_series():
    # core steps are 00xx, the sync feature's 01xx; each series only grows at its end
    series: dict[int, list[int]] = {}
    for name in schema.STEP_NAMES:
        match = _STEP.match(name)
        assert match, name
        number = int(match.group(1))
        series.setdefault(number // 100, []).append(number)
    for numbers in series.values():
        assert numbers == sorted(numbers)
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_released_order_is_kept():
    # databases in the field recorded these names in this order; the list may only grow
    released = (
        "m0001_initial",
        "m0002_report_fields",
        "m0003_protect_shared_rows",
        "m0004_num_report_elements",
        "m0005_sec_valid_dates",
        "m0101_sync_imports",
        "m0102_committee_decisions",
        "m0006_cert_certificate_register",
        "m0007_perf_reports_by_audit",
        "m0008_sample_audits",
    )
    assert schema.STEP_NAMES[: len(released)] == released
    # m0006 copies approved decisions into the register: the decisions table comes first
    names = list(schema.STEP_NAMES)
    assert names.index("m0102_committee_decisions") < names.index("m0006_cert_certificate_register")


def test_a_new_database_records_the_steps_in_list_order(tmp_path):
    path = tmp_path / "auditor.sqlite"
    store = AuditStore(path)
    assert schema_steps(store.db) == list(schema.STEP_NAMES)
    store.close()
    conn = sqlite3.connect(path)
    rows = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            (schema.MIGRATION_SET,),
        )
    ]
    conn.close()
    assert rows == list(schema.STEP_NAMES)


def test_the_registered_set_runs_the_list_in_order(tmp_path):
    from sqlite_utils import Database

    db = Database(tmp_path / "plain.sqlite")
    assert [m.name for m in schema.migrations.pending(db)] == list(schema.STEP_NAMES)
    db.close()
