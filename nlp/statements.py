"""Statements: who said what, from reporting verbs, colons and quotes in normalised Persian news.

Shapes handled (``X`` is the speaker clause that opens the sentence):
``X گفت: ...`` / ``X گفت «...»`` (direct), ``X گفت که ...`` / ``X گفت ...`` (reported), ``X از ... خبر داد``
/ ``X بر ... تأکید کرد`` (content before the verb), ``NAME: ...`` (headline), ``به گفته X، ...`` / ``طبق
اعلام X، ...`` / ``به نقل از روابط عمومی X، ...`` (X said the rest), a notice signed by an office on its last
line, and a paragraph with no verb that opens with a quote or speaks in the first person, which inherits the
current speaker.

This module walks the paragraphs (``find_statements``) and resolves speakers (``extract_statements``). What
one reporting verb says is in ``nlp.verb_statements``, paragraphs with no verb in ``nlp.verbless``, the
verbs in ``nlp.reporting_verbs``; speakers are resolved in :mod:`nlp.speakers`.
"""

from __future__ import annotations

import re

from goftar.model import Speaker, Statement
from nlp.interviews import interview_guest, is_question
from nlp.notices import signature, signed_body
from nlp.reporting_verbs import (
    DEMAND_VERBS,
    answer_without_speech,
    asked_of,
    in_colon_quote,
    pledge_in_content,
    reporting_verb_pattern,
)
from nlp.speaker_phrases import joint_parts, pronoun_joined, speaker_phrase
from nlp.speaker_words import words
from nlp.speakers import SpeakerResolver
from nlp.statement_spans import Found, paragraph_spans, sentence_spans, sentence_start
from nlp.verb_statements import content_limit, statement_at
from nlp.verbless import (
    attributed,
    bare_answer,
    past_aside,
    person_line,
    reporter_again,
    speaker_line,
    under_kicker,
    verbless_statements,
)

# ``DEMAND_VERBS``, ``Found``, ``sentence_spans`` and ``reporting_verb_pattern`` are imported from here by the
# commitment modules too.

_W = r"[\w\u200c]"
_SP = r"[ \u200c]+"


