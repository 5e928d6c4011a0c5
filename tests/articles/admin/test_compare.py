"""The compare screen: two revisions per field and language, changes marked in words, not colour."""

import pytest

from articles.admin.compare import Piece, paragraphs, pieces, render
from articles.diff import Op
from tests.factories import AuthorFactory, TagFactory, draft, edit, published, submitted

from .helpers import url

pytestmark = pytest.mark.django_db


def test_by_default_the_submitted_revision_is_compared_with_the_live_one(as_user, editor, moderator):
    article = published(editor)
    edit(article, editor, headline_ar="عنوان جديد")
    edit(article, editor, headline_ar="عنوان أحدث")
    article.refresh_from_db()
    from articles import services

    services.article_submit(article=article, revision=article.latest_revision, user=editor)
    response = as_user(moderator).get(url("compare", article))
    assert (response.context["old"].number, response.context["new"].number) == (1, 3)


def test_a_story_never_published_is_compared_with_the_revision_before(as_user, editor, moderator):
    article = draft(editor)
    edit(article, editor, headline_ar="عنوان ثان")
    article.refresh_from_db()
    response = as_user(moderator).get(url("compare", article))
    assert (response.context["old"].number, response.context["new"].number) == (1, 2)


def test_a_first_revision_is_all_insertion(as_user, editor):
    article = draft(editor)
    response = as_user(editor).get(url("compare", article))
    assert response.context["old"] is None
    assert "Nothing: everything in the revision after is new." in response.content.decode()


def test_insertions_and_deletions_are_marked_in_words_and_arabic_reads_right_to_left(as_user, editor, moderator):
    article = submitted(editor, headline_ar="العراق والولايات المتحدة يبحثان انسحاب قوات التحالف")
    from articles import services

    services.revision_approve(article=article, revision=article.review_revision, user=moderator)
    edit(article, editor, headline_ar="العِراق والولايات المتحدة يتفاوضان على انسحاب قوات التحالف")
    page = as_user(moderator).get(url("compare", article)).content.decode()

    headline = page[page.index('id="diff-headline_ar"') :][:3000]
    assert 'dir="rtl" lang="ar"' in headline
    assert '<del class="diff-delete"><span class="visually-hidden" lang="en">deleted: </span>يبحثان' in headline
    assert '<ins class="diff-insert"><span class="visually-hidden" lang="en">inserted: </span>العِراق' in headline
    assert "(end of insertion)" in headline and "(end of deletion)" in headline


def test_a_changed_link_target_and_new_bold_show_as_labelled_badges(as_user, editor):
    article = draft(editor, body_ar='<p>قال <a href="https://old.example/">التقرير</a> إن</p>')
    edit(article, editor, body_ar='<p>قال <a href="https://new.example/">التقرير</a> <strong>إن</strong></p>')
    page = as_user(editor).get(url("compare", article)).content.decode()
    assert '<span class="diff-badge" lang="en" dir="ltr">link to https://old.example/</span>' in page
    assert '<span class="diff-badge" lang="en" dir="ltr">link to https://new.example/</span>' in page
    assert '<span class="diff-badge" lang="en" dir="ltr">bold</span>' in page


def test_bylines_and_tags_show_what_was_added_removed_and_reordered(as_user, editor):
    first, second = AuthorFactory(name_en="Sara", name_ar="سارة"), AuthorFactory(name_en="Omar", name_ar="عمر")
    old_tag, new_tag = TagFactory(name_en="Oil"), TagFactory(name_en="Iraq")
    article = draft(editor, authors=[first, second], tags=[old_tag])
    edit(article, editor, authors=[second, first], tags=[new_tag])
    response = as_user(editor).get(url("compare", article))
    rows = {row.change.name: row for row in response.context["rows"]}
    assert rows["authors"].change.reordered
    assert "The order changed." in response.content.decode()
    assert "Iraq" in str(rows["tags"].added_html) and "<ins" in str(rows["tags"].added_html)
    assert "Oil" in str(rows["tags"].removed_html) and "<del" in str(rows["tags"].removed_html)


