"""Who speaks: resolve a speaker phrase to a person, title or organisation (``SpeakerResolver``).

Resolution order for a phrase: an entity from ``nlp.entities`` at the phrase (canonical ids from the
officials registry); a title through ``nlp.entities.resolve_official`` on the publication date; a title
or surname linked earlier in the same article («محمد رضایی، شهردار اصفهان، ...» then «شهردار اصفهان»
or «رضایی»); a title the narrative set beside a name («X، شهردار منطقه ۳، ... بازدید کرد», «X به عنوان
سرپرست ... منصوب شد»); and «وی» / «او» / «ایشان», like a definite description («این مقام مسئول»), take the
last speaker. The phrase is cut out of its clause in ``nlp.speaker_phrases``; the word lists are in
``nlp.speaker_words``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date

from goftar.model import Entity, Speaker
from nlp.speaker_phrases import anaphor, speaker_phrase
from nlp.speaker_places import (
    clause_district,
    clause_place,
    clause_province,
    moved_district,
    moved_office,
    moved_title,
    place_span,
)
from nlp.speaker_subjects import titles_before
from nlp.speaker_titles import FORMER, and_another, model_titles, name_before, narrative_titles, shortens
from nlp.speaker_words import (
    ACCORDING_WORDS,
    THIS_WORDS,
    anonymous,
    district_digits,
    full_name,
    key,
    name_like,
    org_head,
    role_head,
    takes_partitive,
    title_at,
    words,
)

# ``words`` and ``key`` are imported from here by the commitment modules too.


log = logging.getLogger(__name__)


def _object_after(text: str, ent: Entity, start: int, end: int) -> bool:
    """Whether a title or organisation entity opens the phrase ``start:end`` and the rest of the phrase is an
    object: the phrase ends at «را»."""
    return (
        ent.label in ("ROLE", "ORG")
        and ent.start == start
        and ent.end < end
        and re.match(r"\s+را(?![\w\u200c])", text[end:]) is not None
    )


def _without_honorifics(name: str) -> str:
    """«خانم فخاری» -> «فخاری»: the name a title of address stands before (the name itself if only that)."""
    tokens = name.split()
    k = 0
    while k < len(tokens) - 1 and tokens[k] in words()["honorifics"]:
        k += 1
    return " ".join(tokens[k:])


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


def _opens_clause(before: str) -> bool:
    """Whether a pronoun after ``before`` in its sentence still opens a speaker clause: nothing before it,
    «به گفته» («به گفته او ...»), or what was said, closed by a comma («این پل ... افتتاح می‌شود، او گفت»)."""
    if not before or before.endswith(("،", ",")):
        return True
    return re.fullmatch(ACCORDING_WORDS, before) is not None


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
    _said: list[tuple[int, int]] = field(default_factory=list)  # spans someone said, in order
    # full titles that spoke (with their holder, when named), in order: what a bare «شهردار» points at
    _spoken: list[tuple[list[str], Speaker]] = field(default_factory=list)

    def resolve(self, start: int, end: int, appositive: tuple[int, int] | None = None) -> Speaker:
        """The speaker for ``text[start:end]``; updates the current speaker unless it is a pronoun."""
        phrase = self.text[start:end].strip()
        if phrase in words()["pronouns"] or anaphor(phrase):
            # «وی» / «او» is a person: an organisation that spoke in between is not its antecedent, though
            # with no person before it the organisation is all «وی» can loosely mean
            # A sentence of narrative right before that opens with another official («مریم کاظمی ... بازدید
            # کرد. به گفته او ...») introduces whom «او» means, though someone else spoke before it
            fresh = self._subject_before(start, narrative=True) if self._individual else None
            ante = fresh or self._individual or self._subject_before(start) or self._host_before(start)
            ante = ante or self.current
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

    def resolve_joint(self, parts: list[tuple[int, int]]) -> Speaker:
        """Two or more speakers of one statement («شهردار کاشان و شهردار آران و بیدگل گفتند»): each part
        resolves and links its title on its own, so that a later «شهردار کاشان افزود» is Kashan's mayor
        alone; the statement is all of theirs, their names joined by «و»."""
        # «وی و رئیس شورای شهر ساری»: the pronoun is whom it points at, as when it speaks alone
        speakers = [
            self.resolve(s, e)
            if self.text[s:e] in words()["pronouns"]
            else self._classify(self.text[s:e], s, e)
            for s, e in parts
        ]
        text = self.text[parts[0][0] : parts[-1][1]]
        name = " و ".join(sp.display for sp in speakers)
        person = any(sp.kind == "person" for sp in speakers)
        joint = Speaker(
            text=text,
            kind="person" if person else "role",
            canonical_name=name if key(name) != key(text) else None,
        )
        self.current = self._individual = joint
        return joint

    def resolve_aside(self, start: int, end: int, appositive: tuple[int, int] | None = None) -> Speaker:
        """The speaker of an aside («شهردار سابق پیش‌تر گفته بود ...»): resolved, but «وی» after it still
        points at the speaker before."""
        current, individual = self.current, self._individual
        speaker = self.resolve(start, end, appositive)
        self.current, self._individual = current or speaker, individual or speaker
        return speaker

    def mark_said(self, start: int, end: int) -> None:
        """Record that ``text[start:end]`` is what someone said (not narrative a pronoun may point into)."""
        self._said.append((start, end))

    def _subject_before(self, start: int, narrative: bool = False) -> Speaker | None:
        """With no speaker yet, «او» / «وی» points at the title, organisation or person that opens the
        sentence before («شهردار سنندج امروز در جلسه شورا حضور یافت. او وعده داد ...»). With ``narrative``
        only when no one says that sentence (a quote may name other officials)."""
        end = max(self.text.rfind(ch, 0, start) for ch in ".!؟\n")
        if end <= 0 or not _opens_clause(self.text[end + 1 : start].strip()):
            return None  # the pronoun does not open its sentence
        # «... بازدید کرد.\nاو گفت»: the stop and the line break (or a blank line) close one sentence
        while end > 0 and self.text[end - 1] in ".!؟\n \t":
            end -= 1
        begin = max(self.text.rfind(ch, 0, end) for ch in ".!؟\n") + 1
        if narrative and any(s < end and begin < e for s, e in self._said):
            return None
        found = speaker_phrase(self.text, begin, end)
        if found is None:
            return None
        s, e, appositive = found
        head = self.text[s:e].split()[:1]
        ent = self._entity_at(s, e)
        if not head or head[0] in words()["pronouns"]:
            return None
        if and_another(self.text, max(e, appositive[1] if appositive else e), end):
            return None  # «X، ...، و Y، ...، بازدید کردند. این مقام گفت»: which of the two is not said
        # «وی»/«او» is a person, never the organisation opening the sentence; a name set beside a title
        # («معاون ...، مهندس سعید افشار، ...») is one even when the entity model missed it
        titled = appositive is not None and full_name(self.text[s:e])
        tagged = ent is not None and ent.label in ("PER", "ROLE")
        if not (head[0] in words()["role_heads"] or titled or tagged):
            return None
        self.current = self.resolve(s, e, appositive)
        return self._individual

    def _host_before(self, start: int) -> Speaker | None:
        """With no one before it, «وی» after an opening adverbial points at the official whose event it
        names («در نشست خبری سخنگوی شورای شهر مشهد، وی گفت»), not at one met («در دیدار با شهردار، وی»)."""
        begin = max(self.text.rfind(ch, 0, start) for ch in ".!؟\n") + 1
        lead = self.text[begin:start].rstrip()
        if not lead.startswith("در") or not lead.endswith(("،", ",")):
            return None
        for m in re.finditer(r"[^\s،,]+", lead):
            if m.group() == "با":
                return None
            if m.group() in words()["role_heads"]:
                found = speaker_phrase(self.text, begin + m.start(), begin + len(lead) - 1)
                if found is None:
                    return None
                self.current = self.resolve(*found)
                return self._individual
        return None

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
            if role_head(title.split()):
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
            return self._role(phrase, start)
        if org_head(tokens[0]) or (ent is not None and ent.label == "ORG"):
            return Speaker(text=phrase, kind="org")
        if anonymous(tokens):
            return Speaker(text=phrase, kind="role")  # no name to link, no registry holder
        if tokens[0] == "یک" and len(tokens) > 1 and role_head(tokens[1:]):
            return Speaker(text=phrase, kind="role")  # «یک مدیر شهرداری»: an unnamed official, not «یک»
        if takes_partitive(tokens[:2]) or tokens[0] in w["partitives"] or tokens[0] == "یک":
            # «یکی از اعضای شورای شهر», «یک کاسب بازار»: one unnamed person, not «یکی» or «یک»
            return self._person(phrase)
        cut = next((k for k in range(1, len(tokens)) if title_at(tokens, k)), None)
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
        rest = list(re.finditer(r"[^\s،,؛:()«»\"]+", self.text[ent.end : end]))
        for k, m in enumerate(rest):
            if self.text[name_end : ent.end + m.start()].strip() or not name_like(m.group()):
                break
            if title_at([t.group() for t in rest], k):
                break  # «محمد تقوی قائم مقام مدیرعامل ...»: a two-word title head written with a space
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
            # «رضایی» after «محمد رضایی»; «خانم فخاری» after «الهام فخاری» (the honorific is no part of it)
            bare = _without_honorifics(name)
            for known in reversed(self._people):
                if key(known.text).endswith(key(bare)) or key(bare).endswith(key(known.text)):
                    cid, cname = known.canonical_id, known.canonical_name or max(known.text, bare, key=len)
                    break
            else:
                cid, cname = self._named_before(bare, cname)
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

    def _role(self, role: str, start: int) -> Speaker:
        elsewhere = self._in_other_place(role, start)
        if elsewhere is not None:
            return elsewhere
        # The article's own «X، شهردار ...» wins over the registry: it names who held the title then.
        linked = self._linked(role) or self._pointed_back(role, start) or self._held_in_narrative(role, start)
        linked = linked or self._bare_title(role, start)
        if linked:
            return Speaker(
                text=role, kind="role", canonical_id=linked.canonical_id, canonical_name=linked.display
            )
        official = _resolve_official(role, self.published)
        if official:
            speaker = Speaker(text=role, kind="role", canonical_id=official[0], canonical_name=official[1])
        elif (full := self._said_in_full(role) or self._shortened_from_narrative(role, start)) is not None:
            speaker = Speaker(
                text=role, kind="role", canonical_id=full.canonical_id, canonical_name=full.display
            )
        else:
            speaker = Speaker(text=role, kind="role")
        self._titles.append(speaker)
        self._spoken.append((_title_words(role), speaker))
        return speaker

    def _in_other_place(self, role: str, start: int) -> Speaker | None:
        """«شهردار ساری گفت ...» then «در بابل، شهردار گفت»: a title with no place of its own, in a clause
        that opens with another place than the one of the title it would stand for, is that office of this
        place («شهردار بابل», «معاون عمرانی شهرداری مراغه» after «معاون عمرانی شهرداری تبریز»), not its
        holder named before; a bare office with nothing before it is the office of the place («فرماندار
        کازرون»)."""
        tokens = role.split()
        if place_span(tokens) is not None:
            return None  # «در بابل، شهردار ساری گفت»: the title says whose it is
        line = max(self.text.rfind(ch, 0, start) for ch in ".!؟\n") + 1
        known = {e.text for e in self.entities if e.label == "LOC"}
        place = clause_place(self.text[line:start], known)
        if place is None:
            return self._in_other_district(role, start, line)
        province = clause_province(self.text[line:start])
        full = self._full_title(role, start)
        if full is not None:
            moved = moved_title(full, place, province)
        else:
            moved = moved_office(tokens[0], place, province) or moved_office(role, place, province)
        return None if moved is None else self._moved_speaker(role, moved)

    def _in_other_district(self, role: str, start: int, line: int) -> Speaker | None:
        """«مدیر منطقه ۲ شهرداری اهواز گفت ...» then «در منطقه ۷ نیز مدیر منطقه گفت»: a district's title with
        no number of its own, in a clause about another district, is that district's office."""
        district = clause_district(self.text[line:start])
        if district is None or any(t.isdigit() for t in district_digits(role).split()):
            return None
        full = self._full_title(role, start)
        moved = moved_district(full, district) if full is not None else None
        return None if moved is None else self._moved_speaker(role, moved)

    def _moved_speaker(self, role: str, moved: str) -> Speaker:
        """``role`` as the office ``moved`` (another city's or district's), resolved by the registry and
        remembered as having spoken."""
        official = _resolve_official(moved, self.published)
        cid, cname = official if official else (None, moved)
        speaker = Speaker(text=role, kind="role", canonical_id=cid, canonical_name=cname)
        self._spoken.append((_title_words(moved), speaker))
        return speaker

    def _full_title(self, role: str, start: int) -> str | None:
        """The full title a bare or shortened ``role`` would stand for: the last one that spoke (or was set
        beside a speaker) with its head, else the last the narrative wrote; ``None`` when there is none."""
        tokens = role.split()
        bare = len(tokens) == 1 or (len(tokens) == 3 and tokens[1] in THIS_WORDS)  # «شهردار این شهر»
        heads = (tokens[0], tokens[0] + "ی")
        for title, _speaker in reversed(self._spoken):
            if any(f in title for f in FORMER) or len(title) < 2:
                continue
            if (bare and title[0] in heads) or shortens(role, title):
                return " ".join(title)
        named = [t for _at, t in _current_titles(self.text, tokens[0], start)]
        named = [t for t in named if bare or shortens(role, _title_words(t))]
        return named[-1] if named else None

    def _shortened_from_narrative(self, role: str, start: int) -> Speaker | None:
        """«شهردار منطقه ۵ شیراز از محله بازدید کرد. شهردار منطقه ۵ گفت»: a title that shortens the one full
        title of its head the narrative named before (with no name beside it)."""
        tokens = role.split()
        if len(tokens) < 2 or tokens[0] not in words()["role_heads"]:
            return None
        named = {
            key(t): (at, t)
            for at, t in _current_titles(self.text, tokens[0], start)
            if key(t) != key(role) and shortens(role, _title_words(t))
        }
        return self._narrative_holder(*next(iter(named.values()))) if len(named) == 1 else None

    def _narrative_holder(self, at: int, title: str) -> Speaker:
        """Who holds the title the narrative wrote at ``at``: the full name right before it («به گزارش
        ایمنا، رسول حسینی مدیر منطقه ۱۲ ...»), else the title itself (or the registry's holder)."""
        line = max(self.text.rfind(ch, 0, at) for ch in ".!؟\n") + 1
        # only a name that is the whole clause before the title («به گزارش ایمنا، رسول حسینی مدیر ...»):
        # in «در پی سفر شهردار تهران» the words before it are no name
        clause = re.split(r"[،,:؛«»\-–—]", self.text[line:at])[-1].strip()
        name = name_before(self.text[line:at])
        if name is not None and name == clause:
            return self._person(name)
        official = _resolve_official(title, self.published)
        if official:
            return Speaker(text=title, kind="role", canonical_id=official[0], canonical_name=official[1])
        return Speaker(text=title, kind="role")

    def _bare_title(self, role: str, start: int) -> Speaker | None:
        """«شهردار در ادامه افزود», «معاون گفت» after «شهردار ساری» or «علی نوری، معاون عمرانی شهرداری ساری»
        was named: a title head alone is the last who spoke under a full title with that head; else the
        one person the narrative gave such a title, else the one full title of that head it named."""
        tokens = role.split()
        if len(tokens) != 1 or tokens[0] not in words()["role_heads"]:
            return None
        # «سخنگو» alone is the head of «سخنگوی شورای شهر شیراز», written with its ezafe
        heads = (tokens[0], tokens[0] + "ی")
        for title, speaker in reversed(self._spoken):
            if title[0] in heads and len(title) > 1 and not any(f in title for f in FORMER):
                return speaker
        holders = {
            key(person.text): person
            for person, title in narrative_titles(self.text, self.entities, start)
            if title.split()[0] in heads and not any(f in title.split() for f in FORMER)
        }
        if holders:
            return next(iter(holders.values())) if len(holders) == 1 else None
        named = {key(t): (at, t) for at, t in _current_titles(self.text, tokens[0], start)}
        # «وزیر کشور ... بازدید کرد. وزیر گفته بود»: a title with no place word, as the entity model found it;
        # not past a new attribution («به گزارش روابط عمومی شهرداری سمنان، معاون گفت»: that office's deputy)
        if not named and not self._attributed_anew(start):
            named = {key(t): (at, t) for at, t in model_titles(self.text, self.entities, tokens[0], start)}
        return self._narrative_holder(*next(iter(named.values()))) if len(named) == 1 else None

    def _attributed_anew(self, start: int) -> bool:
        """Whether the sentence of the phrase at ``start`` opens with an attribution («به گزارش ...»)."""
        line = max(self.text.rfind(ch, 0, start) for ch in ".!؟\n") + 1
        lead = self.text[line:start].strip()
        return any(lead.startswith(a) for a in words()["attribution"])

    def _held_in_narrative(self, role: str, before: int) -> Speaker | None:
        """«شهردار منطقه ۳ کرج، مهدی صادقی، از پروژه بازدید کرد. شهردار منطقه گفت»: a title the narrative
        set beside a name before ``before`` names its holder, also when shortened later; only when one person
        holds it, and never a former holder («شهردار سابق کرمان، رضا نوروزی»)."""
        holders: list[Speaker] = []
        for person, title in narrative_titles(self.text, self.entities, before):
            full = district_digits(title).replace("\u200c", " ").split()
            same = key(title) == key(role) or shortens(role, full)
            if not same or any(f in full for f in FORMER):
                continue
            # one person however often named: «رضوانی» tagged alone is «حامد رضوانی»
            if not any(key(h.text).endswith(key(person.text)) for h in holders):
                holders = [h for h in holders if not key(person.text).endswith(key(h.text))] + [person]
        return holders[0] if len(holders) == 1 else None

    def _pointed_back(self, role: str, start: int) -> Speaker | None:
        """Who «مدیرعامل این سازمان» is: the last speaker (or linked title) with the same head word."""
        tokens = role.split()
        if not any(t in THIS_WORDS for t in tokens[1:]):
            return None
        # «مدیر عامل این سازمان»: a two-word head written apart is the head «مدیرعامل»
        apart = len(tokens) > 2 and any(key(h) == key(" ".join(tokens[:2])) for h in words()["role_heads"])
        head = tokens[0] + tokens[1] if apart else tokens[0]
        cur = self.current
        if cur is not None and cur.kind == "role" and _headed(cur.text.split(), head):
            return Speaker(text=cur.display, kind="role", canonical_id=cur.canonical_id)
        for full, person in reversed(list(self._roles.items())):
            if _headed(self._role_words.get(full, [""]), head):
                return person
        # «کامران فرجی مدیرعامل شرکت توسعه معابر ... حاضر شد. مدیرعامل این شرکت گفت»: the narrative's
        # holder of a title with the same head, when only one
        people = {
            key(p.text): p
            for p, title in narrative_titles(self.text, self.entities, start)
            if _headed(title.split(), head)
        }
        if len(people) == 1:
            return next(iter(people.values()))
        # «مدیر منطقه ۱ ... گفت», then another speaker, then «مدیر این منطقه افزود»: the last title that spoke
        # with this head and the noun «این» points at
        return next(
            (sp for title, sp in reversed(self._spoken) if _headed(title, head) and tokens[-1] in title[1:]),
            None,
        )

    def _linked(self, role: str) -> Speaker | None:
        """The person an earlier apposition gave this title, also when shortened later
        («مدیرعامل مترو» after «مدیرعامل شرکت بهره‌برداری متروی تهران»): same head, every other word
        the start of a word of the full title."""
        exact = self._roles.get(key(role))
        if exact or not self._roles:
            return exact
        for full, person in reversed(list(self._roles.items())):
            words_ = self._role_words.get(full, [])
            # «حمید صالحی، شهردار سابق منطقه ۹» does not hold «شهردار منطقه ۹» any more
            if shortens(role, words_) and not any(f in words_ for f in FORMER):
                return person
        return None

    def _said_in_full(self, role: str) -> Speaker | None:
        """A title that spoke before in full, with no name («مدیرعامل سازمان اتوبوسرانی شهرداری قزوین»), when
        ``role`` shortens it («مدیرعامل سازمان اتوبوسرانی»): the same speaker."""
        for earlier in reversed(self._titles):
            full = district_digits(earlier.text).replace("\u200c", " ").split()
            if key(earlier.text) != key(role) and shortens(role, full):
                return earlier
        return None

    def link_title(self, role: str, person: Speaker) -> None:
        """Record that ``person`` holds ``role`` in this article (a title «X: ...» in the headline said again
        by a name in the lead), unless the article gave the title to someone already or gave the person
        another one («حسن نیکو، رئیس شورای شهر رشت» says again what «شهردار رشت» said)."""
        other = any(key(p.text) == key(person.text) and k != key(role) for k, p in self._roles.items())
        if self._linked(role) is None and not other:
            self._link_role(role, person)

    def _link_role(self, role: str, person: Speaker) -> None:
        self._roles[key(role)] = person
        self._role_words[key(role)] = _title_words(role)
        self._spoken.append((_title_words(role), person))


def _headed(title: list[str], head: str) -> bool:
    """Whether the words of a title open with ``head``, also when its two-word head is written apart
    («مدیر عامل شرکت ...» for «مدیرعامل», «قائم مقام ...» for «قائم‌مقام»)."""
    if not title:
        return False
    return key(title[0]) == key(head) or (len(title) > 2 and key(" ".join(title[:2])) == key(head))


def _title_words(role: str) -> list[str]:
    return district_digits(role).replace("\u200c", " ").split()


def _current_titles(text: str, head: str, before: int) -> list[tuple[int, str]]:
    """The titles of ``head`` the narrative wrote before ``before``, but not a former holder's («شهردار اسبق
    تبریز»): a bare «شهردار» later is the one in office."""
    return [(at, t) for at, t in titles_before(text, head, before) if not any(f in t.split() for f in FORMER)]
