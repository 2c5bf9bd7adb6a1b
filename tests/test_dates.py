from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from nlp.dates import deadlines_in, find_date_expressions, parse_jalali_or_gregorian, resolve_deadline

FRIDAY = date(2021, 9, 24)  # جمعه ۲ مهر ۱۴۰۰


@pytest.mark.parametrize(
    ("text", "dl_text", "kind", "start", "end"),
    [
        ("تا ۱۰ مهر ماه حتما واکسینه کنیم", "۱۰ مهر ماه", "by", FRIDAY, date(2021, 10, 2)),
        (
            "روز یکشنبه هفته آینده مذاکره خواهیم کرد",
            "یکشنبه هفته آینده",
            "on",
            date(2021, 9, 26),
            date(2021, 9, 26),
        ),
        ("خدمات سیار از امروز آغاز می‌شود", "از امروز", "from", FRIDAY, None),
        ("تا پایان سال", "پایان سال", "by", FRIDAY, date(2022, 3, 20)),
        ("تا پایان سال ۱۴۰۴", "پایان سال ۱۴۰۴", "by", FRIDAY, date(2026, 3, 20)),
        ("تا دو هفته دیگر", "دو هفته دیگر", "by", FRIDAY, date(2021, 10, 8)),
        ("ظرف یک ماه", "ظرف یک ماه", "within", FRIDAY, date(2021, 10, 24)),
        ("در تاریخ ۱۴۰۰/۰۷/۱۰", "۱۴۰۰/۰۷/۱۰", "on", date(2021, 10, 2), date(2021, 10, 2)),
        ("اواخر آبان ماه", "اواخر آبان ماه", "on", date(2021, 11, 12), date(2021, 11, 21)),
        ("تا پنجشنبه", "پنجشنبه", "by", FRIDAY, date(2021, 9, 30)),
        # A number after «نوروز» is a year only if it looks like one: here it counts buses.
        ("تا عید نوروز ۱۰۰۰ اتوبوس اضافه می‌شود", "عید نوروز", "by", FRIDAY, date(2022, 3, 21)),
        ("تا نوروز ۱۴۰۳ تکمیل می‌شود", "نوروز ۱۴۰۳", "by", FRIDAY, date(2024, 3, 20)),  # that year's
        ("تا ۱۵ مهرماه افتتاح می‌شود", "۱۵ مهرماه", "by", FRIDAY, date(2021, 10, 7)),  # «مهرماه» solid
    ],
)
def test_resolve_deadline(text: str, dl_text: str, kind: str, start: date, end: date | None) -> None:
    d = resolve_deadline(text, FRIDAY)
    assert d is not None
    assert (d.text, d.kind, d.start, d.end) == (dl_text, kind, start, end)


def test_day_month_is_the_next_one_on_or_after_publication() -> None:
    d = resolve_deadline("۱ مهر", FRIDAY)  # 1 Mehr 1400 is the day before publication
    assert d is not None and d.start_jalali == "1401/07/01"


def test_datetime_publication_is_read_in_tehran() -> None:
    late_thursday_utc = datetime(2021, 9, 23, 21, 0, tzinfo=UTC)  # already Friday in Tehran
    assert resolve_deadline("فردا", late_thursday_utc).start == date(2021, 9, 25)  # type: ignore[union-attr]


def test_relative_expression_without_publication_keeps_text_only() -> None:
    d = resolve_deadline("تا پایان سال", None)
    assert d is not None and d.text == "پایان سال" and d.end is None
    assert resolve_deadline("۱۴۰۰/۰۷/۱۰", None).end == date(2021, 10, 2)  # type: ignore[union-attr]


def test_no_deadline_in_past_or_plain_text() -> None:
    assert resolve_deadline("حدود دو روز قبل دستور داده شد", FRIDAY) is None
    assert resolve_deadline("افراد بالای ۱۸ سال", FRIDAY) is None


def test_find_date_expressions_spans() -> None:
    text = "روز یکشنبه هفته آینده و تا پایان سال"
    assert [text[s:e] for s, e in find_date_expressions(text)] == ["یکشنبه هفته آینده", "پایان سال"]


@pytest.mark.parametrize(
    "arg", ["۱۴۰۰/۰۷/۱۰", "1400-07-10", "2021-10-02", "۱۰ مهر ۱۴۰۰", "۱۰ مهرماه ۱۴۰۰", "\u200f۱۴۰۰ / ۰۷ / ۱۰"]
)
def test_parse_cli_dates(arg: str) -> None:
    assert parse_jalali_or_gregorian(arg) == date(2021, 10, 2)


@pytest.mark.parametrize("arg", ["۳۱ اسفند ۱۴۰۳", "1403/12/31", "1400/13/01", "فردا", ""])
def test_parse_cli_dates_rejects_non_dates(arg: str) -> None:
    with pytest.raises(ValueError, match="not a"):
        parse_jalali_or_gregorian(arg)


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("قبل از ۱۰ مهر ماه", date(2021, 10, 1)),  # «before the 10th» is done by the 9th
        ("پیش از ۱۰ مهر", date(2021, 10, 1)),
        ("تا ۱۰ مهر ماه", date(2021, 10, 2)),  # «تا» includes the day
        ("قبل از پایان سال", date(2022, 3, 20)),  # «before the end of the year» is the year's end
    ],
)
def test_before_a_day_ends_the_day_before(text: str, end: date) -> None:
    d = resolve_deadline(text, FRIDAY)
    assert d is not None and d.kind == "by" and d.end == end
    assert not d.text.startswith(("قبل", "پیش"))


