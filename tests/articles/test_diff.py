"""Comparing revisions: per field and language, word by word, markup included."""

import pytest

from articles.diff import describe_tag, diff_html, diff_revisions, diff_text, tokenize_text
from articles.models import Revision
from tests.factories import AuthorFactory, SectionFactory, TagFactory, draft, edit


def kinds(ops):
    return [(op.kind, op.text) for op in ops]


def test_arabic_words_keep_their_diacritics():
    assert tokenize_text("قُتل ثلاثة جنودٍ") == ["قُتل", " ", "ثلاثة", " ", "جنودٍ"]
    assert tokenize_text("العِراق، والتحالف") == ["العِراق", "،", " ", "والتحالف"]


def test_adding_a_diacritic_replaces_the_whole_word_not_a_fragment():
    ops = diff_text("قتل ثلاثة جنود", "قُتل ثلاثة جنود")
    assert kinds(ops) == [("delete", "قتل"), ("insert", "قُتل"), ("equal", " ثلاثة جنود")]


def test_one_changed_word_in_an_arabic_sentence():
    ops = diff_text("أجريا محادثات لتحديد جدول زمني", "أجريا مفاوضات لتحديد جدول زمني")
    assert kinds(ops) == [
        ("equal", "أجريا "),
        ("delete", "محادثات"),
        ("insert", "مفاوضات"),
        ("equal", " لتحديد جدول زمني"),
    ]


def test_a_changed_link_target_shows_even_when_the_words_are_the_same():
    old = '<p>قال <a href="https://old.example/report">التقرير</a> إن</p>'
    new = '<p>قال <a href="https://new.example/report">التقرير</a> إن</p>'
    ops = diff_html(old, new)
    changed = [op for op in ops if op.kind != "equal"]
    assert [(op.kind, op.markup, op.label) for op in changed] == [
        ("delete", True, "link to https://old.example/report"),
        ("insert", True, "link to https://new.example/report"),
    ]
    assert "".join(op.text for op in ops if op.kind == "equal" and not op.markup) == "قال التقرير إن"


def test_making_a_word_bold_is_a_formatting_change():
    ops = diff_html("<p>الانسحاب التدريجي</p>", "<p><strong>الانسحاب</strong> التدريجي</p>")
    inserted = [op.label for op in ops if op.kind == "insert"]
    assert inserted == ["bold", "end of bold"]
    assert not [op for op in ops if op.kind == "delete"]


def test_attribute_order_and_rel_are_not_changes():
    old = '<a href="https://a.example" title="t" rel="noopener noreferrer">x</a>'
    new = "<a title='t' href=\"https://a.example\">x</a>"
    assert all(op.kind == "equal" for op in diff_html(old, new))


def test_entities_compare_as_the_characters_they_stand_for():
    assert all(op.kind == "equal" for op in diff_html("<p>&quot;قال&quot;</p>", '<p>"قال"</p>'))


def test_tags_are_described_in_words():
    assert describe_tag('<a href="https://x.example">') == "link to https://x.example"
    assert describe_tag("</a>") == "end of link"
    assert describe_tag("<h2>") == "heading"
    assert describe_tag("</em>") == "end of italic"


