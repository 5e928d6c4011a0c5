"""Planning's writes: who may plan where, assignments, order, and the draft made from a line."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import services as article_services
from articles.models import Article
from articles.workflow import State
from planning import services
from planning.models import BudgetLine, DeskMember
from tests.factories import AuthorFactory, EditorFactory, ModeratorFactory, UserFactory, edit

from .conftest import plan

pytestmark = pytest.mark.django_db
DAY = date(2026, 12, 2)


def test_an_editor_plans_in_their_desks_section(desk_editor, politics):
    line = plan(desk_editor, politics, DAY, title="محادثات الانسحاب")
    assert line.status == BudgetLine.Status.IDEA and line.position == 0
    assert plan(desk_editor, politics, DAY).position == 1


def test_an_editor_cannot_plan_in_another_section(desk_editor, economy):
    with pytest.raises(PermissionDenied):
        plan(desk_editor, economy, DAY)
    assert not BudgetLine.objects.exists()


def test_an_editor_on_no_desk_plans_nothing(politics):
    with pytest.raises(PermissionDenied):
        plan(EditorFactory(), politics, DAY)


def test_a_moderator_plans_everywhere(chief, politics, economy):
    plan(chief, politics, DAY)
    plan(chief, economy, DAY)
    assert BudgetLine.objects.count() == 2


def test_a_reader_cannot_plan(politics):
    with pytest.raises(PermissionDenied):
        plan(UserFactory(is_staff=False), politics, DAY)


def test_a_line_needs_a_title_in_one_language(chief, politics):
    with pytest.raises(ValidationError) as error:
        services.budget_line_create(user=chief, section=politics, day=DAY, title_ar="  ")
    assert "working title" in str(error.value)
    assert services.budget_line_create(user=chief, section=politics, day=DAY, title_en="Talks").title_en == "Talks"


def test_assigning_someone_off_the_desk_is_refused_with_their_name(chief, politics):
    outsider = EditorFactory(username="outsider")
    with pytest.raises(ValidationError, match="outsider is not on the"):
        plan(chief, politics, DAY, assignee=outsider)


def test_assigning_sets_the_plan_status_and_unassigning_undoes_it(chief, desk_editor, politics):
    line = plan(chief, politics, DAY)
    line = services.budget_line_assign(user=chief, line=line, assignee=desk_editor)
    assert (line.assignee, line.status) == (desk_editor, BudgetLine.Status.ASSIGNED)
    line = services.budget_line_assign(user=chief, line=line, assignee=None)
    assert (line.assignee, line.status) == (None, BudgetLine.Status.IDEA)


def test_an_editor_takes_an_open_line_on_their_desk(chief, desk_editor, politics):
    line = plan(chief, politics, DAY)
    assert services.budget_line_assign(user=desk_editor, line=line, assignee=desk_editor).assignee == desk_editor


def test_an_editor_cannot_take_work_off_their_desk_or_someone_elses_line(chief, desk_editor, politics, economy):
    other = plan(chief, economy, DAY)
    with pytest.raises(PermissionDenied):
        services.budget_line_assign(user=desk_editor, line=other, assignee=desk_editor)
    colleague = EditorFactory(username="colleague")
    DeskMember.objects.create(section=economy, user=colleague)
    taken = plan(chief, economy, DAY, assignee=colleague)
    DeskMember.objects.create(section=economy, user=desk_editor)
    # Once on the economy desk, the editor plans it, so may reassign a colleague's line.
    assert services.budget_line_assign(user=desk_editor, line=taken, assignee=desk_editor).assignee == desk_editor


def test_the_assignee_moves_the_plan_status_but_not_the_plan(chief, politics):
    writer = EditorFactory(username="writer")
    DeskMember.objects.create(section=politics, user=writer)
    line = plan(chief, politics, DAY, assignee=writer)
    DeskMember.objects.filter(user=writer).delete()
    assert services.budget_line_set_status(user=writer, line=line, status="filed").status == "filed"
    with pytest.raises(PermissionDenied):
        services.budget_line_update(user=writer, line=line, title_ar="عنوان آخر")
    with pytest.raises(ValidationError):
        services.budget_line_set_status(user=chief, line=line, status="published")


def test_reorder_puts_the_lines_in_the_given_order(chief, politics):
    lines = [plan(chief, politics, DAY, title=f"خبر {n}") for n in range(3)]
    services.budget_lines_reorder(
        user=chief, section=politics, day=DAY, line_ids=[lines[2].pk, lines[0].pk, lines[1].pk]
    )
    order = list(BudgetLine.objects.filter(day=DAY).order_by("position").values_list("pk", flat=True))
    assert order == [lines[2].pk, lines[0].pk, lines[1].pk]
    services.budget_line_move(user=chief, line=lines[1], direction="up")
    order = list(BudgetLine.objects.filter(day=DAY).order_by("position").values_list("pk", flat=True))
    assert order == [lines[2].pk, lines[1].pk, lines[0].pk]


def test_a_stale_reorder_is_refused_and_changes_nothing(chief, politics):
    lines = [plan(chief, politics, DAY, title=f"خبر {n}") for n in range(2)]
    with pytest.raises(ValidationError, match="reload the page"):
        services.budget_lines_reorder(user=chief, section=politics, day=DAY, line_ids=[lines[1].pk])
    assert list(BudgetLine.objects.order_by("position").values_list("pk", flat=True)) == [lines[0].pk, lines[1].pk]


def test_an_editor_cannot_reorder_another_desk(desk_editor, chief, economy):
    line = plan(chief, economy, DAY)
    with pytest.raises(PermissionDenied):
        services.budget_lines_reorder(user=desk_editor, section=economy, day=DAY, line_ids=[line.pk])


def test_moving_a_line_to_another_section_needs_both_desks(desk_editor, politics, economy):
    line = plan(desk_editor, politics, DAY)
    with pytest.raises(PermissionDenied):
        services.budget_line_update(user=desk_editor, line=line, section=economy)
    assert BudgetLine.objects.get(pk=line.pk).section == politics


def test_the_draft_has_the_lines_headline_section_and_the_assignees_byline(chief, desk_editor, politics):
    author = AuthorFactory(slug="sara", name_ar="سارة", user=desk_editor)
    line = plan(chief, politics, DAY, title="محادثات الانسحاب", title_en="Withdrawal talks", assignee=desk_editor)
    article = services.budget_line_make_draft(user=desk_editor, line=line)
    head = article.latest_revision
    assert article.status == State.DRAFT and article.created_by == desk_editor
    assert (head.headline_ar, head.headline_en, head.section) == ("محادثات الانسحاب", "Withdrawal talks", politics)
    assert head.ordered_authors() == [author]
    line.refresh_from_db()
    assert line.article == article and line.status == BudgetLine.Status.IN_PROGRESS


def test_a_line_makes_one_story_only(chief, politics):
    line = plan(chief, politics, DAY)
    services.budget_line_make_draft(user=chief, line=line)
    with pytest.raises(ValidationError, match="already has its story"):
        services.budget_line_make_draft(user=chief, line=line)
    assert Article.objects.count() == 1


def test_someone_else_cannot_start_the_story(chief, politics):
    line = plan(chief, politics, DAY)
    with pytest.raises(PermissionDenied):
        services.budget_line_make_draft(user=EditorFactory(), line=line)
    assert not Article.objects.exists()


def test_a_planned_slot_never_publishes_anything(chief, desk_editor, politics):
    """Even long past its slot and due time, a line's story stays where its own workflow left it."""
    past = timezone.now() - timedelta(hours=3)
    line = plan(chief, politics, DAY, assignee=desk_editor, slot_at=past, due_at=past)
    article = services.budget_line_make_draft(user=desk_editor, line=line)
    result = edit(article, desk_editor, body_ar="<p>نص الخبر</p>")
    article_services.article_submit(article=article, revision=result.revision, user=desk_editor)
    assert article_services.articles_publish_due() == []
    article.refresh_from_db()
    assert article.status == State.IN_REVIEW and not article.is_live
    assert not Article.objects.live().exists()


def test_feed_token_reset_makes_a_new_unguessable_token(desk_editor):
    old = services.planning_profile(user=desk_editor).feed_token
    new = services.feed_token_reset(user=desk_editor).feed_token
    assert new != old and len(new) >= 40


def test_a_bad_time_zone_is_refused(desk_editor):
    with pytest.raises(ValidationError, match="is not a time zone"):
        services.planning_profile_update(user=desk_editor, time_zone="Mars/Olympus")
    assert services.planning_profile_update(user=desk_editor, time_zone="Africa/Cairo").time_zone == "Africa/Cairo"


def test_moderators_put_people_on_desks_and_editors_cannot(politics):
    editor = EditorFactory()
    with pytest.raises(PermissionDenied):
        services.desk_member_add(user=editor, section=politics, member=editor)
    services.desk_member_add(user=ModeratorFactory(), section=politics, member=editor)
    assert DeskMember.objects.filter(user=editor, section=politics).exists()
