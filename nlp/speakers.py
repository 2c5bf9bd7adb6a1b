"""Who speaks: cut the subject out of a speaker clause and resolve it to a person, title or organisation.

Resolution order for a phrase: an entity from ``nlp.entities`` at the phrase (canonical ids from the
officials registry); a title through ``nlp.entities.resolve_official`` on the publication date; a title
or surname linked earlier in the same article («محمد رضایی، شهردار اصفهان، ...» then «شهردار اصفهان»
or «رضایی»); and «وی» / «او» / «ایشان» take the last speaker.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from goftar.model import Entity, Speaker

log = logging.getLogger(__name__)
DATA = Path(__file__).resolve().parent / "data"
_TOKEN = re.compile(r"[^\s،,؛:()«»\"]+|[،,؛:()]")
_DASHES = ("-", "–", "—", "ـ")
# Datelines: «تهران (پانا) - », «رشت - ایرنا - », «کرج- ». Without an agency only one word glued to its
# dash counts: «امیر قربانی - شهردار بندرعباس - گفت» opens with the speaker, not a place.
_AGENCIES = (
    "ایرنا|ایسنا|ایلنا|ایکنا|مهر|تسنیم|فارس|برنا|پانا|رکنا|میزان|شبستان|همشهری|دانشجو|صدا و سیما|"
    r"باشگاه خبرنگاران جوان|خبرگزاری [^\s\-–—:]+"
)
_DATELINE = re.compile(
    r"^[^\n\-–—:]{1,40}?\([^)]{1,40}\)\s*[-–—]\s*"
    rf"|^[^\s\-–—:،]+(?: [^\s\-–—:،]+)?\s*[-–—]\s*(?:{_AGENCIES})\s*[-–—]\s*"
    r"|^[^\s\-–—:،]+[-–—]\s+"
)
# When, not who: news opens the speaker's clause with the day («دیروز شهردار تهران گفت», «صبح امروز
# زاکانی ... گفت», «روز گذشته مدیرعامل ... اعلام کرد»); left in, the phrase resolved to no speaker.
_S = "[ \u200c]?"
_WEEKDAY = f"(?:شنبه|یک{_S}شنبه|دو{_S}شنبه|سه{_S}شنبه|چهار{_S}شنبه|پنج{_S}شنبه|جمعه)"
# Any time of day may lead («شامگاه دوشنبه، سخنگوی ...», «اواخر هفته گذشته ...»), and a comma may close
# the time: left in, «شامگاه» came out as the speaker.
_DAYTIME = (
    rf"(?:صبح|ظهر|عصر|شب|بامداد|شامگاه|صبحگاه|عصرگاه|نیمروز|غروب|نیمه{_S}شب|اوایل{_S}شب|بعد{_S}از{_S}ظهر"
    rf"|پیش{_S}از{_S}ظهر)"
)
_LEADING_TIME = re.compile(
    rf"(?:{_DAYTIME}(?: روز)? |(?:اواخر|اوایل|اواسط) )?"
    rf"(?:امروز|دیروز|امشب|دیشب|پریروز|(?:روز|هفته|ماه|سال) (?:گذشته|قبل|جاری|پیش)|(?:روز )?{_WEEKDAY}"
    rf"(?: (?:گذشته|هفته گذشته))?)(?![\w\u200c])\s*(?:[،,]\s*)?"
)


# Where, with no comma after it: «در این جلسه رئیس شورا گفت», «در ادامه این نشست شهردار افزود»,
# «در حاشیه این مراسم ...». Left in, «در» ended the phrase before the speaker began.
_LEADING_PLACE = re.compile(
    rf"در (?:(?:ادامه|حاشیه|پایان|ابتدای|جریان|خلال){_S}(?:ی )?)?"
    rf"(?:(?:این|آن|همین|همان) [^\s،,:]+|ادامه|پایان)(?![\w\u200c])\s*"
)


@lru_cache(maxsize=1)
def words() -> dict[str, list[str]]:
    with (DATA / "speaker_words.yaml").open(encoding="utf-8") as fh:
        data: dict[str, list[str]] = yaml.safe_load(fh)
    return data


def key(text: str) -> str:
    """Compare names without regard to ZWNJ/space or diacritics."""
    return re.sub(r"[\s\u200c\u064b-\u0652]+", "", text)


def _skip_prefixes(text: str, s: int, e: int) -> int:
    w = words()
    while s < e and not (text[s].isalpha() or text[s] == "«"):
        s += 1
    m = _DATELINE.match(text[s:e])
    if m:
        s += m.end()
    for _ in range(3):  # attribution, a leading adverbial, a discourse word: in any order
        clause = text[s:e]
        comma = re.search(r"[،,؛]", clause)
        first = clause.split(maxsplit=1)[0] if clause.split() else ""
        leads = any(clause.startswith(a) for a in w["attribution"]) or first in w["boundaries"]
        # A time first: «صبح امروز مهدی نیک‌نام، شهردار گرگان، گفت» must not skip to the comma.
        when = _LEADING_TIME.match(text, s, e)
        if when and when.end() < e:
            s = when.end()
            continue
        if first.rstrip("،,") in w["skip_leading"]:
            # «سپس مهدی فرهادی، عضو کمیسیون عمران گفت»: only the word goes, not all up to the comma
            s += len(first)
            while s < e and (text[s].isspace() or text[s] in "،,"):
                s += 1
            continue
        if comma and leads and len(clause[: comma.start()].split()) <= 12:
            s += comma.end()
            while s < e and text[s].isspace():
                s += 1
            continue
        when = _LEADING_PLACE.match(text, s, e)
        if when and when.end() < e:
            s = when.end()
            continue
        break
    return s


def speaker_phrase(text: str, start: int, end: int) -> tuple[int, int, tuple[int, int] | None] | None:
    """(start, end, appositive title span) of the subject of ``text[start:end]``, or ``None``."""
    w = words()
    s = _skip_prefixes(text, start, end)
    # «امیر قربانی - شهردار بندرعباس - گفت»: a dash between spaces sets off the title as a comma does.
    tokens = [
        ("،" if m.group() in _DASHES or m.group() in "()" else m.group(), s + m.start(), s + m.end())
        for m in _TOKEN.finditer(text[s:end])
    ]
    if not tokens:
        return None
    if len(tokens) > 2 and tokens[0][0] in w["honorifics"] and all(name_like(t[0]) for t in tokens[1:3]):
        tokens = tokens[1:]  # «دکتر علی محمدی»: the name is the person; «دکتر محمدی» keeps its title
    if tokens[0][0] in w["pronouns"]:
        return tokens[0][1], tokens[0][2], None
    np_end, i = None, 0
    while i < len(tokens) and i < 10:
        tok = tokens[i][0]
        if _this_org(tokens, i):  # «مدیرعامل این سازمان»: the demonstrative and its noun end the title
            np_end, i = tokens[i + 1][2], i + 2
            break
        partitive = i == 1 and tok == "از" and tokens[0][0] in w["partitives"]  # «یکی از ساکنان محله»
        if tok in "،,؛:" or (tok in w["boundaries"] and not partitive and not _title_goes_on(tokens, i)):
            break
        np_end = tokens[i][2]
        i += 1
    if np_end is None:
        return None
    appositive = None
    if i + 1 < len(tokens) and tokens[i][0] in "،," and tokens[i + 1][0] in w["role_heads"]:
        j = i + 1
        while j < len(tokens) and tokens[j][0] not in "،,؛:" and j - i < 12:
            j += 1
        appositive = (tokens[i + 1][1], tokens[j - 1][2])
    elif tokens[0][0] in w["role_heads"] and i + 1 < len(tokens) and tokens[i][0] in "،,":
        name = _name_after(tokens, i + 1)
        if name is not None:  # «شهردار کرج، مهدی کاظمی، ... گفت»: the name speaks, the title is his
            return name[0], name[1], (tokens[0][1], np_end)
    return tokens[0][1], np_end, appositive


_THIS = ("این", "همین")


def _title_goes_on(tokens: list[tuple[str, int, int]], i: int) -> bool:
    """«معاون شهردار در امور مناطق», «نماینده مردم اصفهان در مجلس», «یک مقام مسئول در شهرداری»: this «در»
    is part of the title."""
    w = words()
    if tokens[i][0] != "در" or i + 1 >= len(tokens):
        return False
    if _anonymous([t[0] for t in tokens]) and tokens[i + 1][0] in w["org_heads"]:
        return True
    heads = _title_in().get(tokens[i + 1][0])
    if heads is None:
        return False
    first = [t[0] for t in tokens[:2]]
    # «قائم مقام شهردار» (a ZWNJ head written with a space) is the head «قائم‌مقام»
    return role_head(first) if not heads else first[0] in heads or "\u200c".join(first) in heads


def role_head(tokens: list[str]) -> bool:
    """Whether a phrase of these words opens with a title; a head spelled with a ZWNJ may be written with a
    space («قائم مقام شهردار», which the normaliser leaves apart)."""
    heads = words()["role_heads"]
    joined = "\u200c".join(tokens[:2])
    return bool(tokens) and (tokens[0] in heads or len(tokens) > 1 and joined in heads)


def _title_in() -> dict[str, list[str]]:
    """The one table among the word lists: the word after «در» -> the title heads it goes on for."""
    table: Any = words()["title_in"]
    return {str(k): list(v) for k, v in table.items()}


def _anonymous(tokens: list[str]) -> bool:
    """«یک مقام مسئول», «یک منبع آگاه»: an official the report does not name."""
    return len(tokens) > 1 and tokens[0] == "یک" and tokens[1] in words()["anonymous"]


def _this_org(tokens: list[tuple[str, int, int]], i: int) -> bool:
    """«رئیس این کمیسیون», «شهردار این شهر»: a title that points back at an organisation named before."""
    w = words()
    return (
        0 < i < len(tokens) - 1
        and tokens[i][0] in _THIS
        and tokens[0][0] in w["role_heads"]
        and tokens[i + 1][0] not in "،,؛:"
        and tokens[i + 1][0] not in w["boundaries"]
        # «سخنگوی شهرداری کرج این خبر را تکذیب کرد و گفت»: «این خبر» is the object of another verb
        and (i + 2 >= len(tokens) or tokens[i + 2][0] != "را")
    )


def _object_after(text: str, ent: Entity, start: int, end: int) -> bool:
    """Whether a title or organisation entity opens the phrase ``start:end`` and the rest of the phrase is an
    object: the phrase ends at «را»."""
    return (
        ent.label in ("ROLE", "ORG")
        and ent.start == start
        and ent.end < end
        and re.match(r"\s+را(?![\w\u200c])", text[end:]) is not None
    )


def name_like(token: str) -> bool:
    """A token that can be part of a person's name: not a title, organisation or function word."""
    w = words()
    return not (
        token in w["role_heads"]
        or token in w["org_heads"]
        or token in w["boundaries"]
        or token in w["pronouns"]
        or token in w["skip_leading"]
        or token in "،,؛:"
        or any(ch.isdigit() for ch in token)
    )


