"""The digest as a PDF for forwarding: WeasyPrint first, headless Chromium as the fallback.

WeasyPrint lays text out with Pango/HarfBuzz (Debian's libpango), which shapes Persian and applies the
bidi algorithm, and it needs no browser; the bundled Vazirmatn is loaded with ``@font-face`` so the PDF
does not depend on the fonts installed. When WeasyPrint or its system libraries are missing, Chromium's
``--print-to-pdf`` (also HarfBuzz) gives the same result at the cost of a browser process.
"""

from __future__ import annotations

import base64
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from goftar.digest.chart import FONT_DIR, render_chart
from goftar.digest.render import render_html
from goftar.digest.sections import Digest
from goftar.errors import GoftarError

log = logging.getLogger(__name__)

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)  # headless on a closed network: without the background-networking flags Chromium keeps dialling out
PAGE_CSS = "@page { size: A4; margin: 12mm; } body { background: #ffffff !important; }"


def font_face_css() -> str:
    """``@font-face`` rules for the bundled Vazirmatn (regular and bold), by file URL."""
    rules = []
    for weight, name in (("400", "Vazirmatn-Regular.ttf"), ("700", "Vazirmatn-Bold.ttf")):
        url = (FONT_DIR / name).resolve().as_uri()
        rules.append(f"@font-face {{ font-family: Vazirmatn; src: url('{url}'); font-weight: {weight}; }}")
    return " ".join(rules)


def pdf_html(digest: Digest) -> str:
    """The e-mail HTML with the chart inlined and the bundled font loaded: self-contained for a PDF engine."""
    chart = base64.b64encode(render_chart(digest.daily_commitments, "png")).decode("ascii")
    return render_html(
        digest, chart_src=f"data:image/png;base64,{chart}", head_css=font_face_css() + PAGE_CSS
    )


def render_pdf(digest: Digest, engine: str = "auto") -> bytes:
    """PDF bytes of ``digest``; ``engine`` is "weasyprint", "chromium" or "auto" (the first that works).

    Raises GoftarError when no engine is available.
    """
    html = pdf_html(digest)
    errors = []
    if engine in ("auto", "weasyprint"):
        try:
            return _weasyprint(html)
        except (ImportError, OSError) as exc:  # OSError: WeasyPrint cannot load libpango
            errors.append(f"WeasyPrint unavailable ({exc})")
    if engine in ("auto", "chromium"):
        try:
            return _chromium(html)
        except GoftarError as exc:
            errors.append(str(exc))
    raise GoftarError("cannot make a PDF: " + "; ".join(errors or [f"unknown engine {engine!r}"]))


def _weasyprint(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf()


def chromium_path() -> str | None:
    """The first Chromium/Chrome executable on PATH."""
    return next((p for name in CHROMIUM_CANDIDATES if (p := shutil.which(name))), None)


def _chromium(html: str, timeout: float = 120) -> bytes:
    browser = chromium_path()
    if browser is None:
        raise GoftarError("Chromium not found (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="goftar-pdf-") as tmp:
        page, out = Path(tmp) / "digest.html", Path(tmp) / "digest.pdf"
        page.write_text(html, encoding="utf-8")
        cmd = [
            browser,
            *CHROMIUM_FLAGS,
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp}/profile",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, check=True)
        except (subprocess.SubprocessError, OSError) as exc:
            raise GoftarError(f"Chromium could not print the digest: {exc}") from exc
        if not out.exists():
            raise GoftarError("Chromium exited without writing a PDF")
        return out.read_bytes()
