"""The coverage desk, through the real URLs: open coverage, post and keep entries, banners, the history."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from articles.models import Transition
from articles.workflow import Action
from live.models import Banner, Coverage, Entry, EntryCorrection
from tests.live.conftest import post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_desk(client):
    """The desk in English (its default is Arabic), unless a test chooses."""
    client.cookies["django_language"] = "en"


def desk_url(coverage, tail=""):
    return f"/admin/live/coverage/{coverage.pk}/{tail}"


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_desk_draws_in_both_admin_languages(client, coverage, moderator, reporter, language):
    post(coverage, reporter, ar="<p>وصول الوفود</p>", en="<p>Delegations arrive</p>")
    client.force_login(moderator)
    client.cookies["django_language"] = language
    response = client.get(desk_url(coverage, "change/"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="ar" dir="rtl"' in html and "وصول الوفود" in html and "Delegations arrive" in html
    with translation.override(language):
        from django.utils.translation import gettext

        assert gettext("Post the entry") in html and gettext("Close live coverage") in html


def test_a_moderator_opens_coverage_from_the_desk(client, story, moderator, reporter):
    client.force_login(moderator)
    assert client.get("/admin/live/coverage/add/").status_code == 200
    response = client.post("/admin/live/coverage/add/", {"article": story.pk, "staff": [reporter.pk], "comment": "قمة"})
    coverage = Coverage.objects.get(article=story)
    assert response.status_code == 302 and response["Location"] == desk_url(coverage, "change/")
    assert list(coverage.staff.all()) == [reporter]
    assert Transition.objects.filter(article=story, action=Action.OPEN_COVERAGE, comment="قمة").exists()


def test_staff_post_an_entry_from_the_desk_and_it_is_live(client, coverage, reporter, story):
    client.force_login(reporter)
    response = client.post(
        desk_url(coverage, "entry/"),
        {"body_ar": "<p>بدء الجلسة</p>", "body_en": "<p>Session opens</p>", "key_event": "on"},
        follow=True,
    )
    assert "The entry is live." in messages_of(response)
    entry = Entry.objects.get()
    assert (entry.body_ar, entry.key_event, entry.created_by) == ("<p>بدء الجلسة</p>", True, reporter)


def test_an_empty_entry_is_refused_with_the_reason_and_the_form_kept(client, coverage, reporter):
    client.force_login(reporter)
    response = client.post(desk_url(coverage, "entry/"), {"body_ar": "<p></p>", "quote_by_ar": "المتحدث"})
    assert response.status_code == 400
    assert "an entry cannot be empty" in response.content.decode()
    assert 'value="المتحدث"' in response.content.decode()
    assert not Entry.objects.exists()


def test_an_editor_not_on_the_staff_sees_the_desk_but_cannot_post(client, coverage, editor):
    client.force_login(editor)
    html = client.get(desk_url(coverage, "change/")).content.decode()
    assert "Only the coverage's staff and the moderators post entries." in html
    response = client.post(desk_url(coverage, "entry/"), {"body_ar": "<p>محاولة</p>"})
    assert response.status_code == 403 and not Entry.objects.exists()


def test_edit_pin_key_event_correct_and_remove_from_the_desk(client, coverage, reporter, moderator):
    entry = post(coverage, reporter)
    client.force_login(moderator)
    assert client.get(desk_url(coverage, f"entry/{entry.pk}/")).status_code == 200
    client.post(desk_url(coverage, f"entry/{entry.pk}/"), {"body_ar": "<p>معدل</p>", "body_en": ""})
    client.post(desk_url(coverage, f"entry/{entry.pk}/pin/"))
    client.post(desk_url(coverage, f"entry/{entry.pk}/key/"))
    client.post(desk_url(coverage, f"entry/{entry.pk}/correct/"), {"kind": "correction", "text_ar": "تصحيح"})
    entry.refresh_from_db()
    assert (entry.body_ar, entry.body_en, entry.pinned, entry.key_event) == ("<p>معدل</p>", "", True, True)
    assert EntryCorrection.objects.get(entry=entry).text_ar == "تصحيح"
    client.post(desk_url(coverage, f"entry/{entry.pk}/remove/"))
    entry.refresh_from_db()
    assert entry.is_removed
    assert client.post(desk_url(coverage, f"entry/{entry.pk}/frobnicate/")).status_code == 404
    assert client.get(desk_url(coverage, f"entry/{entry.pk}/pin/")).status_code == 405


def test_an_entry_of_another_coverage_is_not_found(client, coverage, moderator, reporter):
    from tests.factories import published

    other = post(
        __import__("live.services", fromlist=["x"]).coverage_open(article=published(), user=moderator), moderator
    )
    client.force_login(moderator)
    assert client.post(desk_url(coverage, f"entry/{other.pk}/pin/")).status_code == 404
    assert client.get("/admin/live/coverage/999999/change/").status_code == 404


def test_closing_from_the_desk_is_recorded_and_posting_stops(client, coverage, moderator, reporter):
    client.force_login(moderator)
    response = client.post(desk_url(coverage, "move/close_coverage/"), {"comment": "انتهت"}, follow=True)
    assert any("closed" in message for message in messages_of(response))
    assert Transition.objects.filter(action=Action.CLOSE_COVERAGE, comment="انتهت").exists()
    html = client.get(desk_url(coverage, "change/")).content.decode()
    assert "Post the entry" not in html and "Open live coverage" in html


def test_a_banner_is_raised_and_lowered_from_the_desk(client, coverage, moderator):
    client.force_login(moderator)
    ends = (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    client.post(desk_url(coverage, "banner/"), {"language": "ar", "text": "عاجل", "ends_at": ends})
    banner = Banner.objects.get()
    assert (banner.text, banner.language, banner.raised_by) == ("عاجل", "ar", moderator)
    assert "Lower the banner" in client.get(desk_url(coverage, "change/")).content.decode()
    client.post(f"/admin/live/coverage/banner/{banner.pk}/lower/")
    banner.refresh_from_db()
    assert banner.lowered_by == moderator


def test_an_editor_cannot_raise_a_banner(client, coverage, reporter):
    client.force_login(reporter)
    ends = (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(desk_url(coverage, "banner/"), {"language": "ar", "ends_at": ends})
    assert response.status_code == 403 and not Banner.objects.exists()


def test_the_storys_history_lists_the_coverage_moves_and_every_entry_revision(client, coverage, moderator, reporter):
    from live import services

    entry = post(coverage, reporter, ar="<p>أول نص</p>")
    services.entry_pin(entry=entry, user=moderator, pinned=True)
    client.force_login(moderator)
    html = client.get(f"/admin/articles/article/{coverage.article_id}/history/").content.decode()
    assert "Open live coverage" in html  # the workflow move
    assert "Live coverage: entry changes" in html and "Posted" in html and "Pinned" in html and "أول نص" in html


def test_the_desks_front_page_lists_open_coverage(client, coverage, moderator):
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert f"/admin/live/coverage/{coverage.pk}/change/" in html


def test_a_banner_is_raised_for_a_story_not_covered_live_and_lowered_from_the_list(client, moderator):
    from tests.factories import published

    story = published()
    client.force_login(moderator)
    ends = (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    assert client.get("/admin/live/banner/add/").status_code == 200
    client.post("/admin/live/banner/add/", {"article": story.pk, "language": "ar", "ends_at": ends})
    banner = Banner.objects.get(article=story)
    client.post("/admin/live/banner/", {"action": "lower", "_selected_action": [banner.pk]})
    banner.refresh_from_db()
    assert banner.lowered_by == moderator
