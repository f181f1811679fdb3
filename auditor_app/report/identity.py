"""The certification body's identity on a report: Settings first, else the report style's.

A CB enters its name, address and accreditation number once in Settings (database settings
`cb_*`); they replace the style file's [cb] table as a whole, so a real name is never printed
beside the shipped example's address. Without them the style's identity is used, and the
shipped one is marked `example`, which the report states visibly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from auditor_app.report.styles import CbIdentity

# Setting key → CbIdentity field. `cb_name` is the one the Settings dialog has always saved.
CB_SETTINGS = {
    "cb_name": "name_zh",
    "cb_name_en": "name_en",
    "cb_address": "address_zh",
    "cb_address_en": "address_en",
    "cb_contact": "contact",
    "cb_accreditation": "accreditation",
}


def cb_identity(get_setting: Callable[[str], str | None], style_cb: CbIdentity) -> CbIdentity:
    """The identity to print: the CB's settings when its name is set, else the style's."""
    values = {field: (get_setting(key) or "").strip() for key, field in CB_SETTINGS.items()}
    if not values["name_zh"]:
        return style_cb
    # The logo belongs to the style file the CB installs; the example's has none.
    logo = None if style_cb.example else style_cb.logo
    return dataclasses.replace(CbIdentity(**values), logo=logo, example=False)