def _name_after(tokens: list[tuple[str, int, int]], k: int) -> tuple[int, int] | None:
    """Span of a 2–4 token name at ``tokens[k]`` that runs to a comma or the end of the clause."""
    j = k
    while j < len(tokens) and name_like(tokens[j][0]) and j - k < 5:
        j += 1
    ends = j == len(tokens) or tokens[j][0] in "،," or tokens[j][0] in words()["boundaries"]
    return (tokens[k][1], tokens[j - 1][2]) if 2 <= j - k <= 4 and ends else None


def _resolve_official(role: str, on: date | None) -> tuple[str, str] | None:
    try:
        from nlp.entities import resolve_official
    except ImportError:  # the entity stage is optional for statements
        return None
    try:
        return resolve_official(role, on)
    except Exception as exc:  # noqa: BLE001 - a registry problem must not stop extraction
        log.warning("officials registry lookup failed for %r: %s", role, exc)
        return None


def _registry_person(name: str) -> tuple[str, str] | None:
    try:
        from nlp.ner.registry import load_registry

        person = load_registry().person_for_alias(name)
    except Exception as exc:  # noqa: BLE001 - optional enrichment
        log.debug("registry alias lookup failed for %r: %s", name, exc)
        return None
    return (person.id, person.name) if person else None


