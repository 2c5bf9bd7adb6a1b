"""The chart's Persian is shaped: its SVG draws joined (initial/medial/final) glyph forms, not isolated."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from fontTools.ttLib import TTFont

from goftar.digest.chart import FONT_FILE, TITLE, render_chart

DAY = date(2026, 11, 21)


def glyph_forms(svg: str) -> dict[str, int]:
    """How many Arabic-script letters the SVG draws in each form, read from its glyph ids.

    matplotlib names each outline ``<font>-<glyph index in hex>``; the font's glyph names tell whether a
    glyph is a positional form (``uniFE97`` = teh initial …) or the base letter (``uni062A``, isolated).
    """
    order = TTFont(FONT_FILE).getGlyphOrder()
    uses = re.findall(r'xlink:href="#Vazirmatn-Regular-([0-9a-f]+)"', svg)
    forms = {"isolated": 0, "joined": 0}
    for gid in uses:
        name = order[int(gid, 16)]
        if not name.startswith("uni") or len(name) != 7:
            continue
        char = chr(int(name[3:], 16))
        if "ARABIC LETTER" in unicodedata.name(char, "") and unicodedata.bidirectional(char) == "AL":
            decomposition = unicodedata.decomposition(char)
            joined = decomposition.startswith(("<initial>", "<medial>", "<final>"))
            forms["joined" if joined else "isolated"] += 1
    return forms


def test_chart_svg_draws_shaped_persian() -> None:
    series = {DAY - timedelta(days=i): i % 4 for i in range(30)}
    forms = glyph_forms(render_chart(series, "svg").decode("utf-8"))
    # Unshaped text would be all base (isolated) letters; shaped Persian is mostly joined forms.
    assert forms["joined"] > 0, forms
    assert forms["joined"] > forms["isolated"], forms


def test_title_word_uses_positional_forms() -> None:
    # «تعهدها»: teh initial, ain medial, heh medial, dal final, heh initial, alef final.
    assert TITLE.startswith("تعهدها")
    svg = render_chart({DAY: 1}, "svg").decode("utf-8")
    order = TTFont(FONT_FILE).getGlyphOrder()
    used = {order[int(g, 16)] for g in re.findall(r'xlink:href="#Vazirmatn-Regular-([0-9a-f]+)"', svg)}
    assert {"uniFE97", "uniFECC", "uniFEAA"} <= used, sorted(used)


def test_chart_png_is_deterministic() -> None:
    series = {DAY - timedelta(days=i): 1 for i in range(30)}
    png = render_chart(series, "png")
    assert png.startswith(b"\x89PNG") and render_chart(series, "png") == png
