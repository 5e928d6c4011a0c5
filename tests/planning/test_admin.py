"""The planning desk through its real addresses: the budget, its form, the calendar, print, My planning."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone
from hijridate import Gregorian

from articles import services as article_services
from planning import calendar, services
from planning.models import BudgetLine, DeskMember
from planning.times import local_day
from tests.factories import EditorFactory, SectionFactory, edit

from .conftest import plan

pytestmark = pytest.mark.django_db
BUDGET = "/admin/planning/budgetline/"


@pytest.fixture
def today():
    return local_day(timezone.now())


def test_the_budget_groups_the_days_lines_by_section(client, chief, politics, economy, today):
    plan(chief, politics, today, title="محادثات الانسحاب")
    plan(chief, economy, today, title="أسعار النفط")
    week = calendar.week_of(today)
    plan(chief, economy, week[-1] if week[-1] != today else week[0], title="خبر الغد")
    client.force_login(chief)
    body = client.get(BUDGET).content.decode()
    body = body[body.index('id="budget-form"') :]
    assert body.index("Politics") < body.index("محادثات الانسحاب") < body.index("Economy") < body.index("أسعار النفط")
    assert "خبر الغد" not in body
    week = client.get(BUDGET, {"span": "week", "day": today.isoformat()}).content.decode()
    assert "خبر الغد" in week


def test_the_budget_filters(client, chief, desk_editor, politics, economy, today):
    plan(chief, politics, today, title="لي", assignee=desk_editor)
    plan(chief, politics, today, title="بلا أحد")
    plan(chief, economy, today, title="قسم آخر")
    plan(chief, politics, today, title="متأخر", due_at=timezone.now() - timedelta(hours=1))
    client.force_login(desk_editor)

    def titles(show):
        body = client.get(BUDGET, {"show": show}).content.decode()
        return {t for t in ("لي", "بلا أحد", "قسم آخر", "متأخر") if f">{t}<" in body}

    assert titles("mine") == {"لي"}
    assert titles("my_sections") == {"لي", "بلا أحد", "متأخر"}
    assert titles("unassigned") == {"بلا أحد", "قسم آخر", "متأخر"}
    assert titles("late") == {"متأخر"}


def test_the_budget_offers_only_what_will_work(client, chief, desk_editor, politics, economy, today):
    mine = plan(chief, politics, today, title="سياسة مخطط")
    theirs = plan(chief, economy, today, title="اقتصاد مخطط")
    client.force_login(desk_editor)
    body = client.get(BUDGET).content.decode()
    assert f'name="take" value="{mine.pk}"' in body and f'name="take" value="{theirs.pk}"' not in body
    assert f'value="{mine.pk}:up"' in body and f'value="{theirs.pk}:up"' not in body
    assert f"{BUDGET}{theirs.pk}/change/" not in body


def test_without_script_the_form_takes_moves_and_assigns(client, chief, desk_editor, politics, today):
    first, second = plan(chief, politics, today, title="أول"), plan(chief, politics, today, title="ثان")
    client.force_login(desk_editor)
    next_url = f"{BUDGET}?day={today.isoformat()}"
    response = client.post(f"{BUDGET}arrange/", {"take": first.pk, "next": next_url})
    assert response.status_code == 302 and response["Location"] == next_url
    assert BudgetLine.objects.get(pk=first.pk).assignee == desk_editor
    client.post(f"{BUDGET}arrange/", {"move": f"{second.pk}:up", "next": next_url})
    assert list(BudgetLine.objects.order_by("position").values_list("pk", flat=True)) == [second.pk, first.pk]
    client.force_login(chief)
    client.post(f"{BUDGET}arrange/", {"line": [first.pk, second.pk], "assignee": desk_editor.pk, "assign": "1"})
    assert set(BudgetLine.objects.values_list("assignee", flat=True)) == {desk_editor.pk}
    client.post(f"{BUDGET}arrange/", {"line": [second.pk], "status": "dropped", "set_status": "1"})
    assert BudgetLine.objects.get(pk=second.pk).status == "dropped"


def test_a_refused_arrangement_says_why_and_changes_nothing(client, chief, desk_editor, economy, today):
    line = plan(chief, economy, today)
    client.force_login(desk_editor)
    response = client.post(f"{BUDGET}arrange/", {"take": line.pk}, follow=True)
    assert "cannot assign work on the" in response.content.decode()
    assert BudgetLine.objects.get(pk=line.pk).assignee is None
    response = client.post(f"{BUDGET}arrange/", {"assign": "1"}, follow=True)
    assert "Tick the lines first." in response.content.decode()


def test_a_drag_saves_the_new_order(client, chief, politics, today):
    lines = [plan(chief, politics, today, title=f"خبر {n}") for n in range(3)]
    client.force_login(chief)
    order = [lines[2].pk, lines[0].pk, lines[1].pk]
    payload = {"section": politics.pk, "day": today.isoformat(), "order": order}
    response = client.post(f"{BUDGET}reorder/", json.dumps(payload), content_type="application/json")
    assert response.status_code == 200 and response.json() == {"ok": True}
    assert list(BudgetLine.objects.order_by("position").values_list("pk", flat=True)) == order


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ("not json", 400),
        ({"section": "x"}, 400),
        ({"order": [1]}, 400),
    ],
)
def test_a_bad_drag_is_refused_clearly(client, chief, politics, payload, status):
    client.force_login(chief)
    body = payload if isinstance(payload, str) else json.dumps(payload)
    response = client.post(f"{BUDGET}reorder/", body, content_type="application/json")
    assert response.status_code == status and "could not be read" in response.json()["error"]


def test_a_drag_on_another_desk_is_forbidden(client, chief, desk_editor, economy, today):
    line = plan(chief, economy, today)
    client.force_login(desk_editor)
    payload = {"section": economy.pk, "day": today.isoformat(), "order": [line.pk]}
    response = client.post(f"{BUDGET}reorder/", json.dumps(payload), content_type="application/json")
    assert response.status_code == 403


def test_the_line_follows_its_story_to_published(client, chief, desk_editor, politics, today, moderator):
    line = plan(chief, politics, today, title="محادثات الانسحاب", assignee=desk_editor)
    client.force_login(desk_editor)
    response = client.post(f"{BUDGET}arrange/", {"draft": line.pk})
    line.refresh_from_db()
    assert response["Location"] == f"/admin/articles/article/{line.article_id}/change/"
    assert "desk-state--draft" in client.get(BUDGET).content.decode()
    article = line.article
    result = edit(article, desk_editor, body_ar="<p>نص الخبر</p>")
    article_services.article_submit(article=article, revision=result.revision, user=desk_editor)
    assert "desk-state--in_review" in client.get(BUDGET).content.decode()
    article.refresh_from_db()
    article_services.revision_approve(article=article, revision=article.review_revision, user=moderator)
    body = client.get(BUDGET).content.decode()
    assert "desk-state--published" in body and f"/admin/articles/article/{article.pk}/change/" in body


def test_the_budget_reads_a_constant_number_of_queries(
    client, chief, politics, economy, today, django_assert_max_num_queries
):
    def queries_for(count):
        for n in range(count):
            plan(
                chief,
                politics if n % 2 else economy,
                today + timedelta(days=n % 7),
                title=f"خبر {n}",
                assignee=chief,
                due_at=timezone.now() + timedelta(hours=n),
            )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(BUDGET, {"span": "week", "day": today.isoformat()}).status_code == 200
        return len(captured)

    client.force_login(chief)
    few = queries_for(3)
    many = queries_for(40)
    assert few == many
    with django_assert_max_num_queries(12):
        client.get(BUDGET, {"span": "week", "day": today.isoformat()})


def test_the_desk_shows_what_is_assigned_to_me(client, chief, desk_editor, politics, today):
    plan(chief, politics, today, title="مهمتي", assignee=desk_editor)
    plan(chief, politics, today, title="مهمة غيري")
    client.force_login(desk_editor)
    body = client.get("/admin/").content.decode()
    assert "Assigned to me" in body and "مهمتي" in body and "مهمة غيري" not in body


def test_the_stories_list_filters_stories_assigned_to_me(client, chief, desk_editor, politics, today):
    mine = plan(chief, politics, today, title="قصتي", assignee=desk_editor)
    other = plan(chief, politics, today, title="قصة أخرى")
    services.budget_line_make_draft(user=chief, line=mine)
    services.budget_line_make_draft(user=chief, line=other)
    client.force_login(desk_editor)
    body = client.get("/admin/articles/article/", {"assigned": "me"}).content.decode()
    assert "قصتي" in body and "قصة أخرى" not in body


def test_the_calendar_shows_hijri_dates_as_hijridate_does(client, chief):
    client.force_login(chief)
    body = client.get(f"{BUDGET}calendar/", {"hijri": "1447-9"}).content.decode()
    assert "رمضان ١٤٤٧" in body or "Ramadan 1447" in body
    cells = body.split('data-date="')[1:]
    ramadan = 0
    for cell in cells:
        day = date.fromisoformat(cell[:10])
        expected = Gregorian(day.year, day.month, day.day).to_hijri()
        assert f'data-hijri="{expected.year}-{expected.month}-{expected.day}"' in cell[:80]
        ramadan += "planning-day--ramadan" in body.split(f'data-date="{day.isoformat()}"')[0][-200:]
    assert ramadan == 30


def test_the_calendar_shows_events_and_lines(client, chief, politics, today):
    from planning.models import Event

    starts = timezone.now().replace(microsecond=0)
    services.event_save(
        user=chief,
        event=Event(
            title_ar="قمة القاهرة", starts_at=starts, ends_at=starts + timedelta(hours=2), time_zone="Africa/Cairo"
        ),
    )
    plan(chief, politics, today, title="تغطية القمة")
    client.force_login(chief)
    body = client.get(f"{BUDGET}calendar/", {"span": "week", "day": today.isoformat()}).content.decode()
    assert "قمة القاهرة" in body and "تغطية القمة" in body


def test_an_event_is_typed_in_its_own_time_zone(client, chief):
    client.force_login(chief)
    response = client.post(
        "/admin/planning/event/add/",
        {
            "title_ar": "مباراة",
            "title_en": "",
            "section": "",
            "location": "بيروت",
            "starts_local": "2026-07-01T18:00",
            "ends_local": "2026-07-01T20:00",
            "time_zone": "Asia/Beirut",
            "repeat": "never",
            "notes": "",
            # The coverage list's (empty) formset, as the browser sends it.
            "coverage-TOTAL_FORMS": "0",
            "coverage-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from planning.models import Event

    event = Event.objects.get()
    assert event.starts_at.isoformat() == "2026-07-01T15:00:00+00:00"


def test_the_add_form_saves_through_the_service_and_returns_to_the_budget(
    client, desk_editor, politics, economy, today
):
    client.force_login(desk_editor)
    form = client.get(f"{BUDGET}add/").content.decode()
    form = form[form.index('name="section"') :]
    form = form[: form.index("</select>")]
    assert f'<option value="{politics.pk}"' in form and f'<option value="{economy.pk}"' not in form
    response = client.post(
        f"{BUDGET}add/",
        {
            "title_ar": "خبر جديد",
            "title_en": "",
            "section": politics.pk,
            "day": today.isoformat(),
            "kind": "story",
            "priority": 2,
            "status": "",
            "notes": "",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"{BUDGET}?day={today.isoformat()}"
    line = BudgetLine.objects.get()
    assert (line.created_by, line.status, line.section) == (desk_editor, "idea", politics)


def test_the_print_budget_is_its_own_page_in_the_desk_language(client, chief, politics, today):
    plan(chief, politics, today, title="محادثات الانسحاب", title_en="Withdrawal talks")
    client.force_login(chief)
    client.cookies["django_language"] = "ar"
    arabic = client.get(f"{BUDGET}print/").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic and "محادثات الانسحاب" in arabic and "planning/print.css" in arabic
    client.cookies["django_language"] = "en"
    english = client.get(f"{BUDGET}print/").content.decode()
    assert '<html lang="en" dir="ltr">' in english and "Withdrawal talks" in english


def test_my_planning_sets_the_zone_and_renews_the_feed_addresses(client, desk_editor):
    client.force_login(desk_editor)
    page = client.get(f"{BUDGET}me/").content.decode()
    token = services.planning_profile(user=desk_editor).feed_token
    assert f"/planning/calendar/{token}/mine.ics" in page
    client.post(f"{BUDGET}me/", {"time_zone": "Europe/London"})
    assert services.planning_profile(user=desk_editor).time_zone == "Europe/London"
    client.post(f"{BUDGET}me/", {"reset_token": "1"})
    assert services.planning_profile(user=desk_editor).feed_token != token


def test_the_viewers_own_time_is_shown_beside(client, chief, politics, today, settings):
    settings.TIME_ZONE = "Asia/Baghdad"
    from datetime import datetime
    from zoneinfo import ZoneInfo

    due = datetime.combine(today, datetime.min.time(), tzinfo=ZoneInfo("Asia/Baghdad")).replace(hour=15)
    plan(chief, politics, today, due_at=due)
    services.planning_profile_update(user=chief, time_zone="Africa/Casablanca")
    client.force_login(chief)
    client.cookies["django_language"] = "en"
    body = client.get(BUDGET, {"day": today.isoformat()}).content.decode()
    local = due.astimezone(ZoneInfo("Africa/Casablanca")).strftime("%H:%M")
    assert "15:00" in body and f"({local} Casablanca)" in body


def test_a_section_with_no_planners_is_still_listed_for_moderators(client, chief, today):
    SectionFactory(slug="sport", name_ar="رياضة", name_en="Sport")
    client.force_login(chief)
    assert "Nothing planned yet." in client.get(BUDGET).content.decode()


def test_an_editor_on_no_desk_reads_the_budget_but_is_offered_no_planning(client, chief, politics, today):
    plan(chief, politics, today, title="مقروء")
    reader_editor = EditorFactory(username="nodesk")
    client.force_login(reader_editor)
    body = client.get(BUDGET).content.decode()
    assert "مقروء" in body and "Add a line" not in body and 'name="take"' not in body
    assert not DeskMember.objects.filter(user=reader_editor).exists()


def test_an_event_lists_the_coverage_planned_for_it(client, chief, politics, economy, today):
    from planning.models import Event

    starts = timezone.now()
    event = services.event_save(
        user=chief,
        event=Event(title_ar="قمة", starts_at=starts, ends_at=starts + timedelta(hours=3), time_zone="Africa/Cairo"),
    )
    plan(chief, politics, today, title="تغطية سياسية للقمة", event=event)
    plan(chief, economy, today, title="أثر القمة على الأسواق", event=event)
    plan(chief, economy, today, title="خبر لا علاقة له")
    client.force_login(chief)
    body = client.get(f"/admin/planning/event/{event.pk}/change/").content.decode()
    assert "تغطية سياسية للقمة" in body and "أثر القمة على الأسواق" in body and "خبر لا علاقة له" not in body


def test_an_editor_on_no_desk_cannot_open_the_add_form(client, politics):
    client.force_login(EditorFactory(username="nodesk"))
    assert client.get(f"{BUDGET}add/").status_code == 403
