"""The Qt-free import body the scoring workspace runs as a background job: each file on its
own, a bad one reported without stopping the good ones, progress reported in order."""

from __future__ import annotations

import io

from PIL import Image

from auditor_app.services.attachment_import import Source, import_sources
from auditor_app.store.audit_store import AuditStore


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def test_good_files_are_attached_and_bad_ones_reported(store, audit_id, db_path, tmp_path):
    item = None  # the audit as a whole; an item id works the same way
    photo = tmp_path / "photo.png"
    photo.write_bytes(_png())
    sources = [
        Source("photo.png", path=photo),
        Source("missing.png", path=tmp_path / "missing.png"),
        Source("pasted.png", data=_png()),
    ]
    progress: list[tuple[int, int, str]] = []
    outcome = import_sources(
        db_path, "tester", audit_id, item, sources, lambda *a: progress.append(a)
    )
    assert outcome.total == 3 and len(outcome.link_ids) == 2
    assert [name for name, _reason in outcome.errors] == ["missing.png"]
    assert progress == [
        (0, 3, "photo.png"),
        (1, 3, "missing.png"),
        (2, 3, "pasted.png"),
        (3, 3, ""),
    ]
    with AuditStore(db_path, actor="reader") as again:
        assert len(again.attachments(audit_id, item)) == 2