@pytest.mark.parametrize(
    ("text", "dl_text", "kind", "start", "end"),
    [
        # hours: «ظرف ۷۲ ساعت» was no deadline at all
        ("ظرف ۷۲ ساعت جمع‌آوری می‌شود", "ظرف ۷۲ ساعت", "within", FRIDAY, date(2021, 9, 27)),
        ("تا ۴۸ ساعت آینده", "۴۸ ساعت آینده", "by", FRIDAY, date(2021, 9, 26)),
        # halves and quarters of the year or of a month («نیمه دوم خرداد» was read as «دوم خرداد»)
        ("در نیمه دوم سال افتتاح می‌شود", "نیمه دوم سال", "on", date(2021, 9, 23), date(2022, 3, 20)),
        ("از نیمه دوم خرداد ماه آغاز می‌شود", "از نیمه دوم خرداد ماه", "from", date(2022, 6, 6), None),
        ("در سه ماهه سوم سال", "سه ماهه سوم سال", "on", date(2021, 9, 23), date(2021, 12, 21)),
        # a bare year after «پایان», and «سال آینده» after a month
        ("تا پایان ۱۴۰۱ تکمیل می‌شود", "پایان ۱۴۰۱", "by", FRIDAY, date(2023, 3, 20)),
        ("تا پایان مهر سال آینده", "پایان مهر سال آینده", "by", FRIDAY, date(2022, 10, 22)),
        # one month for two days; a weekday after «از روز» stays with its date
        ("از ۱۰ تا ۲۰ آبان اجرا می‌شود", "از ۱۰ تا ۲۰ آبان", "from", date(2021, 11, 1), date(2021, 11, 11)),
        ("از روز شنبه ۱۰ مهر اجرا می‌شود", "از روز شنبه ۱۰ مهر", "from", date(2021, 10, 2), None),
        ("تا شب عید افتتاح می‌شود", "شب عید", "by", FRIDAY, date(2022, 3, 20)),
    ],
)
def test_resolve_common_news_deadlines(
    text: str, dl_text: str, kind: str, start: date, end: date | None
) -> None:
    d = resolve_deadline(text, FRIDAY)
    assert d is not None
    assert (d.text, d.kind, d.start, d.end) == (dl_text, kind, start, end)


def test_before_the_school_year_is_the_last_day_of_shahrivar() -> None:
    d = resolve_deadline("تا قبل از شروع سال تحصیلی تحویل می‌شود", date(2024, 5, 1))
    assert d is not None and d.kind == "by" and d.end_jalali == "1403/06/31"


def test_end_of_a_lunar_month_is_not_the_end_of_this_month() -> None:
    # «پایان ماه رمضان» was read as «پایان ماه»: the end of the current Jalali month.
    assert resolve_deadline("تا پایان ماه مبارک رمضان دایر است", FRIDAY) is None


@pytest.mark.parametrize(
    ("text", "dl_text", "kind"),
    [
        ("پل عابر میدان نماز هفته آینده نصب می‌شود", "هفته آینده", "on"),  # «نماز» ends in «از»
        ("جاده روستا ۱۵ مهر افتتاح می‌شود", "۱۵ مهر", "on"),  # «روستا» ends in «تا»
    ],
)
def test_by_and_from_are_whole_words(text: str, dl_text: str, kind: str) -> None:
    d = resolve_deadline(text, FRIDAY)
    assert d is not None and (d.text, d.kind) == (dl_text, kind)


@pytest.mark.parametrize(
    ("text", "dl_text", "start", "end"),
    [
        # «هفته دوم خرداد» was read as the day «دوم خرداد»
        ("از هفته دوم آبان اجرا می‌شود", "از هفته دوم آبان", date(2021, 10, 30), None),
        ("در دهه سوم مهر برگزار می‌شود", "دهه سوم مهر", date(2021, 10, 13), date(2021, 10, 22)),
        ("اواسط سال آینده", "اواسط سال آینده", date(2022, 6, 22), date(2022, 9, 22)),
        ("تا آبان ماه سال آینده", "آبان ماه سال آینده", FRIDAY, date(2022, 11, 21)),
        ("تا پایان فصل پاییز", "پایان فصل پاییز", FRIDAY, date(2021, 12, 21)),
        ("تا ۱۵/۸/۱۴۰۰", "۱۵/۸/۱۴۰۰", FRIDAY, date(2021, 11, 6)),  # day first
    ],
)
def test_parts_of_months_and_years(text: str, dl_text: str, start: date, end: date | None) -> None:
    d = resolve_deadline(text, FRIDAY)
    assert d is not None and (d.text, d.start, d.end) == (dl_text, start, end)


def test_a_range_of_an_official_notice() -> None:
    d = resolve_deadline("از ۲۰ آبان لغایت ۳۰ آذر اجرا می‌شود", FRIDAY)
    assert d is not None and d.text == "از ۲۰ آبان لغایت ۳۰ آذر"
    assert (d.start, d.end) == (date(2021, 11, 11), date(2021, 12, 21))


@pytest.mark.parametrize(
    ("text", "pub", "start", "end"),
    [
        # «مهر» and «دی» are words as well as months: in a range of months they are months
        ("آسفالت معابر از مهر تا آذر انجام می‌شود", date(2024, 5, 4), date(2024, 9, 22), date(2024, 12, 20)),
        ("طرح از آبان ماه تا دی ماه اجرا می‌شود", date(2024, 12, 15), date(2024, 10, 22), date(2025, 1, 19)),
        ("از بهمن تا اردیبهشت سال آینده", date(2024, 5, 4), date(2025, 1, 20), date(2025, 5, 21)),
        ("از مهر تا آذر اجرا می‌شود", date(2025, 1, 10), date(2025, 9, 23), date(2025, 12, 21)),  # past: next
    ],
)
def test_a_range_of_months(text: str, pub: date, start: date, end: date) -> None:
    d = resolve_deadline(text, pub)
    assert d is not None and (d.start, d.end, d.kind) == (start, end, "from")


