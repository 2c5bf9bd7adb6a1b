"""The PDF for forwarding: WeasyPrint, with the bundled Persian font embedded and the text extractable."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from digest_data import DAY, filled_store

from goftar.digest import build_digest
from goftar.digest.pdf import render_pdf
from goftar.settings import Settings


@pytest.fixture
def digest(settings: Settings):
    store = filled_store(settings)
    yield build_digest(store, DAY, settings)
    store.close()


def test_weasyprint_pdf_embeds_vazirmatn(digest, tmp_path) -> None:
    pytest.importorskip("weasyprint")
    pdf = render_pdf(digest, engine="weasyprint")
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils not installed: cannot list the PDF's fonts")
    path = tmp_path / "d.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"\+Vazirmatn\s", fonts), fonts


def test_pdf_text_is_persian_in_logical_order(digest, tmp_path) -> None:
    pytest.importorskip("weasyprint")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed: cannot extract the PDF's text")
    path = tmp_path / "d.pdf"
    path.write_bytes(render_pdf(digest, engine="weasyprint"))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # Shaped glyphs map back to their letters (ToUnicode), so the words come out as written.
    assert "گزارش" in text and "زاکانی" in text
