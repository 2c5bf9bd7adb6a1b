"""The digest's chart: commitments per day over the last 30 days, in Persian, laid out right-to-left.

matplotlib 3.11+ shapes Arabic-script text itself (libraqm), so labels are passed as raw Unicode; shaping
them beforehand with arabic-reshaper/python-bidi would now render them reversed. The font is the bundled
Vazirmatn (OFL, ``fonts/OFL.txt``) so the chart looks the same on every machine.
"""

from __future__ import annotations

import io
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from goftar.jalali import fa_digits, jalali_day_month, jalali_long

FONT_DIR = Path(__file__).parent / "fonts"
FONT_FILE = FONT_DIR / "Vazirmatn-Regular.ttf"
BAR = "#2f6f8f"
TODAY = "#d9822b"
TITLE = "تعهدها در ۳۰ روز گذشته"


@lru_cache(maxsize=1)
def font_family() -> str:
    """Register the bundled Persian font with matplotlib (once) and return its family name."""
    from matplotlib import font_manager

    for path in sorted(FONT_DIR.glob("*.ttf")):
        font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(FONT_FILE)).get_name()


def render_chart(series: dict[date, int], fmt: Literal["png", "svg"] = "png") -> bytes:
    """The chart of ``series`` (day → commitments) as PNG or SVG bytes; the last day is highlighted.

    SVG text is written as glyph outlines (``svg.fonttype=path``) so the shaping done here is what every
    viewer shows, and tests can read which glyph forms were used.
    """
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    days = sorted(series)
    with rc_context({"font.family": font_family(), "svg.fonttype": "path", "svg.hashsalt": "goftar"}):
        fig = Figure(figsize=(7.2, 2.8), dpi=150)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        _draw(ax, days, [series[d] for d in days])
        fig.tight_layout()
        buf = io.BytesIO()
        # A fixed date keeps SVG/PNG bytes identical between reruns (idempotent output files).
        fig.savefig(buf, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buf.getvalue()


def _draw(ax: object, days: list[date], values: list[int]) -> None:
    positions = list(range(len(days)))
    colours = [BAR] * len(days)
    if colours:
        colours[-1] = TODAY
    ax.bar(positions, values, color=colours, width=0.7)  # type: ignore[attr-defined]
    # Right-to-left: time runs from right (oldest) to left (the digest's day), the count axis on the right.
    ax.invert_xaxis()  # type: ignore[attr-defined]
    ax.yaxis.tick_right()  # type: ignore[attr-defined]
    step = max(len(days) // 6, 1)
    ticks = positions[::-1][::step]
    ax.set_xticks(ticks, [jalali_day_month(days[i]) for i in ticks], fontsize=8)  # type: ignore[attr-defined]
    top = max(values, default=0)
    yticks = _int_ticks(top)
    ax.set_yticks(yticks, [fa_digits(v) for v in yticks], fontsize=8)  # type: ignore[attr-defined]
    title = TITLE if not days else f"{TITLE}، تا {jalali_long(days[-1])}"
    ax.set_title(title, loc="right", fontsize=11)  # type: ignore[attr-defined]
    for side in ("top", "left"):
        ax.spines[side].set_visible(False)  # type: ignore[attr-defined]
    ax.grid(axis="y", alpha=0.3)  # type: ignore[attr-defined]


def _int_ticks(top: int) -> list[int]:
    """About five whole-number ticks from 0 to at least ``top``."""
    step = max(1, -(-top // 4))
    return list(range(0, max(top, 1) + step, step))
