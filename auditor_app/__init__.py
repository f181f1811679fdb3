"""auditor_app: offline field app for GB/T 27922 after-sales service certification audits."""

__version__ = "0.1.0"