def test_the_end_of_the_school_year_is_31_khordad() -> None:
    pub = date(2024, 12, 1)  # 11 Azar 1403: the school year that began in Mehr 1403 ends 31 Khordad 1404
    [(_s, _e, d)] = deadlines_in("تا پایان سال تحصیلی جاری ادامه دارد", pub)
    assert d.text == "پایان سال تحصیلی جاری" and d.end == date(2025, 6, 21)
    [(_s, _e, d)] = deadlines_in("تا پایان سال تحصیلی ۱۴۰۳-۱۴۰۴ اجرا می‌شود", pub)
    assert d.end == date(2025, 6, 21)


@pytest.mark.parametrize("text", ["تا پایان سال زراعی اجرا می‌شود", "تا پایان سال میلادی تمام می‌شود"])
def test_other_years_are_not_read_as_the_calendar_year(text: str) -> None:
    assert deadlines_in(text, date(2024, 12, 1)) == []


@pytest.mark.parametrize(
    ("latin", "persian"),
    [("ظرف 48 ساعت انجام می‌شود", "ظرف ۴۸ ساعت انجام می‌شود"), ("تا 15 دی تمام می‌شود", "تا ۱۵ دی تمام می‌شود")],
)
def test_latin_digits_read_as_persian_ones(latin: str, persian: str) -> None:
    pub = date(2024, 12, 1)
    [(_s, _e, a)], [(_s2, _e2, b)] = deadlines_in(latin, pub), deadlines_in(persian, pub)
    assert (a.kind, a.start, a.end) == (b.kind, b.start, b.end) and a.end is not None


PUB = date(2024, 10, 15)  # ۲۴ مهر ۱۴۰۳


@pytest.mark.parametrize(
    ("text", "dl_text", "kind", "end"),
    [
        # «و نیم» after the unit: eighteen months, not twelve
        ("ظرف یک سال و نیم آینده ساخته می‌شود", "ظرف یک سال و نیم آینده", "within", date(2026, 4, 13)),
        ("تا دو ماه و نیم دیگر بازگشایی می‌شود", "دو ماه و نیم دیگر", "by", date(2024, 12, 29)),
        # a count before an ordinal is a part of a year, not a duration from publication
        ("طی شش ماه نخست سال آینده به پایان می‌رسد", "شش ماه نخست سال آینده", "on", date(2025, 9, 22)),
        ("تا سه ماه اول سال آینده به میدان صنعت می‌رسد", "سه ماه اول سال آینده", "by", date(2025, 6, 21)),
        ("در شش ماهه دوم سال ۱۴۰۴ افتتاح می‌شود", "شش ماهه دوم سال ۱۴۰۴", "on", date(2026, 3, 20)),
        ("تا آخر همین هفته بسته می‌شود", "آخر همین هفته", "by", date(2024, 10, 18)),
    ],
)
def test_worded_periods(text: str, dl_text: str, kind: str, end: date) -> None:
    d = resolve_deadline(text, PUB)
    assert d is not None
    assert (d.text, d.kind, d.end) == (dl_text, kind, end)


@pytest.mark.parametrize(
    "text",
    [
        "ظرف چند ماه آینده بازسازی خواهد شد",  # several months: not «ماه آینده», next month
        "تا یک هفته بعد از عید فطر افتتاح می‌شود",  # a week after the feast, not after publication
        "تا هفته بعد از افتتاح تکمیل می‌شود",
    ],
)
def test_vague_or_event_relative_periods_are_no_deadline(text: str) -> None:
    assert resolve_deadline(text, PUB) is None


@pytest.mark.parametrize(
    ("text", "dl_text", "end"),
    [
        ("این پروژه اکنون تا خرداد آینده به پایان می‌رسد", "خرداد آینده", date(2025, 6, 21)),
        ("تا آبان سال آینده تکمیل می‌شود", "آبان سال آینده", date(2025, 11, 21)),  # not the whole year
        ("تا اسفند امسال تحویل می‌شود", "اسفند امسال", date(2025, 3, 20)),
        ("تا بهمن افتتاح می‌شود", "بهمن", date(2025, 2, 18)),
    ],
)
def test_a_month_with_its_year_word_or_after_by(text: str, dl_text: str, end: date) -> None:
    d = resolve_deadline(text, PUB)
    assert d is not None and (d.text, d.kind, d.end) == (dl_text, "by", end)


def test_a_bare_month_that_is_also_a_word_is_no_date() -> None:
    assert resolve_deadline("تا مهر و محبت شهروندان هست", PUB) is None


ABAN_30 = date(2024, 11, 20)  # ۳۰ آبان ۱۴۰۳


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("از ابتدای مهر تاکنون", date(2024, 9, 22)),  # the Mehr just gone, not next year's
        ("از ۱۵ آبان اجرا می‌شود", date(2024, 11, 5)),
        ("از ابتدای دی ماه", date(2024, 12, 21)),  # still ahead
        ("از ابتدای مهر ۱۴۰۴", date(2025, 9, 23)),  # a year named
        ("از اول فروردین", date(2025, 3, 21)),  # eight months back is too far: the coming one
    ],
)
def test_a_from_month_that_has_just_begun_is_this_years(text: str, start: date) -> None:
    (_s, _e, d), *_ = deadlines_in(text, ABAN_30)
    assert d.kind == "from" and d.start == start


