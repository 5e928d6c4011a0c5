"""The demo newsroom's live story: a dozen entries in both languages, one pinned, two key events."""

import pytest
from django.core.management import call_command

from live.demo import EXTERNAL_ID
from live.models import Coverage, Entry, EntryRevision

pytestmark = pytest.mark.django_db


def _load(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_has_a_live_story_whose_banner_can_be_raised_from_the_desk(settings, client):
    _load(settings)
    coverage = Coverage.objects.get(article__external_id=EXTERNAL_ID)
    entries = Entry.objects.filter(coverage=coverage)
    assert coverage.is_open and coverage.article.is_live and coverage.staff.filter(username="editor").exists()
    assert entries.count() == 12
    assert entries.filter(pinned=True).count() == 1 and entries.filter(key_event=True).count() == 2
    assert entries.exclude(body_ar="").count() >= 9 and entries.exclude(body_en="").count() >= 9
    assert entries.exclude(quote_ar="").exclude(quote_en="").count() == 1
    page = client.get(coverage.article.get_absolute_url()).content.decode()
    assert page.count('<li class="live-entry') == 11  # the English-only entry reads on the English page
    client.force_login(coverage.opened_by)
    client.cookies["django_language"] = "en"
    assert "Raise the banner" in client.get(f"/admin/live/coverage/{coverage.pk}/change/").content.decode()


def test_loading_the_demo_again_adds_no_entry(settings):
    _load(settings)
    counts = (Coverage.objects.count(), Entry.objects.count(), EntryRevision.objects.count())
    _load(settings)
    assert (Coverage.objects.count(), Entry.objects.count(), EntryRevision.objects.count()) == counts
