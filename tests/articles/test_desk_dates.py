"""The desk's dates in the public site's style, in either desk language."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import formats, translation

from articles.desk_dates import desk_ago, desk_when

pytestmark = pytest.mark.django_db

# 11:05 UTC is 14:05 in Baghdad, the newsroom's time.
MOMENT = datetime(2026, 12, 1, 11, 5, tzinfo=UTC)


@pytest.mark.parametrize(("language", "shown"), [("ar", "١ ديسمبر ٢٠٢٦، ١٤:٠٥"), ("en", "1 December 2026, 14:05")])
def test_a_moment_reads_as_the_public_site_writes_it(language, shown):
    with translation.override(language):
        assert desk_when(MOMENT) == shown


def test_just_now_minutes_and_then_the_date():
    with translation.override("ar"):
        assert desk_ago(MOMENT, now=MOMENT + timedelta(seconds=20)) == "الآن"
        assert (
            desk_ago(MOMENT, now=MOMENT + timedelta(minutes=5)) == "منذ ٥\xa0دقائق"
        )  # Django keeps a number and its unit together
        assert desk_ago(MOMENT, now=MOMENT + timedelta(days=3)) == "١ ديسمبر ٢٠٢٦"
    with translation.override("en"):
        assert desk_ago(MOMENT, now=MOMENT + timedelta(seconds=0)) == "just now"
        assert desk_ago(MOMENT, now=MOMENT + timedelta(minutes=5)) == "5\xa0minutes ago"
    assert desk_when(None) == desk_ago(None) == ""


def test_djangos_own_screens_put_the_arabic_day_first_without_a_latin_comma():
    with translation.override("ar"):
        assert formats.date_format(MOMENT.date()) == "1 ديسمبر 2026"
        assert "," not in formats.date_format(MOMENT, "DATETIME_FORMAT")


def test_the_story_list_says_just_now_in_arabic_and_titles_itself(client, editor):
    from tests.factories import draft

    draft(editor)
    client.force_login(editor)
    page = client.get("/admin/articles/article/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert ">الآن</time>" in page and "منذ 0" not in page
    assert "<h1>الأخبار</h1>" in page and "لتغييره" not in page


@pytest.mark.parametrize(
    ("address", "title"),
    [
        ("/admin/articles/article/", "Stories"),
        ("/admin/articles/article/add/", "New story"),
        ("/admin/articles/image/", "Images"),
    ],
)
def test_the_newsrooms_own_page_titles(as_user, editor, address, title):
    page = as_user(editor).get(address).content.decode()
    assert f"<h1>{title}</h1>" in page and "to change" not in page


def test_the_story_form_is_titled_edit_story(as_user, editor):
    from tests.factories import draft

    article = draft(editor)
    page = as_user(editor).get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "<h1>Edit story</h1>" in page and "Change story" not in page


def test_history_dates_are_arabic_in_the_arabic_desk(client, editor):
    from tests.factories import draft

    article = draft(editor)
    client.force_login(editor)
    page = client.get(f"/admin/articles/article/{article.pk}/history/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert desk_when_in("ar", article.latest_revision.created_at) in page


def desk_when_in(language, moment):
    with translation.override(language):
        return desk_when(moment)