@pytest.mark.parametrize(
    ("text", "pub", "end"),
    [
        ("تا عید برپا می‌شود", ABAN_30, date(2025, 3, 21)),
        ("قبل از عید تمام می‌شود", ABAN_30, date(2025, 3, 20)),
        ("تا عید امسال افتتاح می‌شود", ABAN_30, date(2025, 3, 21)),
        ("تا عید تمام می‌شود", date(2025, 3, 10), None),  # in Ramadan «عید» may be Eid al-Fitr
        ("تا عید تمام می‌شود", date(2024, 5, 20), None),  # four weeks before Eid al-Adha
    ],
)
def test_a_bare_eid_is_nowruz_when_no_lunar_feast_is_near(text: str, pub: date, end: date | None) -> None:
    (_s, _e, d), *_ = deadlines_in(text, pub)
    assert d.text.startswith("عید") and d.end == end


@pytest.mark.parametrize(
    "text",
    [
        "تا عید فطر تمام می‌شود",
        "تا عید سعید قربان",
        "در ماه رمضان تا عید تمام می‌شود",
        "عیدی کارکنان پرداخت شد",
    ],
)
def test_a_named_or_lunar_eid_is_not_nowruz(text: str) -> None:
    assert all(not d.text.startswith("عید") or d.end is None for _s, _e, d in deadlines_in(text, ABAN_30))


def test_a_range_of_years() -> None:
    (_s, _e, d), *_ = deadlines_in("۳ هزار واحد طی سال‌های ۱۴۰۴ تا ۱۴۰۶ ساخته می‌شود", ABAN_30)
    assert d.text == "طی سال‌های ۱۴۰۴ تا ۱۴۰۶" and (d.start, d.end) == (date(2025, 3, 21), date(2028, 3, 19))


def test_a_period_of_grace_runs_from_publication() -> None:
    (_s, _e, d), *_ = deadlines_in("شهرداری ۱۰ روز مهلت دارد تا رسیدگی کند", ABAN_30)
    assert (d.text, d.kind, d.end) == ("۱۰ روز", "within", date(2024, 11, 30))


def test_yalda() -> None:
    (_s, _e, d), *_ = deadlines_in("در شب یلدا تمدید می‌شود", ABAN_30)
    assert d.start == date(2024, 12, 20)


@pytest.mark.parametrize(
    ("text", "pub", "end"),
    [
        ("تا پایان مهر، تحقق بودجه ۴۰ درصد است", ABAN_30, date(2024, 10, 21)),  # the Mehr just gone
        ("تا پایان دی تمام می‌شود", ABAN_30, date(2025, 1, 19)),  # still ahead
        ("تا پایان سال تمام می‌شود", date(2024, 3, 30), date(2025, 3, 20)),  # Farvardin: this year's end
        ("از ۲۵ اسفند تا ۱۳ فروردین برگزار می‌شود", date(2024, 3, 16), date(2024, 4, 1)),  # both ends move
    ],
)
def test_a_bound_with_no_year_that_just_passed_is_this_years(text: str, pub: date, end: date) -> None:
    (_s, _e, d), *_ = deadlines_in(text, pub)
    assert d.end == end


@pytest.mark.parametrize(
    ("text", "dl_text", "start"),
    [
        # «پس از» / «بعد از» a day or month is a start bound, kept whole: from the day after it ends
        ("خطوط جدید پس از نوروز راه‌اندازی می‌شود", "پس از نوروز", date(2025, 3, 22)),
        ("عملیات اجرایی بعد از عید آغاز می‌شود", "بعد از عید", date(2025, 3, 22)),
        ("طرح بعد از آذر اجرا می‌شود", "بعد از آذر", date(2024, 12, 21)),
    ],
)
def test_after_a_day_or_month_is_a_start_bound(text: str, dl_text: str, start: date) -> None:
    [(_s, _e, d)] = deadlines_in(text, ABAN_30)
    assert (d.text, d.kind, d.start, d.end) == (dl_text, "from", start, None)


@pytest.mark.parametrize(
    ("text", "dl_text", "day"),
    [
        # a period before «پس از / بعد از» counts from what is named: one day, not a start bound
        ("ایستگاه دو هفته پس از نوروز افتتاح می‌شود", "دو هفته پس از نوروز", date(2025, 4, 4)),
        ("طرح ده روز بعد از ۱۵ آذر اجرا می‌شود", "ده روز بعد از ۱۵ آذر", date(2024, 12, 15)),
        ("پل سه روز پس از پایان سال باز می‌شود", "سه روز پس از پایان سال", date(2025, 3, 23)),
    ],
)
def test_a_period_after_a_day_is_that_day(text: str, dl_text: str, day: date) -> None:
    [(_s, _e, d)] = deadlines_in(text, ABAN_30)
    assert (d.text, d.kind, d.start, d.end) == (dl_text, "on", day, day)


def test_a_month_after_from_is_a_month() -> None:
    [(_s, _e, d)] = deadlines_in("نرخ جدید کرایه تاکسی از بهمن اجرا می‌شود", ABAN_30)
    assert (d.text, d.kind, d.start) == ("از بهمن", "from", date(2025, 1, 20))


