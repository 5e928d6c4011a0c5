"""The newsroom's weeks and the Hijri calendar, checked against hijridate."""

from datetime import date, timedelta

import pytest
from hijridate import Gregorian, Hijri

from planning import calendar


def test_the_week_starts_on_saturday_by_default():
    week = calendar.week_of(date(2026, 12, 2))  # a Wednesday
    assert week[0] == date(2026, 11, 28) and week[0].weekday() == calendar.SATURDAY
    assert week[-1] == date(2026, 12, 4)  # Friday
    assert calendar.weekday_names("ar")[0] == "السبت"
    assert calendar.weekday_names("en")[-1] == "Friday"


def test_the_week_start_is_the_newsrooms_setting(settings):
    settings.NEWSROOM_WEEK_START = 6  # Sunday
    assert calendar.week_of(date(2026, 12, 2))[0] == date(2026, 11, 29)
    settings.NEWSROOM_WEEK_START = 0  # Monday
    assert calendar.week_of(date(2026, 12, 2))[0] == date(2026, 11, 30)
    assert calendar.weekday_names("en")[0] == "Monday"


def test_a_bad_week_start_says_what_it_must_be(settings):
    settings.NEWSROOM_WEEK_START = 9
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6 \\(Sunday\\)"):
        calendar.week_of(date(2026, 12, 2))


def test_ramadan_1447_is_the_month_hijridate_gives():
    first, last = calendar.hijri_month(1447, 9)
    start = Hijri(1447, 9, 1).to_gregorian()
    assert first == date(start.year, start.month, start.day) == date(2026, 2, 18)
    assert (last - first).days + 1 == Hijri(1447, 9, 1).month_length()
    day = first
    while day <= last:
        expected = Gregorian(day.year, day.month, day.day).to_hijri()
        hijri = calendar.to_hijri(day)
        assert (hijri.year, hijri.month, hijri.day) == (expected.year, expected.month, expected.day)
        assert hijri.is_ramadan
        day += timedelta(days=1)
    assert not calendar.to_hijri(first - timedelta(days=1)).is_ramadan
    after = calendar.to_hijri(last + timedelta(days=1))
    assert (after.month, after.day) == (10, 1) and str(after.occasion) == "Eid al-Fitr"


def test_the_calendar_weeks_of_ramadan_cover_it_and_mark_only_its_days():
    first, last = calendar.hijri_month(1447, 9)
    weeks = calendar.calendar_days(first, last, today=date(2026, 3, 1))
    days = [cell for week in weeks for cell in week]
    assert all(len(week) == 7 and week[0].day.weekday() == calendar.SATURDAY for week in weeks)
    assert [cell.day for cell in days if cell.is_ramadan] == [
        first + timedelta(days=n) for n in range((last - first).days + 1)
    ]
    assert [cell.day for cell in days if cell.in_period] == [cell.day for cell in days if cell.is_ramadan]
    assert sum(cell.is_today for cell in days) == 1


def test_hijri_labels_use_arabic_names_and_digits():
    assert calendar.to_hijri(date(2026, 2, 18)).label("ar") == "١ رمضان ١٤٤٧"
    assert calendar.to_hijri(date(2026, 2, 18)).label("en") == "1 Ramadan 1447"


def test_eid_al_adha_and_arafah_are_known():
    arafah = Hijri(1447, 12, 9).to_gregorian()
    hijri = calendar.to_hijri(date(arafah.year, arafah.month, arafah.day))
    assert str(hijri.occasion) == "Day of Arafah"
    eid = calendar.to_hijri(date(arafah.year, arafah.month, arafah.day) + timedelta(days=1))
    assert str(eid.occasion) == "Eid al-Adha"


def test_outside_the_umm_al_qura_range_there_is_no_hijri_date():
    assert calendar.to_hijri(date(1900, 1, 1)) is None
    assert calendar.hijri_add_years(date(2076, 1, 1), 5) is None


def test_a_hijri_year_later_is_the_same_hijri_day():
    eid = calendar.hijri_add_years(date(2026, 3, 20), 1)  # 1 Shawwal 1447 -> 1 Shawwal 1448
    expected = Hijri(1448, 10, 1).to_gregorian()
    assert eid == date(expected.year, expected.month, expected.day)
