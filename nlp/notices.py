"""Notices signed by an office on their last line («روابط عمومی شهرداری منطقه ۵»): the office says the
lines above that no one else says.
"""

from __future__ import annotations

import re

from nlp.reporting_verbs import reporting_verb_pattern
from nlp.speaker_words import org_head, words
from nlp.statement_spans import Found, unbullet


def signature(text: str, paragraphs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """«روابط عمومی شهرداری منطقه ۵» alone on the last line of a notice: who issued the lines above it that
    no one else says. A short line of an organisation's name only: no verb, no comma, colon or quote."""
    if len(paragraphs) < 2:
        return None
    start, end = paragraphs[-1]
    line = unbullet(text[start:end]).rstrip(" .")
    tokens = line.split()
    # «معاونت حمل و نقل و ترافیک شهرداری قزوین» signs as an office too
    if not 2 <= len(tokens) <= 9 or not (org_head(tokens[0]) or tokens[0] in words()["role_heads"]):
        return None
    if re.search(r"[،,:؛«»\"!؟.]", line):
        return None
    if reporting_verb_pattern().search(line) or tokens[-1] in words()["list_enders"]:
        return None
    if not _issuer(tokens) or _relayed(text, paragraphs):
        return None
    begin = end - len(unbullet(text[start:end]))
    return begin, begin + len(line)


# A region or a brand is a place or a tag line («منطقه ۸ تهران», «مترو تهران»), not who issues a notice
# («شهرداری منطقه ۸» is).
_PLACE_HEADS = ("منطقه", "ناحیه", "مترو")


# Credit lines name the desk, not an issuer: «دفتر خبر», «عکس ...», «گزارش ...»
_CREDIT_WORDS = ("خبر", "عکس", "گزارش", "خبرنگار", "عکاس")


# An organisation's name has no object marker and seldom these prepositions; a related headline does
# («سازمان آتش‌نشانی تهران در آماده‌باش کامل», «شهرداری مشهد طرح تفکیک را گسترش می‌دهد»). Not «با» / «به»:
# «ستاد مبارزه با مواد مخدر», «ستاد امر به معروف» sign notices.
_NOT_IN_A_NAME = ("در", "را", "از", "برای", "تا")


def _issuer(tokens: list[str]) -> bool:
    """Whether the words of a last line can be the name of an office that signs a notice."""
    if tokens[0] in _PLACE_HEADS or any(t in _CREDIT_WORDS or t in _NOT_IN_A_NAME for t in tokens):
        return False
    return not any(re.match(r"ن?می[\u200c ]", t + " ") for t in tokens)  # «می‌دهد»: a verb


# Words only a notice uses: its heading and its address to the public
_NOTICE_CUES = ("اطلاعیه", "به اطلاع", "شهروندان گرامی", "شهروندان محترم", "همشهریان گرامی", "همشهریان عزیز")


def _relayed(text: str, paragraphs: list[tuple[int, int]]) -> bool:
    """«به گزارش ایسنا، ...»: an agency relays a report; an organisation on its last line is a tag line,
    not the signature of a notice (which may still cite a unit: «به گزارش واحد خدمات مشترکین، ...»)."""
    if any(cue in text for cue in _NOTICE_CUES):
        return False
    return any(
        text.startswith("به گزارش", s + len(text[s:e]) - len(unbullet(text[s:e]))) for s, e in paragraphs
    )


def signed_body(text: str, p_start: int, p_end: int, signed: tuple[int, int] | None) -> Found | None:
    """A paragraph no one says, as said by the signature ``signed`` of the notice it is a line of: a
    sentence before the signature, not a heading («اطلاعیه», «شهروندان گرامی»)."""
    if signed is None or p_end >= signed[0] or len(text[p_start:p_end].split()) <= 4:
        return None
    return Found(p_start, p_end, None, False, *signed)
