"""History: every revision and every move; restore, correct, unpublish from there."""

import pytest

from articles import services
from articles.models import Revision
from articles.models.content import content_names
from articles.workflow import State
from tests.factories import EditorFactory, draft, edit, published

from .helpers import messages_of, url

pytestmark = pytest.mark.django_db


def test_history_lists_every_revision_and_every_move(as_user, editor, moderator):
    article = published(editor, moderator)
    head = article.latest_revision
    services.revision_create(
        article=article,
        user=editor,
        content={**{name: getattr(head, name) for name in content_names()}, "headline_ar": "عنوان جديد"},
        base_revision=head,
        note="sharper",
    )
    page = as_user(editor).get(url("history", article)).content.decode()
    assert 'id="revision-2"' in page and 'id="revision-1"' in page
    assert "sharper" in page
    assert "Approve and publish" in page and "moderator" in page
    for state in ("Draft", "In review", "Published"):
        assert state in page


def test_conflicts_and_restores_are_marked(as_user, editor):
    colleague = EditorFactory(username="colleague")
    article = draft(editor)
    base = article.latest_revision
    edit(article, colleague, headline_ar="أولا")
    edit(article, editor, base=base, headline_ar="ثانيا")
    article.refresh_from_db()
    services.revision_restore(article=article, revision=base, user=editor)
    page = as_user(editor).get(url("history", article)).content.decode()
    assert "conflict: saved after revision 2" in page
    assert "restored from 1" in page


def test_any_revision_is_restored_as_a_new_current_one(as_user, editor):
    article = draft(editor, headline_ar="الأصل")
    edit(article, editor, headline_ar="تعديل")
    response = as_user(editor).post(url("restore", article, number=1), {"note": ""}, follow=True)
    article.refresh_from_db()
    head = article.latest_revision
    assert (head.number, head.headline_ar, head.restored_from.number) == (3, "الأصل", 1)
    assert Revision.objects.filter(article=article).count() == 3
    assert "Revision 1 is restored as revision 3, the current one." in messages_of(response)


def test_restore_is_post_only_and_refused_in_the_trash(as_user, editor):
    article = draft(editor)
    edit(article, editor, headline_ar="تعديل")
    client = as_user(editor)
    assert client.get(url("restore", article, number=1)).status_code == 405
    services.article_trash(article=article, user=editor)
    response = client.post(url("restore", article, number=1), follow=True)
    assert Revision.objects.filter(article=article).count() == 2
    assert any("not possible for a story in the state" in message for message in messages_of(response))


def test_a_moderator_corrects_or_unpublishes_a_live_story_from_its_history(as_user, editor, moderator):
    article = published(editor, moderator)
    response = as_user(moderator).get(url("history", article))
    assert {move.action.value for move in response.context["moves"]} == {"correct", "unpublish"}
    assert not as_user(editor).get(url("history", article)).context["moves"]


def test_history_of_a_trashed_story_offers_to_bring_it_back(as_user, editor):
    article = draft(editor)
    services.article_trash(article=article, user=editor)
    response = as_user(editor).get(url("history", article))
    assert [move.action.value for move in response.context["moves"]] == ["untrash"]
    assert str(State.TRASHED.label) in response.content.decode()


def test_history_is_for_the_desk_only(client, reader, staff_without_roles, editor):
    article = draft(editor)
    client.force_login(reader)
    assert client.get(url("history", article)).status_code == 302
    client.force_login(staff_without_roles)
    assert client.get(url("history", article)).status_code == 403
    assert client.get("/admin/articles/article/999999/history/").status_code == 404


def test_history_takes_the_same_number_of_queries_however_long(as_user, editor, django_assert_max_num_queries):
    from tests.factories import edit

    short = published(editor)
    long = published(editor)
    for number in range(10):
        edit(long, editor, headline_ar=f"عنوان {number}")
    client = as_user(editor)
    client.get(url("history", short))
    with django_assert_max_num_queries(HISTORY_QUERIES) as few:
        client.get(url("history", short))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url("history", long)).content.decode()
    assert 'id="revision-11"' in page


# The user and their permissions, the story, its revisions, its moves;
# whether live coverage has a section to add (the story was never covered);
# its take-overs (presence).
HISTORY_QUERIES = 8


def test_a_save_of_a_live_story_reads_as_still_live(as_user, editor, moderator):
    article = published(editor, moderator)
    edit(article, editor, headline_ar="تعديل بعد النشر")
    article.refresh_from_db()
    services.article_submit(article=article, revision=article.latest_revision, user=editor)
    response = as_user(editor).get(url("history", article))
    labels = [(move.action, move.from_label, move.to_label) for move in response.context["transitions"]]
    assert labels == [
        ("submit", "Live · changes in draft", "Live · changes in review"),
        ("save", "Published", "Live · changes in draft"),
        ("publish", "In review", "Published"),
        ("submit", "Draft", "In review"),
    ]
    services.article_unpublish(article=article, user=moderator, reason="سبب")
    response = as_user(editor).get(url("history", article))
    assert [(m.from_label, m.to_label) for m in response.context["transitions"]][0] == (
        "Live · changes in review",
        "Unpublished",
    )


def test_the_trashed_storys_history_offers_its_restore_under_actions(as_user, editor):
    article = services.article_trash(article=draft(editor), user=editor)
    page = as_user(editor).get(url("history", article)).content.decode()
    assert "On the public site" not in page and ">Actions</h2>" in page and "Restore from the trash" in page
