"""Sync packages: audits travel between laptops as single signed (optionally encrypted) files.

- `export`: build a package from the store (a signed revision, or a team member's part).
- `reader`: open and verify a package without touching any database.
- `importer`: apply a verified revision package to a database, all or nothing.
- `merge`: plan and apply a team member's package into the leader's audit.
- `committee`: the review committee's list, decisions and certificate cycle.

The file format is documented in docs/package-format.md. Nothing here imports Qt.
"""

from auditor_app.sync.errors import PackageRefused
from auditor_app.sync.export import ExportResult, build_package, write_package
from auditor_app.sync.importer import ImportOutcome, import_package
from auditor_app.sync.merge import MergeOutcome, MergePlan, apply_merge, plan_merge
from auditor_app.sync.reader import VerifiedPackage, read_package

__all__ = [
    "ExportResult",
    "ImportOutcome",
    "MergeOutcome",
    "MergePlan",
    "PackageRefused",
    "VerifiedPackage",
    "apply_merge",
    "build_package",
    "import_package",
    "plan_merge",
    "read_package",
    "write_package",
]
