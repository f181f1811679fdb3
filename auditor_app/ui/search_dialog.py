"""Find in all audits (Ctrl+Shift+F): clients, sites, notes, findings, photo captions.

Typing searches after a short pause; Down or Return go to the hits; Return on a hit opens
its audit at the item (the scoring tab) or at the details (a client or site hit).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core.errors import AuditorError
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.search import SearchHit, search

TYPING_PAUSE_MS = 250
HIT_ROLE = Qt.ItemDataRole.UserRole


class SearchDialog(QDialog):
    """Accepted with `chosen` = (audit id, item id or "" for the audit's details)."""

    def __init__(self, store: AuditStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self.setWindowTitle(self.tr("Find in all audits"))
        self.resize(760, 520)
        self.store = store
        self.chosen: tuple[int, str] | None = None
        self.query = QLineEdit()
        self.query.setObjectName("searchQuery")
        self.query.setPlaceholderText(
            self.tr("A word or phrase in clients, sites, notes, findings or photo captions")
        )
        self.query.setClearButtonEnabled(True)
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.hits = QTreeWidget()
        self.hits.setObjectName("searchHits")
        self.hits.setRootIsDecorated(False)
        self.hits.setAlternatingRowColors(True)
        self.hits.setHeaderLabels([self.tr("Audit"), self.tr("Where"), self.tr("Text")])
        self.hits.setColumnWidth(0, 220)
        self.hits.setColumnWidth(1, 130)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.hits, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.installEventFilter(self)
        self.hits.itemActivated.connect(self._open)
        self.query.setFocus()

    def _kind(self, hit: SearchHit) -> str:
        names = {
            "client": self.tr("client"),
            "site": self.tr("site"),
            "note": self.tr("note"),
            "finding": self.tr("finding"),
            "caption": self.tr("photo caption"),
        }
        kind = names[hit.kind]
        return f"{kind} {hit.item_id}" if hit.item_id else kind

    def run(self) -> None:
        self._timer.stop()
        self.hits.clear()
        text = self.query.text().strip()
        if not text:
            self.status.clear()
            return
        try:
            found = search(self.store, text)
        except AuditorError as exc:
            self.status.setText(str(exc))
            return
        for hit in found:
            audit = f"{hit.audit_id} · {hit.client}"
            if hit.report_number:
                audit += f" · {hit.report_number}"
            row = QTreeWidgetItem([audit, self._kind(hit), hit.snippet])
            row.setData(0, HIT_ROLE, (hit.audit_id, hit.item_id or ""))
            row.setToolTip(2, hit.snippet)
            self.hits.addTopLevelItem(row)
        self.status.setText(
            self.tr("Found in {n} place(s)").format(n=len(found)) if found else self.tr("No match")
        )
        first = self.hits.topLevelItem(0)
        if first is not None:
            self.hits.setCurrentItem(first)

    def _open(self, row: QTreeWidgetItem) -> None:
        audit_id, item_id = row.data(0, HIT_ROLE)
        self.chosen = (int(audit_id), str(item_id))
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down or Return in the search box go to the hits (a pending search runs first)
        if (
            watched is self.query
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.run()
                if self.hits.topLevelItemCount():
                    self.hits.setFocus()
                    if key != Qt.Key.Key_Down:
                        current = self.hits.currentItem()
                        if current is not None:
                            self._open(current)
                    return True
        return super().eventFilter(watched, event)
