"""The app as a whole: settings, reopening where the auditor was, signed audits, export and
verification, databases that cannot be opened, fonts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QDialogButtonBox
from test_ui_support import GUI_MARKS, type_text

pytest_plugins = ["test_ui_support"]  # its fixtures: launcher, message_boxes …
pytestmark = GUI_MARKS


def _ok(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_settings_go_to_the_database_and_the_language_switches(qtbot, launcher, db_path, store):
    from PySide6.QtCore import QSettings

    app = launcher.start(db_path)
    first_window = app.window
    first_window.actions.settings.trigger()
    dialog = first_window.dialog
    type_text(qtbot, dialog.auditor, "张三")
    type_text(qtbot, dialog.cb, "中标认证中心")
    dialog.timestamp.setText("http://tsa.example.invalid/rfc3161")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    assert store.get_setting("auditor_name") == "张三"
    assert store.get_setting("cb_name") == "中标认证中心"
    assert store.get_setting("ui_language") == "en"
    assert store.get_setting("timestamp_url") == "http://tsa.example.invalid/rfc3161"
    assert app.store.actor == "张三"  # later changes are recorded under the auditor's name
    # the window was rebuilt in English; QSettings only mirrors the language
    assert app.window is not first_window
    assert app.window.actions.new_audit.text() == "&New audit…"
    assert app.window.home.search.placeholderText().startswith("Search")
    assert QSettings().value("ui/language_hint") == "en"
    assert QSettings().value("auditor_name") is None


def test_reopening_returns_to_the_last_audit_tab_and_item(
    qtbot, launcher, db_path, store, demo_audit, audit_id
):
    from auditor_app.ui.audit_view import SCORING_TAB, TRAIL_TAB

    app = launcher.start(db_path)
    window = app.window
    window.home.select_audit(demo_audit)
    window.home.open_button.click()
    has_scoring = window.audit_view.workspace is not None
    window.audit_view.set_tab(SCORING_TAB if has_scoring else TRAIL_TAB)
    if has_scoring:
        window.audit_view.select_item("5.1.2.2")
    launcher.stop(app)
    from PySide6.QtCore import QSettings

    assert not QSettings().value("window/geometry").isEmpty()
    settings_file = Path(QSettings().fileName())
    written = settings_file.stat()

    again = launcher.start(db_path).window
    # Reopening the same place sets the same language, recent list and place: the settings
    # file is left as it was (QSettings would rewrite the whole file for each equal value).
    unchanged = settings_file.stat()
    assert (unchanged.st_mtime_ns, unchanged.st_ino) == (written.st_mtime_ns, written.st_ino)
    assert again.pages.currentWidget() is again.audit_view
    assert again.audit_view.audit_id == demo_audit
    if has_scoring:
        assert again.audit_view.current_tab() == SCORING_TAB
        assert again.audit_view.current_item() == "5.1.2.2"
    else:
        assert again.audit_view.current_tab() == TRAIL_TAB
    # recent audits remember it too
    again.actions.recent_menu.aboutToShow.emit()
    assert any("杭州恒信" in a.text() for a in again.actions.recent_menu.actions())


def test_signed_audit_is_read_only_and_a_new_revision_needs_a_reason(
    qtbot, launcher, db_path, store, demo_audit
):
    store.lock_with_report(demo_audit, b"%PDF-1.7 signed elsewhere", "0" * 64, "王建国")
    window = launcher.start(db_path).window
    window.open_audit(demo_audit)
    view = window.audit_view
    assert view.banner.isVisible()
    assert view.details.inputs["scope"].isReadOnly()
    assert view.details.headcount.widgets["full_time"].isReadOnly()
    assert not view.details.team.add_button.isVisible()
    assert not view.details.panel.draw_button.isVisible()
    assert window.actions.revision.isEnabled()
    assert not window.actions.export.isEnabled()

    view.revision_button.click()
    dialog = window.dialog
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.isVisible()
    type_text(qtbot, dialog.reason, "更正 5.1.2.2 的证据记录")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.dialog is None)
    new_id = view.audit_id
    assert new_id != demo_audit
    revised = store.audit(new_id)
    assert revised["revision"] == 1 and not revised["locked"]
    assert revised["revision_reason"] == "更正 5.1.2.2 的证据记录"
    assert not view.banner.isVisible()
    assert not view.details.inputs["scope"].isReadOnly()
    assert "修订版 1" in view.subtitle.text()
    assert store.audit(demo_audit)["locked"] == 1


def test_export_signs_locks_and_the_verify_dialog_checks_it(
    qtbot, launcher, db_path, store, demo_audit, tmp_path, message_boxes
):
    from cryptography.hazmat.primitives import serialization

    from auditor_app.signing import keys

    key = keys.create_auditor_key("王建国", org="测试认证中心")
    key_file = keys.write_pkcs12(key, tmp_path / "auditor.p12", "correct horse")
    cert = tmp_path / "auditor.pem"
    cert.write_bytes(key.certificate.public_bytes(serialization.Encoding.PEM))
    out = tmp_path / "report.pdf"

    window = launcher.start(db_path).window
    window.open_audit(demo_audit)
    window.actions.export.trigger()
    dialog = window.dialog
    dialog.key_path.setText(str(key_file))
    dialog.out_path.setText(str(out))
    dialog.pad.clear()
    dialog.pad.add_stroke([QPointF(20, 90), QPointF(80, 30), QPointF(150, 100), QPointF(260, 40)])
    qtbot.keyClicks(dialog.passphrase, "wrong")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.pass_error.isVisible()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, "correct horse")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: store.audit(demo_audit)["locked"] == 1, timeout=60000)
    qtbot.waitUntil(lambda: window.audit_view.banner.isVisible(), timeout=10000)
    assert out.is_file()
    assert store.get_setting("signature_png")  # remembered for the next report
    qtbot.waitUntil(lambda: window.dialog is not None)
    assert window.dialog.objectName() == "handoffDialog"  # open folder / email draft
    window.dialog.reject()

    verify = window.verify_pdf()
    verify.add_trust(str(cert))
    verify.path.setText(str(out))
    with qtbot.waitSignal(verify.verified, timeout=30000):
        verify.start()
    assert verify.result.ok
    assert verify.verdict.text().startswith("✔")
    assert verify.rows["intact"].text() == "是" and verify.rows["whole"].text() == "是"
    assert verify.rows["signer"].text() == "王建国"

    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(out.read_bytes() + b"\n% appended after signing\n")
    verify.path.setText(str(tampered))
    with qtbot.waitSignal(verify.verified, timeout=30000):
        verify.start()
    assert not verify.result.ok
    assert verify.verdict.text().startswith("✘")
    assert verify.rows["whole"].text() == "否"
    # each reason in Chinese first, the English below it (issue 15)
    assert "没有覆盖整个文件" in verify.problems.text()
    assert "does not cover the whole file" in verify.problems.text()
    verify.close()


@pytest.mark.parametrize("damage", ["garbage", "newer"])
def test_a_database_that_cannot_be_opened_is_a_message(
    qapp, tmp_path, private_settings, message_boxes, damage
):
    from auditor_app.store.audit_store import AuditStore
    from auditor_app.ui.app import run_app

    path = tmp_path / "audits.sqlite"
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 200)
    else:
        AuditStore(path).close()
        with sqlite3.connect(path) as conn:
            conn.execute(
                "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('auditor_app', 'm9999_from_the_future', '2030-01-01')"
            )
    assert run_app(path) == 1
    [(kind, _title, text)] = message_boxes
    assert kind == "critical" and str(path) in text
    assert "Traceback" not in text


def test_the_app_brings_its_chinese_font(qapp, monkeypatch, private_settings, launcher, db_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QFontDatabase

    from auditor_app.fonts import FontMissingError, find_cjk_font
    from auditor_app.ui import app_font

    try:
        font = find_cjk_font()
    except FontMissingError:
        pytest.skip("no CJK font on this machine")
    assert app_font.load_app_font(qapp) is None
    family = qapp.font().families()[0]
    assert QFontDatabase.hasFamily(family)
    assert font.path.exists()

    def missing():
        raise FontMissingError("install fonts-wqy-microhei")

    # the choice is remembered: the next start does not search (or fail) again
    monkeypatch.setattr(app_font, "find_cjk_font", missing)
    assert app_font.load_app_font(qapp) is None
    # with nothing remembered the missing font is said in the window
    QSettings().remove("font")
    window = launcher.start(db_path).window
    assert window.font_banner.isVisible()
    assert "fonts-wqy-microhei" in window.font_banner.text()


def test_signature_pad_makes_a_transparent_png(qtbot):
    from PySide6.QtGui import QImage

    from auditor_app.ui.signature_pad import SignaturePad, decode, encode

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 140)
    assert pad.is_empty()
    with qtbot.waitSignal(pad.changed):
        pad.add_stroke([QPointF(10, 100), QPointF(120, 20), QPointF(300, 110)])
    image = QImage.fromData(decode(encode(pad.to_png())))
    assert (image.width(), image.height()) == (800, 280)  # twice the size on screen
    assert image.hasAlphaChannel()
    assert image.pixelColor(0, 0).alpha() == 0
    inked = [image.pixelColor(x, y).alpha() for x in range(0, 800, 4) for y in range(0, 280, 4)]
    assert max(inked) > 200
    # a stroke drawn with the mouse is kept too
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPointF(50, 50).toPoint())
    qtbot.mouseMove(pad, QPointF(90, 80).toPoint())
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPointF(90, 80).toPoint())
    assert len(pad._strokes) == 2
    pad.clear()
    assert pad.is_empty()


def test_startup_probe_records_an_idle_window(tmp_path, db_path, store):
    """What the startup benchmark relies on, through the real command line."""
    import os
    import subprocess
    import sys

    probe = tmp_path / "probe.txt"
    env = {
        **os.environ,
        "AUDITOR_APP_STARTUP_PROBE": str(probe),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    subprocess.run(
        [sys.executable, "-m", "auditor_app", "run", "--db", str(db_path)],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert float(probe.read_text()) > 0


GC_PROBE = r"""
import gc, json, sys
from PySide6.QtCore import QTimer
from auditor_app.cli.main import main
from auditor_app.ui import app as ui_app

