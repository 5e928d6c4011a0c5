"""The demo newsroom's budget: today and tomorrow for every section, loaded once."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Section
from articles.workflow import State
from planning.models import BudgetLine
from planning.times import local_day

pytestmark = pytest.mark.django_db


def _load(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_has_today_and_tomorrow_for_every_section_and_stays_the_same_when_loaded_again(settings):
    _load(settings)
    today = local_day(timezone.now())
    for section in Section.objects.all():
        for day in (today, today + timedelta(days=1)):
            assert BudgetLine.objects.filter(section=section, day=day).exists(), (section, day)
    assigned = BudgetLine.objects.filter(assignee__username="editor")
    assert assigned.count() >= 4
    drafts = BudgetLine.objects.filter(article__isnull=False)
    assert drafts.count() == 1 and drafts.get().article.status == State.DRAFT
    before = (BudgetLine.objects.count(), Article.objects.count())
    _load(settings)
    assert (BudgetLine.objects.count(), Article.objects.count()) == before