@pytest.mark.django_db
class TestRevisions:
    def test_changes_are_listed_per_field_and_language(self, editor):
        article = draft(editor)
        old = article.latest_revision
        new = edit(article, editor, headline_ar="عنوان جديد", headline_en="A new headline").revision
        changes = {change.key: change for change in diff_revisions(old, new)}
        assert set(changes) == {"headline_ar", "headline_en"}
        assert changes["headline_ar"].direction == "rtl"
        assert changes["headline_en"].direction == "ltr"
        assert changes["headline_ar"].old == old.headline_ar and changes["headline_ar"].new == "عنوان جديد"

    def test_identical_revisions_have_no_changes(self, editor):
        article = draft(editor)
        old = article.latest_revision
        new = edit(article, editor).revision
        assert diff_revisions(old, new) == []

    def test_relations_show_added_removed_and_reordered(self, editor):
        first, second, third = AuthorFactory(), AuthorFactory(), AuthorFactory()
        kept, dropped, added = TagFactory(), TagFactory(), TagFactory()
        article = draft(editor, authors=[first, second], tags=[kept, dropped])
        old = article.latest_revision
        new = edit(
            article, editor, authors=[second, first, third], tags=[kept, added], section=SectionFactory(slug="sport")
        ).revision
        old, new = (Revision.objects.with_relations().get(pk=r.pk) for r in (old, new))
        changes = {change.key: change for change in diff_revisions(old, new)}
        assert changes["authors"].added == [str(third)]
        assert changes["authors"].removed == []
        assert changes["authors"].reordered
        assert changes["tags"].added == [str(added)] and changes["tags"].removed == [str(dropped)]
        assert changes["section"].new == str(new.section)

    def test_a_first_revision_compares_against_nothing(self, editor):
        revision = draft(editor).latest_revision
        changes = {change.key for change in diff_revisions(None, revision)}
        assert {"headline_ar", "body_ar", "headline_en", "section"} <= changes


class TestLongStories:
    """A 30,000-word story is compared in blocks, and words only inside the blocks that changed."""

    @pytest.fixture(scope="class")
    @classmethod
    def bodies(cls):
        from tests.factories import long_arabic_bodies

        return long_arabic_bodies(30_000)

    @staticmethod
    def sides(ops):
        old = "".join(op.text for op in ops if op.kind != "insert")
        new = "".join(op.text for op in ops if op.kind != "delete")
        return old, new

    @staticmethod
    def tokens(markup):
        from articles.diff import tokenize_html

        return "".join(token for token, _is_tag in tokenize_html(markup))

    def test_only_the_changed_paragraphs_are_compared_word_by_word(self, bodies):
        from articles.diff import WORD_DIFF_LIMIT, DiffWork

        old, new = bodies
        work = DiffWork()
        ops = diff_html(old, new, work=work)
        from articles.diff import tokenize_html

        everything = len(tokenize_html(old)) + len(tokenize_html(new))
        assert work.tokens < everything / 5  # a word diff of the whole story would compare every token
        assert 0 < work.largest_run <= WORD_DIFF_LIMIT
        assert ("insert", "قُتل") in kinds(ops) and ("delete", "قتل") not in kinds(ops)
        assert self.sides(ops) == (self.tokens(old), self.tokens(new))  # exact: both texts come back whole

    def test_a_story_with_no_paragraphs_is_still_compared_in_bounded_slices(self, bodies):
        from articles.diff import WORD_DIFF_LIMIT, DiffWork

        old, new = (body.replace("</p><p>", " ") for body in bodies)
        work = DiffWork()
        ops = diff_html(old, new, work=work)
        assert work.largest_run <= WORD_DIFF_LIMIT
        assert self.sides(ops) == (self.tokens(old), self.tokens(new))

    def test_one_enormous_sentence_is_cut_into_bounded_slices(self):
        from articles.diff import WORD_DIFF_LIMIT, DiffWork

        old = " ".join(["كلمة"] * 20_000)
        new = old.replace("كلمة", "كلمات", 3)
        work = DiffWork()
        ops = diff_text(old, new, work=work)
        assert work.largest_run <= WORD_DIFF_LIMIT
        assert self.sides(ops) == (old, new)


@pytest.mark.django_db
def test_the_compare_screen_answers_a_30000_word_story(as_user, editor, moderator):
    from tests.factories import long_arabic_bodies

    old_body, new_body = long_arabic_bodies(30_000)
    article = draft(editor, body_ar=old_body)
    edit(article, editor, body_ar=new_body)
    response = as_user(moderator).get(f"/admin/articles/article/{article.pk}/compare/?old=1&new=2")
    assert response.status_code == 200
    assert "قُتل" in response.content.decode()


def test_thousands_of_identical_sentences_compare_exactly():
    old = "<p>" + "قال المتحدث. " * 20_000 + "</p>"
    new = old.replace("قال", "قالت", 5)
    ops = diff_html(old, new)
    assert "".join(op.text for op in ops if op.kind != "delete").count("قالت") == 5
