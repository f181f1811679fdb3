"""The main window's actions, menus and toolbar, built in one place.

Every action exists once and is shared by menu, toolbar and shortcuts; the window connects
them to its slots and enables them as the open audit allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

translate = QCoreApplication.translate


def _plain(text: str) -> str:
    """Menu text without its mnemonic and ellipsis, for toolbar buttons ("新建审核(&N)…")."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "").rstrip("…").strip()


@dataclass
class Actions:
    """Every action of the main window, built once by `build` and shared by menus, toolbar and
    shortcuts."""

    new_audit: QAction
    open_db: QAction
    restore_backup: QAction
    settings: QAction
    keys: QAction
    trust: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    home: QAction
    tab_details: QAction
    tab_scoring: QAction
    tab_trail: QAction
    duplicate: QAction
    revision: QAction
    archive: QAction
    export: QAction
    print_sheet: QAction
    verify: QAction
    import_package: QAction
    export_package: QAction
    merge_package: QAction
    committee: QAction
    search: QAction
    shortcuts: QAction
    about: QAction
    recent_menu: QMenu


def build(window: QMainWindow) -> Actions:
    style = window.style()

    def action(
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon: QStyle.StandardPixmap | None = None,
        name: str = "",
    ) -> QAction:
        act = QAction(text, window)
        act.setIconText(_plain(text))
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            act.setIcon(style.standardIcon(icon))
        act.setObjectName(name)
        return act

    sp = QStyle.StandardPixmap
    a = Actions(
        new_audit=action(
            translate("Actions", "&New audit…"),
            QKeySequence.StandardKey.New,
            sp.SP_FileDialogNewFolder,
            "actionNewAudit",
        ),
        open_db=action(
            translate("Actions", "&Open database…"),
            QKeySequence.StandardKey.Open,
            sp.SP_DialogOpenButton,
            "actionOpenDatabase",
        ),
        restore_backup=action(
            translate("Actions", "Restore a &backup…"), None, None, "actionRestoreBackup"
        ),
        settings=action(translate("Actions", "&Settings…"), "Ctrl+,", None, "actionSettings"),
        keys=action(translate("Actions", "Signing &keys…"), None, None, "actionKeys"),
        trust=action(translate("Actions", "&Trusted certificates…"), None, None, "actionTrust"),
        quit=action(
            translate("Actions", "&Quit"), QKeySequence.StandardKey.Quit, None, "actionQuit"
        ),
        undo=action(
            translate("Actions", "&Undo"),
            QKeySequence.StandardKey.Undo,
            sp.SP_ArrowBack,
            "actionUndo",
        ),
        redo=action(
            translate("Actions", "&Redo"),
            QKeySequence.StandardKey.Redo,
            sp.SP_ArrowForward,
            "actionRedo",
        ),
        home=action(
            translate("Actions", "&Audits list"), "Ctrl+1", sp.SP_FileDialogListView, "actionHome"
        ),
        tab_details=action(translate("Actions", "&Details"), "Ctrl+2", None, "actionTabDetails"),
        tab_scoring=action(translate("Actions", "&Scoring"), "Ctrl+3", None, "actionTabScoring"),
        tab_trail=action(translate("Actions", "&Trail"), "Ctrl+4", None, "actionTabTrail"),
        duplicate=action(
            translate("Actions", "&Duplicate as next surveillance audit"),
            None,
            None,
            "actionDuplicate",
        ),
        revision=action(translate("Actions", "New &revision…"), None, None, "actionNewRevision"),
        archive=action(translate("Actions", "&Archive"), None, None, "actionArchive"),
        export=action(
            translate("Actions", "&Export signed report…"),
            None,
            sp.SP_DialogSaveButton,
            "actionExport",
        ),
        print_sheet=action(
            translate("Actions", "&Print score sheet…"),
            QKeySequence.StandardKey.Print,
            None,
            "actionPrintSheet",
        ),
        verify=action(
            translate("Actions", "&Verify a PDF…"), None, sp.SP_DialogApplyButton, "actionVerify"
        ),
        import_package=action(
            translate("Actions", "&Import package…"), None, None, "actionImportPackage"
        ),
        export_package=action(
            translate("Actions", "Export &package…"), None, None, "actionExportPackage"
        ),
        merge_package=action(
            translate("Actions", "&Merge team member's package…"),
            None,
            None,
            "actionMergePackage",
        ),
        committee=action(
            translate("Actions", "&Committee review"), None, None, "actionCommitteeReview"
        ),
        search=action(
            translate("Actions", "&Find in all audits…"), "Ctrl+Shift+F", None, "actionSearch"
        ),
        shortcuts=action(
            translate("Actions", "&Keyboard shortcuts"),
            QKeySequence.StandardKey.HelpContents,
            None,
            "actionShortcuts",
        ),
        about=action(translate("Actions", "&About"), None, None, "actionAbout"),
        recent_menu=QMenu(translate("Actions", "Recent audits"), window),
    )
    a.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
    a.quit.setMenuRole(QAction.MenuRole.QuitRole)
    # Ctrl+Y as well as the platform's redo key: auditors coming from Windows expect it.
    redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    if QKeySequence("Ctrl+Y") not in redo_keys:
        redo_keys.append(QKeySequence("Ctrl+Y"))
    a.redo.setShortcuts(redo_keys)
    a.undo.setEnabled(False)
    a.redo.setEnabled(False)

    bar = window.menuBar()
    file_menu = bar.addMenu(translate("Actions", "&File"))
    file_menu.addActions([a.new_audit, a.open_db])
    file_menu.addMenu(a.recent_menu)
    file_menu.addAction(a.restore_backup)
    file_menu.addSeparator()
    file_menu.addAction(a.import_package)
    file_menu.addSeparator()
    file_menu.addActions([a.settings, a.keys, a.trust])
    file_menu.addSeparator()
    file_menu.addAction(a.quit)
    edit_menu = bar.addMenu(translate("Actions", "&Edit"))
    edit_menu.addActions([a.undo, a.redo])
    edit_menu.addSeparator()
    edit_menu.addAction(a.search)
    view_menu = bar.addMenu(translate("Actions", "&View"))
    view_menu.addActions([a.home, a.tab_details, a.tab_scoring, a.tab_trail])
    view_menu.addSeparator()
    view_menu.addAction(a.committee)
    audit_menu = bar.addMenu(translate("Actions", "&Audit"))
    audit_menu.setObjectName("auditMenu")
    audit_menu.addActions([a.duplicate, a.revision, a.archive])
    audit_menu.addSeparator()
    audit_menu.addActions([a.export_package, a.merge_package])
    report_menu = bar.addMenu(translate("Actions", "&Report"))
    report_menu.addActions([a.export, a.print_sheet, a.verify])
    help_menu = bar.addMenu(translate("Actions", "&Help"))
    help_menu.addActions([a.shortcuts, a.about])

    toolbar = QToolBar(translate("Actions", "Main toolbar"), window)
    toolbar.setObjectName("mainToolbar")  # named, so saveState() can restore it
    toolbar.setIconSize(QSize(18, 18))
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([a.home, a.new_audit])
    toolbar.addSeparator()
    toolbar.addActions([a.undo, a.redo])
    toolbar.addSeparator()
    toolbar.addActions([a.export, a.verify])
    window.addToolBar(toolbar)
    return a