def find_statements(text: str) -> list[Found]:
    """Statement spans in normalised ``text``, in order; speakers are resolved separately."""
    verbs = reporting_verb_pattern()
    out: list[Found] = []
    kicker: Found | None = None  # a line that only names the speaker of the paragraphs after it
    kicker_at = -1  # the paragraph the kicker is on: the one right after it is what it announces
    guest: tuple[int, int] | None = None  # who an interview is with: the one who answers «ج: ...»
    paragraphs = paragraph_spans(text)
    signed = signature(text, paragraphs)
    for at, (p_start, p_end) in enumerate(paragraphs):
        p_start = past_aside(text, p_start, p_end, verbs)
        sentences = sentence_spans(text, p_start, p_end)
        hits = [
            m
            for m in verbs.finditer(text, p_start, p_end)
            if not _inside_quote(text, p_start, m.start())
            and not answer_without_speech(text, m)
            and (
                m["verb"] not in DEMAND_VERBS[1:]
                or asked_of(text, sentence_start(sentences, m.start()), m.start())
            )
        ]
        hits = [m for k, m in enumerate(hits) if not pledge_in_content(text, sentences, hits[:k], m)]
        hits = [m for k, m in enumerate(hits) if not in_colon_quote(text, sentences, hits[:k], m)]
        guest = interview_guest(text, p_start, p_end) or guest
        if not hits and (answer := bare_answer(text, p_start, p_end, guest)) is not None:
            out.append(answer)
            continue
        if is_question(text, p_start, p_end):
            continue  # «س: ...», «خبرنگار: شما گفتید ...؟»: the interviewer asks; a speaker line above stays
        if not hits:
            own = verbless_statements(text, p_start, p_end, sentences)
            if kicker is not None and reporter_again(text, p_start):
                # «به گزارش ...»: the reporter speaks again (also in a line read as a statement of its own)
                kicker = None
            elif not own and kicker is not None:
                # a new speaker line takes over («📌 شهردار منطقه ۵:» after the items of «شهردار منطقه ۳:»);
                # a line of narration under the speaker's lines is skipped, not the end of them: «۲۵۰ دستگاه
                # در آماده‌باش است.» then «مالکان موظفند ...» is still the speech
                first = at == kicker_at + 1
                if not first and (line := person_line(text, p_start, p_end)) is not None:
                    own, kicker, kicker_at = [line], line, at
                else:
                    own = under_kicker(text, p_start, p_end, kicker, first=first)
                    if own and text[p_start:p_end].rstrip().endswith(":"):
                        # «🔹 سازمان پارک‌ها:»: a heading among the items; the line under it is what it heads
                        kicker_at = at
            elif not own and (line := speaker_line(text, p_start, p_end)) is not None:
                own, kicker, kicker_at = [line], line, at
            elif not own and (body := signed_body(text, p_start, p_end, signed)) is not None:
                own = [body]
            out.extend(own)
            continue
        kicker = None
        # «X گفت: ... .\nعملیات بتن‌ریزی نیز هفته آینده آغاز می‌شود.»: once someone has spoken, the lines
        # after go on with his account, not the signature's; a news item by the office, not a notice
        signed = None
        found: list[Found] = []
        clause_start = p_start
        for k, m in enumerate(hits):
            limit = content_limit(
                text, sentences, m.end(), hits[k + 1].start() if k + 1 < len(hits) else None, p_end
            )
            previous = clause_start
            clause_start = max(clause_start, sentence_start(sentences, m.start()))
            found.extend(statement_at(text, m, clause_start, limit, sentences, previous))
            clause_start = limit
        hit_sentences = {sentence_start(sentences, m.start()) for m in hits}
        found.extend(f for s, e in sentences if s not in hit_sentences for f in attributed(text, s, e))
        out.extend(sorted(found, key=lambda f: f.start if f.speaker_start is None else f.speaker_start))
        if found and _introduces_lines(text, p_start, p_end, found[-1]):
            kicker, kicker_at = found[-1], at
    return out


def _introduces_lines(text: str, p_start: int, p_end: int, last: Found) -> bool:
    """Whether the paragraph's last statement ends on a colon that opens the lines below: «شهردار تبریز
    گفت:» alone on its line, or «مدیر پروژه گفت: برنامه کار چنین است:» before «آذر: ...», «دی: ...»; the
    next paragraphs are what was said."""
    line_end = p_start + len(text[p_start:p_end].rstrip())
    if not text[p_start:line_end].endswith(":"):
        return False
    return last.end <= last.start or last.end >= line_end - 1


def _inside_quote(text: str, start: int, pos: int) -> bool:
    segment = text[start:pos]
    return segment.count("«") > segment.count("»")


_AUX_LEAD = re.compile(r"بود(?:ند)?(?![\w\u200c])\s*(?::\s*|که\s+)?")


def extract_statements(text: str, resolver: SpeakerResolver) -> list[tuple[Statement, Found]]:
    """Statements with resolved speakers, in text order. Zero-length ones only update the speaker."""
    out: list[tuple[Statement, Found]] = []
    for found in find_statements(text):
        speaker = _speaker_for(text, found, resolver)
        resolver.mark_said(found.start, found.end)
        if found.end <= found.start:
            continue
        # «وزیر گفته بود: ...»: the statement starts at «بود» (a statement made before the report), the
        # quote after it
        aux = _AUX_LEAD.match(text, found.start, found.end)
        start = aux.end() if aux else found.start
        quote = text[start : found.end].strip().strip('«»"').strip()
        if not quote:
            continue
        out.append(
            (
                Statement(
                    quote=quote,
                    speaker=speaker,
                    reporting_verb=found.verb,
                    direct=found.direct,
                    start=start,
                    end=found.end,
                ),
                found,
            )
        )
    _restated_headline(text, out, resolver)
    for st, _found in out:
        st.speaker = resolver.named_later(st.speaker) if st.speaker is not None else None
    return out