def test_side_by_side_or_inline(as_user, editor):
    article = draft(editor)
    edit(article, editor, headline_en="A new English headline")
    client = as_user(editor)
    side = client.get(url("compare", article)).content.decode()
    inline = client.get(url("compare", article), {"old": 1, "new": 2, "view": "inline"}).content.decode()
    assert 'class="diff-sides"' in side and 'class="diff-sides"' not in inline
    assert "<del" in inline and "<ins" in inline


def test_any_two_revisions_can_be_compared_and_nonsense_falls_back(as_user, editor):
    article = draft(editor)
    for word in ("ثان", "ثالث", "رابع"):
        edit(article, editor, headline_ar=f"عنوان {word}")
    client = as_user(editor)
    response = client.get(url("compare", article), {"old": 1, "new": 3})
    assert (response.context["old"].number, response.context["new"].number) == (1, 3)
    response = client.get(url("compare", article), {"old": "x", "new": 99})
    assert (response.context["old"].number, response.context["new"].number) == (3, 4)


def test_long_unchanged_stretches_are_folded_but_kept(as_user, editor):
    body = "".join(f"<p>فقرة رقم {n}</p>" for n in range(10))
    article = draft(editor, body_ar=body)
    edit(article, editor, body_ar=body.replace("فقرة رقم 5", "فقرة رقم خمسة"))
    page = as_user(editor).get(url("compare", article)).content.decode()
    assert "5 unchanged paragraphs" in page and "4 unchanged paragraphs" in page
    assert "فقرة رقم 9" in page  # folded, not dropped


def test_the_moderator_reviews_from_the_compare_screen(as_user, editor, moderator):
    article = submitted(editor)
    response = as_user(moderator).get(url("compare", article))
    assert {move.action.value for move in response.context["moves"]} == {"publish", "schedule", "request_changes"}
    assert not as_user(editor).get(url("compare", article)).context["moves"]


def test_compare_is_for_the_desk_only(client, reader, staff_without_roles, editor):
    article = draft(editor)
    client.force_login(reader)
    assert client.get(url("compare", article)).status_code == 302
    client.force_login(staff_without_roles)
    assert client.get(url("compare", article)).status_code == 403


def test_pieces_keep_each_side_and_turn_block_ends_into_line_breaks():
    ops = [
        Op("equal", "قال "),
        Op("delete", "محادثات"),
        Op("insert", "مفاوضات"),
        Op("equal", "</p>", markup=True, label="end of paragraph"),
        Op("insert", "<strong>", markup=True, label="bold"),
    ]
    assert [p.kind for p in pieces(ops, side="old")] == ["equal", "delete", "equal"]
    assert [p.kind for p in pieces(ops, side="new")] == ["equal", "insert", "equal", "insert"]
    assert pieces(ops)[3] == Piece("equal", line_break=True)
    assert pieces(ops)[4].badge == "bold"
    assert len(paragraphs(pieces(ops))) == 2
    assert render([Piece("equal", text="<b>")]) == "&lt;b&gt;"


def test_compare_takes_the_same_number_of_queries_however_many_bylines_and_tags(
    as_user, editor, django_assert_max_num_queries
):
    plain = published(editor)
    edit(plain, editor, headline_ar="عنوان جديد")
    busy = published(editor)
    edit(busy, editor, headline_ar="عنوان جديد", authors=AuthorFactory.create_batch(5), tags=TagFactory.create_batch(6))
    client = as_user(editor)
    client.get(url("compare", plain))
    with django_assert_max_num_queries(COMPARE_QUERIES) as few:
        client.get(url("compare", plain))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("compare", busy))
    assert (response.context["old"].number, response.context["new"].number) == (1, 2)


# The user and their permissions, the story, the revisions to choose from, the
# two compared with their bylines and tags.
COMPARE_QUERIES = 9