@pytest.mark.parametrize(
    "text",
    [
        "از بهمن رضایی، مدیر منطقه، به خاطر پیگیری‌هایش تشکر می‌کنم",  # a name, its surname, a title
        "از بهمن رضایی تشکر کرد",
        "از بهمن خواستیم گزارش را بفرستد",
        "در ایام عید مسافران زیادی سفر می‌کنند",  # no bound: the holiday season
    ],
)
def test_a_given_name_or_an_unbounded_eid_is_no_date(text: str) -> None:
    assert deadlines_in(text, ABAN_30) == []


def test_a_range_of_weekdays_runs_into_next_week_not_next_year() -> None:
    [(_s, _e, d)] = deadlines_in("بازار از شنبه تا چهارشنبه برپا می‌شود", date(2026, 11, 10))  # a Tuesday
    assert (d.start, d.end) == (date(2026, 11, 14), date(2026, 11, 18))


@pytest.mark.parametrize(
    "text",
    [
        "از بهمن کریمی و همکارانش در منطقه ۳ تشکر می‌کنم",  # the thanks further on in the clause
        "از بهمن نوری که مسئول پروژه است می‌خواهیم گزارش کاملی ارائه کند",
        "از بهمن رحیمی انتظار داریم پروژه را به موقع تحویل دهد",
        "پس از بهمن رضایی، علی کریمی مسئولیت این پروژه را بر عهده می‌گیرد",  # a comma, then another name
    ],
)
def test_more_shapes_of_a_given_name_after_from(text: str) -> None:
    assert deadlines_in(text, ABAN_30) == []


@pytest.mark.parametrize(
    "text",
    [
        "از بهمن درخواست‌های مجوز ساخت فقط به صورت الکترونیکی پذیرفته می‌شود",  # a noun of asking, no verb
        "از بهمن ثبت درخواست تسهیلات ودیعه مسکن آغاز می‌شود",
        "از بهمن دعوت‌نامه‌های انتخابات شورایاری‌ها ارسال می‌شود",
        "از بهمن مترو، اتوبوس و تاکسی با کارت بانکی قابل پرداخت می‌شود",  # a list, not an appositive
        "از بهمن از شهروندان درخواست می‌شود در مصرف آب صرفه‌جویی کنند",  # the one asked is the next «از»
    ],
)
def test_from_bahman_before_a_noun_of_asking_or_a_list_is_the_month(text: str) -> None:
    (_s, _e, d), *_ = deadlines_in(text, ABAN_30)
    assert (d.text, d.kind, d.start) == ("از بهمن", "from", date(2025, 1, 20))


def test_from_a_weekday_to_the_end_of_the_week_is_that_week() -> None:
    [(_s, _e, d)] = deadlines_in("طرح از شنبه تا پایان هفته اجرا می‌شود", date(2026, 11, 10))  # a Tuesday
    assert (d.start, d.end) == (date(2026, 11, 14), date(2026, 11, 20))


def _jalali(y: int, m: int, d: int) -> date:
    import jdatetime

    return jdatetime.date(y, m, d).togregorian()


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # a future verb, or a present that starts something, names the coming month, not the one just gone
        ("اجرای طرح از شهریور آغاز می‌شود", _jalali(1404, 6, 1)),
        ("عملیات ساخت پل از شهریور آغاز خواهد شد", _jalali(1404, 6, 1)),
        ("قرار است کار از شهریور ماه شروع شود", _jalali(1404, 6, 1)),
        ("کاشت نهال از مهر ماه آغاز می‌شود", _jalali(1404, 7, 1)),
        # a past verb names the one gone, also when the month is still ahead this year
        ("اجرای طرح از شهریور آغاز شد", _jalali(1403, 6, 1)),
        ("طرح از اسفند آغاز شد و تا پایان سال ادامه خواهد داشت", _jalali(1402, 12, 1)),
        ("تعمیر پل که از مهر ماه شروع شده بود به زودی تمام می‌شود", _jalali(1403, 7, 1)),
        # a present that starts nothing may count since then: the recency rule still holds
        ("از ابتدای مهر روزانه ۱۲۰۰ تن پسماند جمع‌آوری می‌شود", _jalali(1403, 7, 1)),
        ("از ابتدای مهر ماه سدها پایش می‌شود و از هفته آینده گزارش منتشر خواهد شد", _jalali(1403, 7, 1)),
    ],
)
def test_a_bare_month_follows_the_tense_of_its_verb(text: str, start: date) -> None:
    (_s, _e, d), *_ = deadlines_in(text, ABAN_30)
    assert d.kind == "from" and d.start == start


def test_a_past_verb_moves_back_no_weekday() -> None:
    [(_s, _e, d)] = deadlines_in("کار از شنبه آغاز شد", ABAN_30)
    assert d.start is not None and d.start > ABAN_30  # a weekday is not moved a year back


@pytest.mark.parametrize(
    ("text", "dl_text", "kind", "start", "end"),
    [
        # the Nowruz holidays are 1 to 4 Farvardin: after them is from 5 Farvardin («پس از نوروز»: from 2)
        (
            "بازسازی پل بعد از تعطیلات نوروز آغاز می‌شود",
            "بعد از تعطیلات نوروز",
            "from",
            _jalali(1404, 1, 5),
            None,
        ),
        ("ایستگاه پس از تعطیلات عید افتتاح می‌شود", "پس از تعطیلات عید", "from", _jalali(1404, 1, 5), None),
        (
            "آسفالت پس از تعطیلات نوروزی ادامه می‌یابد",
            "پس از تعطیلات نوروزی",
            "from",
            _jalali(1404, 1, 5),
            None,
        ),
        (
            "کار پس از تعطیلات عید نوروز آغاز خواهد شد",
            "پس از تعطیلات عید نوروز",
            "from",
            _jalali(1404, 1, 5),
            None,
        ),
        (
            "بوستان تا پایان تعطیلات نوروز افتتاح می‌شود",
            "پایان تعطیلات نوروز",
            "by",
            ABAN_30,
            _jalali(1404, 1, 4),
        ),
        ("مترو در تعطیلات نوروز رایگان است", "تعطیلات نوروز", "on", _jalali(1404, 1, 1), _jalali(1404, 1, 4)),
    ],
)
def test_the_nowruz_holidays(text: str, dl_text: str, kind: str, start: date, end: date | None) -> None:
    [(_s, _e, d)] = deadlines_in(text, ABAN_30)
    assert (d.text, d.kind, d.start, d.end) == (dl_text, kind, start, end)