def _restated_headline(text: str, out: list[tuple[Statement, Found]], resolver: SpeakerResolver) -> None:
    """«شهردار همدان: میدان امام تا عید پیاده‌راه می‌شود» over a lead «عباس صوفی ... گفت: میدان امام تا عید
    پیاده‌راه می‌شود»: the title in the headline is the person who says the same in the lead (news names the
    title above and the person below). Only when the headline's title has no holder yet and the lead says
    most of the headline's words."""
    line_end = text.find("\n")
    if not out or line_end < 0:
        return
    head = out[0][0]
    if head.start > line_end or head.speaker is None or head.speaker.kind != "role":
        return
    if head.speaker.canonical_name:
        return
    said = _words(head.quote)
    for st, _found in out[1:4]:
        if st.start < line_end or st.speaker is None or st.speaker.kind != "person":
            continue
        if said and len(said & _words(st.quote)) >= 0.6 * len(said):
            resolver.link_title(head.speaker.text, st.speaker)
            return


def _words(quote: str) -> set[str]:
    return {w for w in re.split(r"[\s\u200c«»:.!؟،,]+", quote) if len(w) > 1}


def _speaker_for(text: str, found: Found, resolver: SpeakerResolver) -> Speaker | None:
    if found.speaker_start is None or found.speaker_end is None:
        return resolver.current
    phrase = speaker_phrase(text, found.speaker_start, found.speaker_end)
    if phrase is None:
        return resolver.current
    if _pluperfect(text, found):
        return resolver.resolve_aside(*phrase)
    # «به گفته شهردار کاشان و رئیس شورای شهر، ...»: with no verb, «و» joins the speakers as a plural does
    together = _plural(text, found) or (found.verb is None and not found.direct)
    if together and (parts := _joint(text, found, phrase)) is not None:
        # «شهردار کاشان و شهردار آران و بیدگل گفتند»: one statement said by both
        return resolver.resolve_joint(parts)
    return resolver.resolve(*phrase)


def _joint(
    text: str, found: Found, phrase: tuple[int, int, tuple[int, int] | None]
) -> list[tuple[int, int]] | None:
    """The speakers of a plural verb when more than one: «شهردار کاشان و شهردار آران و بیدگل», «وی و رئیس
    شورای شهر ساری» (the pronoun's phrase is the pronoun alone, the other speaker after it)."""
    if text[phrase[0] : phrase[1]] in words()["pronouns"] and found.speaker_end is not None:
        return pronoun_joined(text, phrase[0], found.speaker_end)
    return joint_parts(text, phrase[0], phrase[1])


def _plural(text: str, found: Found) -> bool:
    """«گفتند», «اعلام کردند», «اعلام کرده‌اند»: a verb whose subject is more than one (the verb list may hold
    only the singular, «اعلام کرد», which the plural goes on from)."""
    if found.verb is None or found.speaker_end is None:
        return False
    at = text.find(found.verb, found.speaker_end, found.speaker_end + 80)
    if at < 0:
        return False
    word = re.match(r"[\w\u200c]*(?:[ \u200c]اند)?", text[at + len(found.verb) :])
    return (found.verb + (word.group() if word else "")).endswith("ند")


def _pluperfect(text: str, found: Found) -> bool:
    """«... پیش‌تر گفته بود»: an earlier statement recalled in passing, not the speaker the story follows."""
    if found.verb is None or found.speaker_end is None or not text.startswith(found.verb, found.speaker_end):
        return False
    return re.match(rf"ه{_SP}بود(?:ند)?(?!{_W})", text[found.speaker_end + len(found.verb) :]) is not None
