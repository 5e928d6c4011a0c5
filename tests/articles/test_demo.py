"""The demo newsroom loads once, completely, and only where it may."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from articles.models import Article, Author, Image, Revision, Section, Tag
from articles.workflow import State

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_newsroom_is_complete():
    call_command("load_demo", verbosity=0)
    assert set(Section.objects.values_list("slug", flat=True)) == {"politics", "economy", "world", "culture", "sport"}
    assert all(section.name_ar and section.name_en for section in Section.objects.all())
    sample = Article.objects.get(external_id="a54217c168f06ee1")
    assert sample.status == State.PUBLISHED
    assert sample.dateline_ar == "القاهرة" and sample.dateline_en == "Cairo"
    assert "قُتل ثلاثة جنود أمريكيين" in sample.body_ar
    assert "three American soldiers were killed" in sample.body_en
    assert sample.section.slug == "politics"
    assert 2 <= sample.tags.count() <= 3
    assert sample.bylines.count() >= 1
    assert sample.lead_image.alt_ar and sample.lead_image.credit_en
    assert sample.has_english
    assert Article.objects.live().count() >= 5
    users = get_user_model().objects
    assert users.get(username="editor").groups.filter(name="Editors").exists()
    assert users.get(username="moderator").groups.filter(name="Moderators").exists()
    assert users.get(username="editor").check_password("editor-demo-2026")


@override_settings(DEBUG=True)
def test_loading_the_demo_twice_changes_nothing(capsys):
    call_command("load_demo")
    counts = [model.objects.count() for model in (Article, Revision, Section, Tag, Author, Image)]
    call_command("load_demo")
    assert [model.objects.count() for model in (Article, Revision, Section, Tag, Author, Image)] == counts
    output = capsys.readouterr().out
    assert "already there" in output
    assert "editor-demo-2026" in output


@override_settings(DEBUG=False)
def test_demo_accounts_are_refused_on_a_site_without_debug():
    with pytest.raises(CommandError, match="Refusing to create demo accounts"):
        call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.filter(username="editor").exists()


@override_settings(DEBUG=False)
def test_demo_accounts_can_be_forced_when_asked_explicitly():
    call_command("load_demo", "--allow-demo-accounts", verbosity=0)
    assert get_user_model().objects.filter(username="moderator").exists()
