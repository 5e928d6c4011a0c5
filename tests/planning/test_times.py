"""Times stored in UTC, shown in the newsroom's zone and the viewer's, across daylight-saving changes.

The offsets asserted come from the system's zoneinfo data: Riyadh keeps
UTC+3 all year; Cairo (since 2023) and Beirut move their clocks in spring
and autumn; Casablanca is UTC+1 except during Ramadan, when it goes back
to UTC+0.
"""

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest

from planning.events import occurrences
from planning.models import Event
from planning.times import day_bounds, local_day, shown

Z = zoneinfo.ZoneInfo


@pytest.mark.parametrize(
    ("zone", "winter", "summer"),
    [
        ("Asia/Riyadh", 3, 3),
        ("Africa/Cairo", 2, 3),
        ("Asia/Beirut", 2, 3),
        ("Africa/Casablanca", 1, 1),
    ],
)
def test_zone_offsets_are_zoneinfos(settings, zone, winter, summer):
    settings.TIME_ZONE = zone
    january = shown(datetime(2026, 1, 15, 9, 0, tzinfo=UTC), language="en", viewer_zone=None)
    july = shown(datetime(2026, 7, 15, 9, 0, tzinfo=UTC), language="en", viewer_zone=None)
    assert january.newsroom == f"{9 + winter:02d}:00"
    assert july.newsroom == f"{9 + summer:02d}:00"


def test_casablanca_goes_back_an_hour_for_ramadan(settings):
    settings.TIME_ZONE = "Africa/Casablanca"
    during = shown(datetime(2026, 3, 1, 12, 0, tzinfo=UTC), language="en", viewer_zone=None)
    assert during.newsroom == "12:00"  # UTC+0 in Ramadan 1447


def test_the_viewer_time_is_shown_beside_only_when_it_differs(settings):
    settings.TIME_ZONE = "Asia/Baghdad"
    moment = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
    same = shown(moment, language="ar", viewer_zone=Z("Asia/Riyadh"))  # also UTC+3
    assert same.newsroom == "١٢:٠٠" and same.viewer == ""
    cairo = shown(moment, language="en", viewer_zone=Z("Africa/Cairo"))
    assert (cairo.newsroom, cairo.viewer, cairo.viewer_zone) == ("12:00", "11:00", "Cairo")
    assert str(cairo) == "12:00 (11:00 Cairo)"


def test_across_the_london_clock_change_the_same_utc_time_reads_differently(settings):
    settings.TIME_ZONE = "Asia/Baghdad"
    london = Z("Europe/London")
    before = shown(datetime(2026, 3, 28, 12, 0, tzinfo=UTC), language="en", viewer_zone=london)
    after = shown(datetime(2026, 3, 29, 12, 0, tzinfo=UTC), language="en", viewer_zone=london)
    assert (before.newsroom, before.viewer) == ("15:00", "12:00")
    assert (after.newsroom, after.viewer) == ("15:00", "13:00")


def test_a_viewer_across_midnight_sees_their_date(settings):
    settings.TIME_ZONE = "Asia/Baghdad"
    moment = datetime(2026, 1, 15, 22, 30, tzinfo=UTC)  # 01:30 on the 16th in Baghdad
    shown_time = shown(moment, language="en", viewer_zone=Z("America/New_York"))
    assert shown_time.newsroom == "01:30" and shown_time.viewer == "15/01 17:30"
    assert local_day(moment).day == 16


def test_a_newsroom_day_is_23_hours_on_the_spring_change(settings):
    settings.TIME_ZONE = "Asia/Beirut"
    start, end = day_bounds(datetime(2026, 3, 29).date(), datetime(2026, 3, 29).date())
    assert end - start == timedelta(hours=23)


def _event(zone, start_local, repeat, until=None):
    starts = start_local.replace(tzinfo=Z(zone))
    return Event(
        title_ar="مباراة",
        starts_at=starts.astimezone(UTC),
        ends_at=(starts + timedelta(hours=2)).astimezone(UTC),
        time_zone=zone,
        repeat=repeat,
        repeat_until=until,
    )


def test_a_weekly_event_keeps_its_local_time_across_beirut_daylight_saving():
    event = _event("Asia/Beirut", datetime(2026, 3, 15, 18, 0), "weekly")
    found = occurrences(event, datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 10, tzinfo=UTC))
    local = [o.starts_at.astimezone(Z("Asia/Beirut")).strftime("%m-%d %H:%M") for o in found]
    assert local == ["03-15 18:00", "03-22 18:00", "03-29 18:00", "04-05 18:00"]
    utc_hours = [o.starts_at.astimezone(UTC).hour for o in found]
    assert utc_hours == [16, 16, 15, 15]  # the clocks went forward on 29 March


def test_a_daily_event_in_riyadh_never_moves_in_utc():
    event = _event("Asia/Riyadh", datetime(2026, 3, 25, 20, 0), "daily", until=datetime(2026, 4, 2).date())
    found = occurrences(event, datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC))
    assert len(found) == 9
    assert {o.starts_at.astimezone(UTC).hour for o in found} == {17}


def test_a_monthly_event_on_the_31st_skips_shorter_months():
    event = _event("Africa/Cairo", datetime(2026, 1, 31, 10, 0), "monthly")
    found = occurrences(event, datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 6, 1, tzinfo=UTC))
    assert [o.starts_at.astimezone(Z("Africa/Cairo")).strftime("%m-%d") for o in found] == ["01-31", "03-31", "05-31"]


def test_an_event_every_hijri_year_follows_the_hijri_calendar():
    event = _event("Asia/Riyadh", datetime(2026, 3, 20, 6, 30), "hijri_yearly")  # Eid al-Fitr prayer, 1 Shawwal
    found = occurrences(event, datetime(2026, 1, 1, tzinfo=UTC), datetime(2028, 12, 31, tzinfo=UTC))
    days = [o.starts_at.astimezone(Z("Asia/Riyadh")).date().isoformat() for o in found]
    assert days == ["2026-03-20", "2027-03-09", "2028-02-26"]
