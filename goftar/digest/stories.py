"""A promise told in several articles as the digest shows it: once, as last told.

A story (``story_id``, ``nlp.tracking``) is loose: one speaker's actions with Jaccard ≥ 0.25, so «افتتاح خط
۷ مترو» and «افتتاح خط ۱۰ مترو» share one. Within a story only a *close restatement* is the same promise:
the same numbers (digits normalised, the deadline's own words left out) and an action similarity of at
least ``RESTATEMENT_SIMILARITY``. The deadline lists (due soon, overdue) therefore

- merge close restatements with the same due day into one row (the latest telling), and
- drop a telling only when a later close restatement gave a LATER deadline (the promise was postponed);
  a later telling with an earlier date, or of another promise of the story, hides nothing.

Everything is judged as the digest's day knew it: a telling counts once the store had it (``first_seen``)
before the end of that day, so a rebuilt past digest does not use what was crawled later.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from datetime import UTC, date, datetime
from itertools import islice
from typing import TYPE_CHECKING, Any

from nlp.normalize import to_ascii_digits
from nlp.tracking import similarity

if TYPE_CHECKING:
    from index.base import OverdueSplit, Store

Doc = dict[str, Any]

# Different promises of one story scored 0.43–0.67 in the review's examples; restatements of one promise
# differ by a word or two. With equal number sets also required, 0.8 keeps «خط ۷» and «خط ۱۰» apart.
RESTATEMENT_SIMILARITY = 0.8

_NUMBER = re.compile(r"[0-9]+(?:[.,٫٬][0-9]+)*")
_SEPARATORS = str.maketrans({",": "", "٬": "", "٫": "."})
_EARLIEST = datetime.min.replace(tzinfo=UTC)


def due_day_of(deadline: dict[str, Any] | None) -> date | None:
    """The due day of a stored deadline: its last day (``nlp.tracking.due_day`` on the stored form; a
    start-only deadline («از امروز») says when something begins, not by when it is owed)."""
    end = (deadline or {}).get("end")
    return date.fromisoformat(str(end)[:10]) if end else None


def event_time(doc: Doc) -> datetime | None:
    """When a commitment became news: its article's publication, else when it was first seen (UTC)."""
    return _moment((doc.get("article") or {}).get("published") or doc.get("first_seen"))


def known_by(doc: Doc, end: datetime) -> bool:
    """Whether the store had the commitment before ``end``: when it was first seen (crawled), not when
    it was published: an article published the day before but crawled days later was not known then.
    Documents without a first-seen time are taken as known."""
    moment = _moment(doc.get("first_seen"))
    return moment is None or moment < end


def close_restatement(a: Doc, b: Doc) -> bool:
    """Whether two tellings are the same promise: equal number sets and similar actions."""
    text_a, numbers_a = _promise(a)
    text_b, numbers_b = _promise(b)
    return numbers_a == numbers_b and similarity(text_a, text_b) >= RESTATEMENT_SIMILARITY


class StoryHistory:
    """Each story's tellings known before ``end``, oldest first; read from the store in one query per
    list (``Store.commitment_histories``), not one per story."""

    def __init__(self, store: Store, end: datetime) -> None:
        self._store = store
        self._end = end
        self._cache: dict[str, list[Doc]] = {}

    def load(self, docs: list[Doc]) -> None:
        """Read the histories of the stories of ``docs`` not read yet."""
        missing = sorted({str(d["story_id"]) for d in docs if d.get("story_id")} - self._cache.keys())
        if not missing:
            return
        found = self._store.commitment_histories(missing)
        for story in missing:
            self._cache[story] = [h for h in found.get(story, []) if known_by(h, self._end)]

    def tellings(self, doc: Doc) -> list[Doc]:
        story = doc.get("story_id")
        if not story:
            return []
        if str(story) not in self._cache:
            self.load([doc])
        return self._cache[str(story)]


def deadline_list(
    history: StoryHistory, docs: list[Doc], end: datetime, limit: int | None = None
) -> tuple[list[Doc], int]:
    """The store's due or overdue documents as the digest lists them, in their order: known by ``end``,
    close restatements with one due day merged, postponed tellings dropped. Returns the first ``limit``
    (all when ``None``) annotated with their story, and how many are listed in all."""
    kept = _kept(history, docs, end)
    shown = kept if limit is None else kept[:limit]
    return [with_story(doc, history.tellings(doc)) for doc in shown], len(kept)


def overdue_list(
    history: StoryHistory, split: OverdueSplit, end: datetime, limit: int
) -> tuple[list[Doc], int]:
    """``deadline_list`` of the store's overdue commitments, from ``Store.overdue_split``: those alone in
    their story stand as they are; only the others are judged against their stories. Same result, without
    reading every overdue commitment."""
    kept = _kept(history, split.shared, end)
    merged = list(islice(heapq.merge(split.alone, kept, key=_overdue_order), limit))
    return [with_story(doc, history.tellings(doc)) for doc in merged], split.alone_total + len(kept)