def test_the_nowruz_holidays_under_way_are_this_years() -> None:
    [(_s, _e, d)] = deadlines_in("کار پس از تعطیلات نوروز از سر گرفته می‌شود", _jalali(1404, 1, 3))
    assert d.start == _jalali(1404, 1, 5)


@pytest.mark.parametrize(
    "text",
    [
        "کار پس از تعطیلات عید فطر آغاز می‌شود",  # a lunar feast: not Nowruz
        "در ایام عید مسافران به شمال سفر می‌کنند",  # a bare «عید» with no bound is the season
    ],
)
def test_holidays_of_a_lunar_feast_or_with_no_bound_are_not_nowruz(text: str) -> None:
    assert deadlines_in(text, ABAN_30) == []


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # an adjective participle, a passive and a subordinate clause's past are not the bound's verb
        ("از بهمن، عوارض تعیین شده در مصوبه شورا دریافت می‌شود", _jalali(1403, 11, 1)),
        ("از اسفند طرح‌های تصویب شده شورا اجرا خواهد شد", _jalali(1403, 12, 1)),
        ("از دی ماه پسماند تفکیک نشده تحویل گرفته نمی‌شود", _jalali(1403, 10, 1)),
        ("ساخت پل از بهمن و پس از آنکه مجوزها صادر شد آغاز می‌شود", _jalali(1403, 11, 1)),
        ("از بهمن که فصل بارندگی تمام شد، روکش آسفالت آغاز می‌شود", _jalali(1403, 11, 1)),
        # a participle that ends its clause is a past («است» left out)
        ("بهسازی معابر از اسفند آغاز شده و ۴۰ درصد پیشرفت داشته است", _jalali(1402, 12, 1)),
    ],
)
def test_the_verb_of_a_bound_is_its_own_clauses(text: str, start: date) -> None:
    (_s, _e, d), *_ = deadlines_in(text, ABAN_30)
    assert d.kind == "from" and d.start == start


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("جداول پیش از تعطیلات نوروز رنگ‌آمیزی می‌شود", _jalali(1403, 12, 30)),  # 1403 is a leap year
        ("پل قبل از ۱۵ آذر نصب می‌شود", _jalali(1403, 9, 14)),
    ],
)
def test_before_a_span_is_by_the_day_before_it_opens(text: str, end: date) -> None:
    [(_s, _e, d)] = deadlines_in(text, ABAN_30)
    assert d.kind == "by" and d.end == end


# ---------------------------------------------------------------- leftovers: word months, hours, a start just gone
@pytest.mark.parametrize(
    ("text", "dl_text", "end"),
    [
        ("پل تا دی تمام می‌شود", "دی", _jalali(1403, 10, 30)),
        ("پروژه تا دی به بهره‌برداری خواهد رسید", "دی", _jalali(1403, 10, 30)),
        ("بازسازی مدارس قبل از مهر به پایان می‌رسد", "مهر", _jalali(1404, 6, 31)),
    ],
)
def test_a_word_month_after_a_bound_with_a_present_or_future_verb_is_the_month(
    text: str, dl_text: str, end: date
) -> None:
    [(_s, _e, d)] = deadlines_in(text, ABAN_30)
    assert d.text == dl_text and d.kind == "by" and d.end == end


@pytest.mark.parametrize(
    "text",
    [
        "از مهر شما سپاسگزارم",
        "تا مهر شورا پای طرح نخورد، کاری انجام نمی‌شود",
        "پیمانکار تا تیر چراغ برق خیابان را حفاری می‌کند",
        "طرح کاشت درخت تا دی در همه مناطق اجرا شد",
    ],
)
def test_a_word_month_in_a_past_or_as_a_noun_is_no_date(text: str) -> None:
    assert deadlines_in(text, ABAN_30) == []


@pytest.mark.parametrize(
    ("text", "dl_text"),
    [
        ("جلسه فردا ساعت ۱۰ برگزار خواهد شد", "فردا ساعت ۱۰"),
        ("ثبت‌نام از شنبه ساعت ۸ صبح آغاز می‌شود", "از شنبه ساعت ۸ صبح"),
    ],
)
def test_the_hour_stays_with_its_day(text: str, dl_text: str) -> None:
    [(_s, _e, d)] = deadlines_in(text, ABAN_30)
    assert d.text == dl_text


@pytest.mark.parametrize(
    ("published", "start"),
    [
        (_jalali(1405, 10, 5), _jalali(1405, 10, 1)),  # begun four days ago: this Dey
        (_jalali(1405, 9, 1), _jalali(1405, 10, 1)),  # still ahead
        (_jalali(1405, 11, 20), _jalali(1406, 10, 1)),  # long gone: the next one
    ],
)
def test_a_future_start_just_gone_is_this_one(published: date, start: date) -> None:
    [(_s, _e, d)] = deadlines_in("از ابتدای دی ماه طرح اجرا خواهد شد", published)
    assert d.kind == "from" and d.start == start


