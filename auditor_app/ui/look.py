"""A label's colour, weight and size set through its palette and font, not a style sheet.

A widget given a style sheet of its own is polished, measured and painted through Qt's
style-sheet style from then on. On the screens built at every start (the Audits list, an
audit's header, the scoring workspace) some 25 labels were styled that way only for a colour,
bold or a size, and that cost ~4 ms of each start (measured on the reopened scoring screen).
The palette and the font say the same for plain and rich text at no such cost. Style sheets
stay where only they can do it: backgrounds with borders or rounded corners, and pseudo-states
such as a checked button's colour.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QWidget

BOLD = QFont.Weight.Bold  # CSS 700
SEMIBOLD = QFont.Weight.DemiBold  # CSS 600


def tint(widget: QWidget, color: str | None) -> None:
    """Draw the widget's text in `color` ("#rrggbb"); None gives back the inherited colour."""
    # An empty palette sets no role of its own: every role not set here follows the parent.
    palette = QPalette()
    if color is not None:
        palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
    widget.setPalette(palette)


def emphasise(
    widget: QWidget,
    *,
    weight: QFont.Weight | None = BOLD,
    pixel_size: int | None = None,
    point_size: float | None = None,
) -> None:
    """Set the text's weight and size; what is not set (the family) still follows the parent."""
    font = widget.font()
    if weight is not None:
        font.setWeight(weight)
    if pixel_size is not None:
        font.setPixelSize(pixel_size)
    if point_size is not None:
        font.setPointSizeF(point_size)
    widget.setFont(font)