seen = {}
original = ui_app.AppController.start


def start(self, *args, **kwargs):
    seen["building"] = gc.isenabled()
    # queued from the loop's first pass, so it runs after everything queued before the loop
    QTimer.singleShot(
        0, lambda: QTimer.singleShot(0, lambda: seen.update(running=gc.isenabled(),
                                                           set_aside=gc.get_freeze_count() > 0))
    )
    return original(self, *args, **kwargs)


ui_app.AppController.start = start
code = main(["run", "--db", sys.argv[1], "--no-demo"])
seen["after"] = gc.isenabled()
print(json.dumps(seen))
sys.exit(code)
"""


def test_start_up_pauses_the_cycle_collector_until_the_event_loop_runs(tmp_path, db_path, store):
    """The window is built with the cycle collector off (a start allocates, frees nothing);
    from the event loop's first pass it is on again, with what the start made set aside, and
    it is on after the app has ended."""
    import json
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "AUDITOR_APP_STARTUP_PROBE": str(tmp_path / "probe.txt"),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", GC_PROBE, str(db_path)],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "building": False,
        "running": True,
        "set_aside": True,
        "after": True,
    }


def test_a_replaced_window_is_handed_back_to_the_cycle_collector(launcher, db_path, tmp_path):
    """What the start set aside (the first window among it) is collected once that window is
    replaced, here by opening another database."""
    import gc

    app = launcher.start(db_path)
    gc.freeze()  # as collect_from_now_on does at the event loop's first pass
    try:
        assert gc.get_freeze_count() > 0
        assert app.open_database(tmp_path / "other.sqlite")
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_run_adds_the_demo_audit_to_an_empty_database_only(tmp_path):
    """`auditor-app run` (a first start) shows the demo audit; later starts add nothing, and
    `--no-demo` leaves an empty database empty. The window opens the file once for it."""
    import os
    import subprocess
    import sys

    from auditor_app.store.audit_store import AuditStore

    env = {
        **os.environ,
        "AUDITOR_APP_STARTUP_PROBE": str(tmp_path / "probe.txt"),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }

    def run(db: Path, *extra: str) -> int:
        subprocess.run(
            [sys.executable, "-m", "auditor_app", "run", "--db", str(db), *extra],
            env=env,
            check=True,
            timeout=120,
            capture_output=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        with AuditStore(db) as store:
            return len(store.list_audits(include_archived=True))

    first = tmp_path / "first.sqlite"
    assert run(first) == 1
    assert run(first) == 1
    assert run(tmp_path / "bare.sqlite", "--no-demo") == 0


def test_open_database_switches_and_a_bad_one_keeps_the_current(
    qtbot, launcher, db_path, store, demo_audit, tmp_path, message_boxes
):
    from auditor_app.store.audit_store import AuditStore
    from auditor_app.ui import session

    app = launcher.start(db_path)
    app.window.open_audit(demo_audit)
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"\x00" * 4096)
    assert not app.open_database(bad)
    assert [kind for kind, _t, _m in message_boxes] == ["critical"]
    assert app.store.path == db_path and app.window.audit_view.audit_id == demo_audit

    other = tmp_path / "other.sqlite"
    AuditStore(other).close()
    assert app.open_database(other)
    assert session.same_db(app.store.path, other)
    assert app.window.home.model.rowCount() == 0 and app.window.home.empty.isVisible()
    assert "other.sqlite" in app.window.db_label.text()
    # the audit left behind is one click away in Recent
    app.window.actions.recent_menu.aboutToShow.emit()
    entry = next(a for a in app.window.actions.recent_menu.actions() if "杭州恒信" in a.text())
    entry.trigger()
    assert session.same_db(app.store.path, db_path)
    assert app.window.audit_view.audit_id == demo_audit


def test_a_damaged_database_offers_its_latest_backup(
    qapp, qtbot, launcher, db_path, store, demo_audit, monkeypatch, message_boxes
):
    from PySide6.QtWidgets import QMessageBox

    from auditor_app.store import backup
    from auditor_app.ui.app import AppController, configure

    store.close()
    backup.make_backup(db_path)
    with open(db_path, "r+b") as fh:  # damage the pages behind the header
        fh.seek(4096)
        fh.write(b"\xff" * 8192)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    questions = []

    def answer(_parent, title, text, *_args, **_kw):
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    app = AppController(qapp, configure(qapp))
    assert app.start(db_path)
    launcher.controllers.append(app)
    assert len(questions) == 1 and "damaged" in questions[0]
    assert app.window.home.model.rowCount() == 1  # the demo audit is back
    assert list(db_path.parent.glob(f"{db_path.name}.replaced-*"))  # the damaged file kept


def test_backups_are_made_in_the_background(qtbot, qapp, db_path, store, demo_audit):
    from auditor_app.store import backup
    from auditor_app.ui.backups import BackupKeeper

    keeper = BackupKeeper(db_path)
    keeper.start(delay_ms=0)
    qtbot.waitUntil(lambda: len(backup.list_backups(db_path)) == 1, timeout=10000)
    keeper.run()  # a second one within the interval is skipped
    keeper.stop()
    assert len(backup.list_backups(db_path)) == 1
    keeper.deleteLater()


def test_building_the_window_opens_no_stray_windows(qapp, private_settings, store):
    """Nothing is shown as a window of its own while the main window is built (a widget shown
    before it has a parent is one, briefly: with a font warning and no auditor name both
    banners are shown)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QWidget

    from auditor_app.ui.main_window import MainWindow

    class ShownWindows(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.names: list[str] = []

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
                self.names.append(type(obj).__name__)
            return False

    assert not (store.get_setting("auditor_name") or "")  # the name banner will be shown
    shown = ShownWindows()
    qapp.installEventFilter(shown)
    try:
        window = MainWindow(store, font_warning="no Chinese font")
    finally:
        qapp.removeEventFilter(shown)
    try:
        assert window.identity.isVisibleTo(window) and window.font_banner.isVisibleTo(window)
        assert shown.names == []
    finally:
        window.shutdown()
        window.deleteLater()
