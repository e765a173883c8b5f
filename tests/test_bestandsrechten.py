"""Files with health data that the program writes are readable by the user only (issue 8)."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from consulent_app.documents.bundel import BundelItem, maak_bundel


def _pdf(tekst: str) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, tekst)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_print_street_pdf_is_user_only(tmp_path: Path) -> None:
    old = os.umask(0o022)  # a typical desktop umask would give 0644
    try:
        uit = tmp_path / "printstraat.pdf"
        maak_bundel([BundelItem(1, "MAA-2026-000001"), BundelItem(2, "MAA-2026-000002")], uit,
                    render=lambda bid: _pdf(f"Brief {bid}"))
    finally:
        os.umask(old)
    assert uit.exists()
    assert stat.S_IMODE(uit.stat().st_mode) == 0o600
