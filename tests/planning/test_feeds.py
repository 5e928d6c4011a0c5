"""The iCalendar feeds: valid text, the right lines, and a token that can be revoked."""

from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from planning import ical, services
from planning.models import Event
from planning.times import local_day

from .conftest import plan

pytestmark = pytest.mark.django_db


def test_text_is_escaped_and_long_lines_fold_without_splitting_a_letter():
    assert ical.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "محادثات انسحاب قوات التحالف " * 6
    folded = ical.fold(line)
    pieces = folded.split("\r\n ")
    assert len(pieces) > 1 and "".join(pieces) == line
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)


def _feed(client, url):
    response = client.get(url)
    return response, response.content.decode() if response.status_code == 200 else ""


def test_a_persons_feed_carries_their_lines_only(client, chief, desk_editor, politics):
    today = local_day(timezone.now())
    due = timezone.now() + timedelta(hours=2)
    plan(chief, politics, today, title="مهمتي، مع فاصلة", assignee=desk_editor, due_at=due)
    plan(chief, politics, today, title="ليست لي")
    plan(chief, politics, today, title="مُسقطة", assignee=desk_editor, status="dropped")
    token = services.planning_profile(user=desk_editor).feed_token
    response, body = _feed(client, f"/planning/calendar/{token}/mine.ics")
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store" and "noindex" in response["X-Robots-Tag"]
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:مهمتي، مع فاصلة" in body  # an Arabic comma is not a separator
    assert "ليست لي" not in body and "مُسقطة" not in body
    assert body.count("BEGIN:VEVENT") == 1
    assert f"DTSTART:{due.astimezone(UTC):%Y%m%dT%H%M%S}Z" in body


def test_a_line_with_no_time_is_an_all_day_entry(client, chief, desk_editor, politics):
    today = local_day(timezone.now())
    plan(chief, politics, today, assignee=desk_editor)
    token = services.planning_profile(user=desk_editor).feed_token
    _response, body = _feed(client, f"/planning/calendar/{token}/mine.ics")
    assert f"DTSTART;VALUE=DATE:{today:%Y%m%d}" in body


def test_a_sections_feed_has_its_lines_and_events(client, chief, desk_editor, politics, economy):
    today = local_day(timezone.now())
    plan(chief, politics, today, title="سياسة اليوم")
    plan(chief, economy, today, title="اقتصاد اليوم")
    starts = timezone.now()
    services.event_save(
        user=chief,
        event=Event(
            title_ar="جلسة البرلمان",
            section=politics,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            time_zone="Asia/Baghdad",
            repeat="weekly",
        ),
    )
    token = services.planning_profile(user=desk_editor).feed_token
    _response, body = _feed(client, f"/planning/calendar/{token}/section/politics.ics")
    assert "سياسة اليوم" in body and "اقتصاد اليوم" not in body
    assert body.count("جلسة البرلمان") >= 12  # a weekly event, written out over the feed's window
    assert len({line for line in body.split("\r\n") if line.startswith("UID:event-")}) == body.count("جلسة البرلمان")


def test_renewing_the_token_revokes_the_old_address(client, desk_editor):
    old = services.planning_profile(user=desk_editor).feed_token
    assert client.get(f"/planning/calendar/{old}/mine.ics").status_code == 200
    new = services.feed_token_reset(user=desk_editor).feed_token
    assert client.get(f"/planning/calendar/{old}/mine.ics").status_code == 404
    assert client.get(f"/planning/calendar/{old}/section/politics.ics").status_code == 404
    assert client.get(f"/planning/calendar/{new}/mine.ics").status_code == 200


def test_a_departed_or_demoted_person_loses_their_feeds(client, desk_editor):
    token = services.planning_profile(user=desk_editor).feed_token
    desk_editor.groups.clear()
    assert client.get(f"/planning/calendar/{token}/mine.ics").status_code == 404
    desk_editor.is_active = False
    desk_editor.save()
    assert client.get(f"/planning/calendar/{token}/mine.ics").status_code == 404


@pytest.mark.parametrize("token", ["", "guess", "x" * 43])
def test_a_wrong_token_is_not_found(client, token, desk_editor):
    assert client.get(f"/planning/calendar/{token}/mine.ics").status_code == 404