def _shortens(role: str, long: list[str]) -> bool:
    """«مدیرعامل مترو» shortens «مدیرعامل شرکت بهره‌برداری متروی تهران»: two words or more, the same head,
    every other word the start of a word of the full title."""
    short = role.replace("\u200c", " ").split()
    if len(short) < 2 or not long or short[0] != long[0] or len(short) > len(long):
        return False
    return all(any(w.startswith(t) for w in long[1:]) for t in short[1:])


@dataclass
class SpeakerResolver:
    """Resolves speaker phrases of one document, remembering the current speaker and title links."""

    text: str
    entities: list[Entity] = field(default_factory=list)
    published: date | None = None
    current: Speaker | None = None
    _roles: dict[str, Speaker] = field(default_factory=dict)
    _people: list[Speaker] = field(default_factory=list)
    _role_words: dict[str, list[str]] = field(default_factory=dict)
    _titles: list[Speaker] = field(default_factory=list)  # titles that spoke with no name, in order
    _individual: Speaker | None = None  # the last person or title that spoke (what «وی» points at)

    def resolve(self, start: int, end: int, appositive: tuple[int, int] | None = None) -> Speaker:
        """The speaker for ``text[start:end]``; updates the current speaker unless it is a pronoun."""
        phrase = self.text[start:end].strip()
        if phrase in words()["pronouns"]:
            # «وی» / «او» is a person: an organisation that spoke in between is not its antecedent, though
            # with no person before it the organisation is all «وی» can loosely mean
            ante = self._individual or self._subject_before(start) or self.current
            return Speaker(
                text=phrase,
                kind="pronoun",
                canonical_id=ante.canonical_id if ante else None,
                canonical_name=ante.display if ante else None,
            )
        speaker = self._classify(phrase, start, end)
        if appositive:
            self._link_role(self.text[appositive[0] : appositive[1]], speaker)
        self.current = speaker
        if speaker.kind != "org":
            self._individual = speaker
        return speaker

    def resolve_aside(self, start: int, end: int, appositive: tuple[int, int] | None = None) -> Speaker:
        """The speaker of an aside («شهردار سابق پیش‌تر گفته بود ...»): resolved, but «وی» after it still
        points at the speaker before."""
        current, individual = self.current, self._individual
        speaker = self.resolve(start, end, appositive)
        self.current, self._individual = current or speaker, individual or speaker
        return speaker

    def _subject_before(self, start: int) -> Speaker | None:
        """With no speaker yet, «او» / «وی» points at the title, organisation or person that opens the
        sentence before («شهردار سنندج امروز در جلسه شورا حضور یافت. او وعده داد ...»)."""
        end = max(self.text.rfind(ch, 0, start) for ch in ".!؟\n")
        if end <= 0 or self.text[end + 1 : start].strip():
            return None  # the pronoun does not open its sentence
        # «... بازدید کرد.\nاو گفت»: the stop and the line break (or a blank line) close one sentence
        while end > 0 and self.text[end - 1] in ".!؟\n \t":
            end -= 1
        begin = max(self.text.rfind(ch, 0, end) for ch in ".!؟\n") + 1
        found = speaker_phrase(self.text, begin, end)
        if found is None:
            return None
        s, e, appositive = found
        head = self.text[s:e].split()[:1]
        ent = self._entity_at(s, e)
        if not head or head[0] in words()["pronouns"]:
            return None
        if not (head[0] in words()["role_heads"] or (ent is not None and ent.label in ("PER", "ROLE"))):
            return None  # «وی»/«او» is a person, never the organisation opening the sentence
        self.current = self.resolve(s, e, appositive)
        return self._individual

    def named_later(self, speaker: Speaker) -> Speaker:
        """A title that spoke before the article named its holder («شهردار اهواز: ...» then «علی نوری،
        شهردار اهواز، گفت»): the holder, as the guide asks (a pronoun that took the title too)."""
        title = speaker.text if speaker.kind == "role" else speaker.canonical_name
        if speaker.kind not in ("role", "pronoun") or not title:
            return speaker
        linked = self._linked(title)
        if linked is None or linked.display == speaker.display:
            return speaker
        return speaker.model_copy(
            update={"canonical_id": linked.canonical_id, "canonical_name": linked.display}
        )

    def _classify(self, phrase: str, start: int, end: int) -> Speaker:
        w = words()
        ent = self._entity_at(start, end)
        if ent is not None and _object_after(self.text, ent, start, end):
            # «سخنگوی شهرداری ساری شایعه تعدیل نیرو را رد کرد و گفت»: the title the model found is the
            # subject, the words after it up to «را» the object of another verb
            phrase, end = self.text[ent.start : ent.end], ent.end
        tokens = phrase.split()
        if ent is not None and ent.label == "PER":
            name = self._extend_name(ent, end)
            person = self._person(name, ent.canonical_id if name == ent.text else None, ent.canonical_name)
            title = self.text[ent.start + len(name) : end].strip()
            if title.split() and title.split()[0] in w["role_heads"]:
                # «مهدی صالحی مدیرعامل سازمان پارک‌ها گفت»: the title after the name is his, as after a comma
                self._link_role(title, person)
            return person
        named = self._name_after_title(ent, end) if ent is not None and ent.label == "ROLE" else None
        if ent is not None and named is not None:
            # «سخنگوی شورای شهر تهران علیرضا نادعلی گفت»: the name after the title, with no comma, speaks
            person = self._person(named.text, named.canonical_id, named.canonical_name)
            self._link_role(ent.text, person)
            return person
        if role_head(tokens) or (ent is not None and ent.label == "ROLE"):
            return self._role(phrase)
        if tokens[0] in w["org_heads"] or (ent is not None and ent.label == "ORG"):
            return Speaker(text=phrase, kind="org")
        if _anonymous(tokens):
            return Speaker(text=phrase, kind="role")  # no name to link, no registry holder
        if tokens[0] in w["partitives"]:
            return self._person(phrase)  # «یکی از اعضای شورای شهر»: one unnamed member, not «یکی»
        cut = next((k for k, t in enumerate(tokens) if k > 0 and t in w["role_heads"]), None)
        if cut is not None:
            person = self._person(" ".join(tokens[:cut]))
            self._link_role(" ".join(tokens[cut:]), person)
            return person
        return self._person(phrase)

    def _name_after_title(self, role: Entity, end: int) -> Entity | None:
        """A person entity that follows the title entity with only a space and closes the phrase. Both must
        be two words or more: in «شهردار بوکان» the model may tag the place alone as a person."""
        if len(role.text.split()) < 2:
            return None
        for ent in self.entities:
            if (
                ent.label == "PER"
                and len(ent.text.split()) >= 2
                and role.end < ent.start
                and ent.end == end
                and not self.text[role.end : ent.start].strip()
            ):
                return ent
        return None

    def _extend_name(self, ent: Entity, end: int) -> str:
        """«یوسف» tagged alone in «یوسف اکبری معاون ...»: the name runs on to the title or comma."""
        name_end = ent.end
        for m in re.finditer(r"[^\s،,؛:()«»\"]+", self.text[ent.end : end]):
            if self.text[name_end : ent.end + m.start()].strip() or not name_like(m.group()):
                break
            if len(self.text[ent.start : ent.end + m.end()].split()) > 4:
                break
            name_end = ent.end + m.end()
        return self.text[ent.start : name_end]

    def _entity_at(self, start: int, end: int) -> Entity | None:
        for ent in self.entities:
            if ent.start == start and ent.end <= end and ent.label in ("PER", "ROLE", "ORG"):
                return ent
        return None

    def _person(self, name: str, cid: str | None = None, cname: str | None = None) -> Speaker:
        if cid is None:
            found = _registry_person(name)
            if found:
                cid, cname = found
        if cid is None:
            for known in reversed(self._people):  # «رضایی» after «محمد رضایی»
                if key(known.text).endswith(key(name)) or key(name).endswith(key(known.text)):
                    cid, cname = known.canonical_id, known.canonical_name or max(known.text, name, key=len)
                    break
            else:
                cid, cname = self._named_before(name, cname)
        speaker = Speaker(text=name, kind="person", canonical_id=cid, canonical_name=cname)
        self._people.append(speaker)
        return speaker

    def _named_before(self, surname: str, cname: str | None) -> tuple[str | None, str | None]:
        """«صادقی گفت» after the narrative named «احمد صادقی، شهردار شاهرود و ...» (not as a speaker): the
        full name, when exactly one person entity ends with these words."""
        parts = surname.split()
        full = {
            ent.text: ent
            for ent in self.entities
            if ent.label == "PER"
            and len(ent.text.split()) > len(parts)
            and ent.text.split()[-len(parts) :] == parts
        }
        if len(full) != 1:
            return None, cname
        ent = next(iter(full.values()))
        return ent.canonical_id, ent.canonical_name or ent.text

    def _role(self, role: str) -> Speaker:
        # The article's own «X، شهردار ...» wins over the registry: it names who held the title then.
        linked = self._linked(role) or self._pointed_back(role)
        if linked:
            return Speaker(
                text=role, kind="role", canonical_id=linked.canonical_id, canonical_name=linked.display
            )
        official = _resolve_official(role, self.published)
        if official:
            speaker = Speaker(text=role, kind="role", canonical_id=official[0], canonical_name=official[1])
        elif (full := self._said_in_full(role)) is not None:
            speaker = Speaker(
                text=role, kind="role", canonical_id=full.canonical_id, canonical_name=full.display
            )
        else:
            speaker = Speaker(text=role, kind="role")
        self._titles.append(speaker)
        return speaker

    def _pointed_back(self, role: str) -> Speaker | None:
        """Who «مدیرعامل این سازمان» is: the last speaker (or linked title) with the same head word."""
        tokens = role.split()
        if not any(t in _THIS for t in tokens[1:]):
            return None
        head = tokens[0]
        cur = self.current
        if cur is not None and cur.kind == "role" and cur.text.split()[0] == head:
            return Speaker(text=cur.display, kind="role", canonical_id=cur.canonical_id)
        for full, person in reversed(list(self._roles.items())):
            if self._role_words.get(full, [""])[0] == head:
                return person
        return None

    def _linked(self, role: str) -> Speaker | None:
        """The person an earlier apposition gave this title, also when shortened later
        («مدیرعامل مترو» after «مدیرعامل شرکت بهره‌برداری متروی تهران»): same head, every other word
        the start of a word of the full title."""
        exact = self._roles.get(key(role))
        if exact or not self._roles:
            return exact
        for full, person in reversed(list(self._roles.items())):
            if _shortens(role, self._role_words.get(full, [])):
                return person
        return None

    def _said_in_full(self, role: str) -> Speaker | None:
        """A title that spoke before in full, with no name («مدیرعامل سازمان اتوبوسرانی شهرداری قزوین»), when
        ``role`` shortens it («مدیرعامل سازمان اتوبوسرانی»): the same speaker."""
        for earlier in reversed(self._titles):
            full = earlier.text.replace("\u200c", " ").split()
            if key(earlier.text) != key(role) and _shortens(role, full):
                return earlier
        return None

    def _link_role(self, role: str, person: Speaker) -> None:
        self._roles[key(role)] = person
        self._role_words[key(role)] = role.replace("\u200c", " ").split()