WED = date(2026, 11, 18)  # Wednesday 27 Aban 1405


@pytest.mark.parametrize(
    ("text", "dl_text", "kind", "end"),
    [
        ("تا پایان روز جمعه", "پایان روز جمعه", "by", date(2026, 11, 20)),
        ("تا ظهر پنجشنبه", "ظهر پنجشنبه", "by", date(2026, 11, 19)),
        ("تا جمعه‌ی آینده", "جمعه‌ی آینده", "by", date(2026, 11, 20)),
        ("تا جمعه همین هفته", "جمعه همین هفته", "by", date(2026, 11, 20)),
        ("عصر پنجشنبه جلسه برگزار می‌شود", "عصر پنجشنبه", "on", date(2026, 11, 19)),
        ("تا پایان روز فردا", "پایان روز فردا", "by", date(2026, 11, 19)),
    ],
)
def test_a_part_of_the_day_and_an_ezafe_stay_with_the_weekday(
    text: str, dl_text: str, kind: str, end: date
) -> None:
    [(_s, _e, d)] = deadlines_in(text, WED)
    assert (d.text, d.kind, d.end) == (dl_text, kind, end)


@pytest.mark.parametrize(
    "text", ["امام جمعه شهر گفت", "جمعه بازار محله", "بازار جمعه", "جمعه‌ها شلوغ است", "پنجشنبه‌های شلوغ بازار"]
)
def test_a_weekday_in_a_name_or_a_plural_is_no_date(text: str) -> None:
    assert deadlines_in(text, WED) == []


def test_a_market_after_next_saturday_leaves_the_saturday_whole() -> None:
    [(_s, _e, d)] = deadlines_in("از شنبه آینده بازار روز جدید محله افتتاح می‌شود", WED)
    assert d.text == "از شنبه آینده"


@pytest.mark.parametrize(
    ("text", "dl_text", "kind", "end"),
    [
        ("از شنبه بازار ماهی‌فروشان به محل جدید منتقل می‌شود", "از شنبه", "from", None),
        ("تا جمعه بازار روز محله در پیاده‌راه مستقر می‌شود", "جمعه", "by", date(2026, 11, 20)),
    ],
)
def test_a_market_after_a_bound_is_the_day_it_moves(
    text: str, dl_text: str, kind: str, end: date | None
) -> None:
    [(_s, _e, d)] = deadlines_in(text, WED)
    assert (d.text, d.kind, d.end) == (dl_text, kind, end)


def test_a_part_of_the_day_stays_with_a_weekday_and_its_date() -> None:
    [(_s, _e, d)] = deadlines_in("تا پایان روز یکشنبه ۸ آذر", WED)
    assert (d.text, d.kind, d.end) == ("پایان روز یکشنبه ۸ آذر", "by", date(2026, 11, 29))


@pytest.mark.parametrize(
    ("text", "dl_text", "kind", "end"),
    [
        ("تا قبل از ظهر پنجشنبه", "قبل از ظهر پنجشنبه", "by", date(2026, 11, 19)),
        ("مسیر پیش از ظهر فردا بازگشایی می‌شود", "پیش از ظهر فردا", "on", date(2026, 11, 19)),
    ],
)
def test_the_forenoon_of_a_day_is_that_day(text: str, dl_text: str, kind: str, end: date) -> None:
    [(_s, _e, d)] = deadlines_in(text, WED)
    assert (d.text, d.kind, d.end) == (dl_text, kind, end)


@pytest.mark.parametrize(
    ("text", "dl_text"),
    [
        ("تقاطع غیرهمسطح بلوار ۲۹ بهمن سه‌شنبه هفته آینده افتتاح می‌شود", "سه‌شنبه هفته آینده"),
        ("رئیس پلیس راهور گفت بزرگراه ۲۲ بهمن شنبه آینده سه ساعت بسته می‌شود", "شنبه آینده"),
        ("ایستگاه مترو میدان ۱۵ خرداد از ۱۰ دی به بهره‌برداری می‌رسد", "از ۱۰ دی"),
        ("این پل ۲۲ بهمن افتتاح می‌شود", "۲۲ بهمن"),
    ],
)
def test_a_date_right_after_a_street_or_square_names_the_place(text: str, dl_text: str) -> None:
    assert [d.text for _s, _e, d in deadlines_in(text, WED)] == [dl_text]


def test_less_than_a_period_is_within_it_and_more_than_is_no_date() -> None:
    [(_s, _e, d)] = deadlines_in("بوستان بانوان کمتر از دو ماه دیگر افتتاح می‌شود", WED)
    assert (d.text, d.kind, d.end) == ("کمتر از دو ماه دیگر", "within", date(2027, 1, 17))
    assert deadlines_in("تکمیل این پروژه بیش از دو سال دیگر طول می‌کشد", WED) == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "خیابان جمهوری از ساعت ۲۲ یکشنبه تا ۶ صبح دوشنبه بسته می‌شود",
            date(2026, 11, 22),
            date(2026, 11, 23),
        ),
        ("خط یک مترو از ساعت ۲۲ تا ۵ صبح فردا تعطیل می‌شود", date(2026, 11, 18), date(2026, 11, 19)),
    ],
)
def test_an_overnight_closure_is_one_range(text: str, start: date, end: date) -> None:
    [(s, e, d)] = deadlines_in(text, WED)
    assert (d.kind, d.start, d.end) == ("from", start, end) and text[s:e].startswith("از ساعت ۲۲")


