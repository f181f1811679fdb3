"""Reading and saving settings for both fronts (the registry itself is `core.settings`).

`save` is what the Settings dialog, the CLI and the other dialogs call: all the values in one
transaction, checked by the store against the registry, unchanged ones left alone. `value`
reads one setting as its type, with the registry's default.
"""

from __future__ import annotations

from collections.abc import Mapping

from auditor_app.core import settings as registry
from auditor_app.core.settings import Setting
from auditor_app.store.audit_store import AuditStore


def value(store: AuditStore, setting: Setting) -> str | int | float | list[str]:
    """The stored value as its type, or the default; InputError when it no longer fits."""
    return registry.typed(setting.key, store.get_setting(setting.key))


def text(store: AuditStore, setting: Setting) -> str:
    """A text setting, or its default when unset."""
    return store.get_setting(setting.key) or setting.default


def save(store: AuditStore, values: Mapping[str, str]) -> dict[str, str]:
    """Save `values` (key → text) all or none; return those that changed.

    Saving the auditor's name also makes it the trail's actor from now on."""
    changed = store.set_settings(values)
    name = changed.get(registry.AUDITOR_NAME.key, "").strip()
    if name:
        store.actor = name
    return changed