def test_a_paragraph_appended_folds_both_sides_alike():
    from articles.admin.compare import change_rows
    from articles.diff import FieldChange, diff_html

    old = "".join(f"<p>فقرة رقم {n}</p>" for n in range(3))
    new = old + "<p>فقرة جديدة</p>"
    row = change_rows(
        [FieldChange(name="body", label="body", language="ar", old=old, new=new, ops=diff_html(old, new))]
    )[0]
    # Three paragraphs before, four after: both sides fold the three kept ones, or neither would.
    assert row.old.count('<details class="diff-unchanged">') == row.new.count('<details class="diff-unchanged">') == 1


def test_changes_are_tinted_never_struck_through():
    from pathlib import Path

    from django.conf import settings

    sheet = (Path(settings.BASE_DIR) / "static" / "newsroom_admin" / "desk.css").read_text()
    rules = [line for line in sheet.splitlines() if line.startswith(("del.diff-delete", "del .diff-badge"))]
    assert rules and all("line-through" not in rule and "background" in rule for rule in rules)


def test_a_word_inserted_folds_the_same_paragraphs_on_both_sides():
    from articles.admin.compare import change_rows
    from articles.diff import FieldChange, diff_html

    old = "".join(f"<p>The talks went on, part {n}.</p>" for n in range(5))
    new = old.replace("The talks went on, part 0.", "The formal talks went on, part 0.")
    row = change_rows(
        [FieldChange(name="body", label="body", language="en", old=old, new=new, ops=diff_html(old, new))]
    )[0]
    # The first paragraph changed (on the new side only): both sides show it, and fold the other four.
    for side in (row.old, row.new, row.inline):
        assert side.startswith("The") and side.count("<details") == 1 and "4 unchanged paragraphs" in side


def test_either_side_of_a_conflict_takes_paragraphs_from_the_other_from_compare(as_user, editor):
    from articles.merge import merge_plan
    from tests.factories import EditorFactory

    colleague = EditorFactory(username="colleague")
    article = draft(editor, body_ar="<p>أول.</p><p>نصي أنا.</p>")
    start = article.latest_revision
    theirs = edit(article, colleague, base=start, body_ar="<p>أول.</p><p>نص الزميل.</p>").revision
    mine = edit(article, editor, base=start, body_ar="<p>أول.</p><p>نصي المعدل.</p>").revision
    client = as_user(colleague)
    page = client.get(f"{url('compare', article)}?old={mine.number}&new={theirs.number}").content.decode()
    assert "Take paragraphs from revisions 3 and 2 into a new revision" in page
    [chunk] = [c for c in merge_plan(mine.body_ar, theirs.body_ar) if not c.same]
    assert f'name="pick-ar-{chunk.index}"' in page

    response = client.post(
        url("combine", article),
        {"old": mine.number, "new": theirs.number, f"pick-ar-{chunk.index}": "both"},
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.latest_revision.number == 4
    assert article.latest_revision.body_ar == "<p>أول.</p><p>نصي المعدل.</p><p>نص الزميل.</p>"
    assert article.latest_revision.created_by == colleague


def test_a_pick_that_names_no_side_is_refused_and_saves_nothing(as_user, editor):
    article = draft(editor, body_ar="<p>أ</p>")
    edit(article, editor, body_ar="<p>ب</p>")
    response = as_user(editor).post(url("combine", article), {"old": 1, "new": 2, "pick-ar-0": "mine"})
    assert response.status_code == 302 and "compare" in response["Location"]
    assert article.revisions.count() == 2


def test_a_story_that_cannot_be_edited_offers_no_taking_of_paragraphs_and_refuses_it(as_user, editor):
    from articles import services

    article = draft(editor, body_ar="<p>أ</p>")
    edit(article, editor, body_ar="<p>ب</p>")
    services.article_trash(article=article, user=editor)
    client = as_user(editor)
    assert "Take paragraphs" not in client.get(f"{url('compare', article)}?old=1&new=2").content.decode()
    client.post(url("combine", article), {"old": 1, "new": 2, "pick-ar-0": "old"})
    assert article.revisions.count() == 2