def test_a_friday_gone_is_no_date_and_friday_night_is_thursday() -> None:
    assert deadlines_in("امام جمعه هفته گذشته از شهرداری خواست", WED) == []
    assert deadlines_in("نماز جمعه هفته گذشته با حضور شهردار برگزار شد", WED) == []
    [(_s, _e, d)] = deadlines_in("بازارچه خیریه بوستان ملت شب جمعه افتتاح می‌شود", WED)
    assert (d.text, d.end) == ("شب جمعه", date(2026, 11, 19))


@pytest.mark.parametrize(
    ("text", "dl_text", "kind", "day"),
    [
        # the market opens on the Saturday before Nowruz (1 Farvardin 1406 is a Sunday), not on Nowruz
        ("بازارچه نوروزی شنبه پیش از عید افتتاح می‌شود", "شنبه پیش از عید", "on", date(2027, 3, 20)),
        # «شب یلدا» is Monday 30 Azar: the Thursday before it is 26 Azar
        (
            "بازارچه محلی پنجشنبه قبل از شب یلدا برپا می‌شود",
            "پنجشنبه قبل از شب یلدا",
            "on",
            date(2026, 12, 17),
        ),
        # the holidays end on Wednesday 4 Farvardin: the first Saturday after them is 7 Farvardin
        (
            "کلاس‌ها از شنبه بعد از تعطیلات نوروز از سر گرفته می‌شود",
            "از شنبه بعد از تعطیلات نوروز",
            "from",
            date(2027, 3, 27),
        ),
        ("تا یکشنبه پس از ۱۵ دی تمام می‌شود", "یکشنبه پس از ۱۵ دی", "by", date(2027, 1, 10)),
    ],
)
def test_a_weekday_before_or_after_a_date_is_that_weekday(
    text: str, dl_text: str, kind: str, day: date
) -> None:
    [(_s, _e, d)] = deadlines_in(text, WED)
    assert (d.text, d.kind) == (dl_text, kind)
    assert (d.start if kind == "from" else d.end) == day


@pytest.mark.parametrize(
    ("text", "dl_text", "start", "end"),
    [
        # «۸ شب» is 20:00 of the same day, after «۸ صبح»: not overnight, and «شب فردا» is no eve
        (
            "خیابان ولیعصر از ساعت ۸ صبح تا ۸ شب فردا مسدود خواهد بود",
            "از ساعت ۸ صبح تا ۸ شب فردا",
            date(2026, 11, 19),
            date(2026, 11, 19),
        ),
        ("از ساعت ۸ شب تا ۶ صبح فردا بسته است", "از ساعت ۸ شب تا ۶ صبح فردا", WED, date(2026, 11, 19)),
        (
            "خط ۱ مترو از ساعت ۲۳ امشب تا ۵ بامداد فردا تعطیل خواهد بود",
            "از ساعت ۲۳ امشب تا ۵ بامداد فردا",
            WED,
            date(2026, 11, 19),
        ),
    ],
)
def test_an_hour_range_with_its_part_of_the_day_is_one_range(
    text: str, dl_text: str, start: date, end: date
) -> None:
    [(_s, _e, d)] = deadlines_in(text, WED)
    assert (d.text, d.kind, d.start, d.end) == (dl_text, "from", start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # an evening range before «شب جمعه» is Thursday night, as «ساعت ۲۰ شب جمعه» is
        ("خیابان از ساعت ۲۱ تا ۲۳ شب جمعه مسدود است", date(2026, 11, 19), date(2026, 11, 19)),
        # from the morning it is Friday's day
        ("خیابان از ساعت ۸ صبح تا ۸ شب جمعه مسدود است", date(2026, 11, 20), date(2026, 11, 20)),
        # overnight into Friday morning: Thursday's night
        ("آسفالت از ساعت ۲۳ شب پنجشنبه تا ۵ صبح جمعه انجام می‌شود", date(2026, 11, 19), date(2026, 11, 20)),
    ],
)
def test_an_evening_hour_range_before_a_weekday_night(text: str, start: date, end: date) -> None:
    [(_s, _e, d)] = deadlines_in(text, WED)
    assert (d.start, d.end) == (start, end)


def test_saturday_next_is_the_coming_saturday_and_its_afternoon_is_saturday() -> None:
    [(_s, _e, d)] = deadlines_in("تعمیرات پل شنبه بعد تمام می‌شود", WED)
    assert (d.text, d.end) == ("شنبه بعد", date(2026, 11, 21))
    [(_s, _e, d)] = deadlines_in("لکه‌گیری شنبه بعد از ظهر آغاز می‌شود", WED)
    assert (d.text, d.end) == ("شنبه", date(2026, 11, 21))


@pytest.mark.parametrize(
    "text",
    [
        "لکه‌گیری معابر شنبه بعد از عید فطر آغاز می‌شود",
        "ایستگاه‌های صلواتی پنجشنبه پیش از اربعین برپا می‌شود",
        "پیاده‌راه دوشنبه پس از عید قربان افتتاح می‌شود",
    ],
)
def test_a_weekday_placed_by_a_lunar_occasion_is_not_resolved(text: str) -> None:
    assert deadlines_in(text, WED) == []


def test_a_neighbourhood_named_by_a_date_is_no_date() -> None:
    [(_s, _e, d)] = deadlines_in("بازار روز محله ۱۷ شهریور جمعه افتتاح می‌شود", WED)
    assert d.text == "جمعه"