def _kept(history: StoryHistory, docs: list[Doc], end: datetime) -> list[Doc]:
    known = [doc for doc in docs if known_by(doc, end)]
    history.load(known)
    return [doc for doc in one_per_promise(known) if not postponed(doc, history.tellings(doc))]


def _overdue_order(doc: Doc) -> tuple[int, datetime, str]:
    # The store's overdue order: latest due day first, then by when the commitment became news, then id.
    due = due_day_of(doc.get("deadline"))
    return -(due.toordinal() if due else 0), event_time(doc) or _EARLIEST, str(doc.get("id"))


def restated_list(history: StoryHistory, docs: list[Doc]) -> list[Doc]:
    """Restated documents (the store's ``restated_in``, which counts ``restates`` and ``first_seen_story``)
    with where the story was first told and, when postponed, the deadline before."""
    history.load(docs)
    return [with_story(doc, history.tellings(doc)) for doc in docs]


def one_per_promise(docs: list[Doc]) -> list[Doc]:
    """``docs`` without tellings a later close restatement with the same due day stands for."""
    groups: dict[tuple[str, date | None], list[int]] = defaultdict(list)
    for i, doc in enumerate(docs):
        if doc.get("story_id"):
            groups[(str(doc["story_id"]), due_day_of(doc.get("deadline")))].append(i)
    dropped: set[int] = set()
    for members in groups.values():
        latest_first = sorted(members, key=lambda i: _order(docs[i], i), reverse=True)
        for at, i in enumerate(latest_first):
            if i in dropped:
                continue
            dropped.update(j for j in latest_first[at + 1 :] if close_restatement(docs[i], docs[j]))
    return [doc for i, doc in enumerate(docs) if i not in dropped]


def postponed(doc: Doc, tellings: list[Doc]) -> bool:
    """Whether a later close restatement gave a later deadline (which is then the one in force)."""
    own = due_day_of(doc.get("deadline"))
    if own is None:
        return False
    _, later = _around(doc, tellings)
    return any(
        (due := due_day_of(t.get("deadline"))) is not None and due > own and close_restatement(doc, t)
        for t in later
    )


def with_story(doc: Doc, tellings: list[Doc]) -> Doc:
    """``doc`` with ``first_article`` and, when a close restatement before it had an earlier deadline,
    ``previous_deadline`` (the promise moved). A restated document keeps the store's ``restates`` and
    ``first_seen_story`` (the story's); a deadline item gets them from its earlier close restatements."""
    earlier, _ = _around(doc, tellings)
    same = [t for t in earlier if close_restatement(doc, t)]
    out = dict(doc)
    if "restates" in doc:
        first = earlier[0] if earlier else None
    else:
        first = same[0] if same else None
        if first is not None:
            moment = event_time(first)
            out["restates"] = len(same)
            out["first_seen_story"] = moment.isoformat() if moment else None
    if first is not None:
        out["first_article"] = first.get("article")
    previous = _moved_from(doc, same)
    if previous is not None:
        out["previous_deadline"] = previous.get("deadline")
    return out


def _moved_from(doc: Doc, same: list[Doc]) -> Doc | None:
    """The last earlier telling of the promise with another deadline, when that deadline was earlier."""
    own = due_day_of(doc.get("deadline"))
    if own is None:
        return None
    for telling in reversed(same):
        due = due_day_of(telling.get("deadline"))
        if due is not None and due != own:
            return telling if due < own else None
    return None


def _around(doc: Doc, tellings: list[Doc]) -> tuple[list[Doc], list[Doc]]:
    """The tellings before and after ``doc`` (by the history's order; by time if it is not in it)."""
    ident = doc.get("id")
    for at, telling in enumerate(tellings):
        if telling.get("id") == ident:
            return tellings[:at], tellings[at + 1 :]
    moment = event_time(doc) or _EARLIEST
    before = [t for t in tellings if (event_time(t) or _EARLIEST) <= moment]
    before_ids = {t.get("id") for t in before}
    return before, [t for t in tellings if t.get("id") not in before_ids]


def _promise(doc: Doc) -> tuple[str, frozenset[str]]:
    # The deadline's words («تا ۷ آذر ۱۴۰۵») are often part of the action: left in, a postponed promise
    # would differ in its numbers and never be recognised as the same one.
    action = to_ascii_digits(str(doc.get("action") or doc.get("evidence") or ""))
    said_by = to_ascii_digits(str((doc.get("deadline") or {}).get("text") or ""))
    if said_by:
        action = action.replace(said_by, " ")
    numbers = frozenset(_number(n) for n in _NUMBER.findall(action))
    return action, numbers


def _number(text: str) -> str:
    plain = text.translate(_SEPARATORS)
    return plain if "." in plain else (plain.lstrip("0") or "0")


def _moment(raw: Any) -> datetime | None:
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(str(raw))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _order(doc: Doc, index: int) -> tuple[datetime, int]:
    return (event_time(doc) or _EARLIEST, index)
