"""Write one day's digest to a folder: HTML (+ its chart PNG), plain text, JSON, and a PDF when possible."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from goftar.digest.chart import render_chart
from goftar.digest.render import render_html, render_json, render_text
from goftar.digest.sections import Digest
from goftar.errors import GoftarError

log = logging.getLogger(__name__)


def write_digest(digest: Digest, out_dir: Path) -> list[Path]:
    """Write ``<day>.html``, ``<day>.png`` (its chart), ``<day>.txt``, ``<day>.json`` and, when a PDF engine
    is available, ``<day>.pdf`` into ``out_dir``; returns the paths written. Rewriting a day replaces its
    files (each is written to a temporary file and renamed, so readers never see half a digest).

    Raises GoftarError when ``out_dir`` cannot be made (a file is in the way, no permission).
    """
    from goftar.digest.pdf import render_pdf

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file in the way, no permission: the CLI shows GoftarErrors in one line
        raise GoftarError(f"cannot write the digest into {out_dir}: {exc.strerror or exc}") from exc
    stem = digest.day.isoformat()
    chart = out_dir / f"{stem}.png"
    _atomic_write(chart, render_chart(digest.daily_commitments, "png"))
    html = render_html(digest, chart_src=chart.name)
    paths = [
        _atomic_write(out_dir / f"{stem}.html", html.encode("utf-8")),
        chart,
        _atomic_write(out_dir / f"{stem}.txt", render_text(digest).encode("utf-8")),
        _atomic_write(out_dir / f"{stem}.json", render_json(digest).encode("utf-8")),
    ]
    try:
        paths.append(_atomic_write(out_dir / f"{stem}.pdf", render_pdf(digest)))
    except GoftarError as exc:
        # The PDF is a convenience for forwarding; the e-mail formats are the digest.
        log.warning("digest %s: no PDF written: %s", stem, exc)
    return paths


def _atomic_write(path: Path, data: bytes) -> Path:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; digests are meant to be read by others
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
