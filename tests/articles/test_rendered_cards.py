"""The story cards the lists print from the drawn copy (``articles.rendered.CARDS``), after every kind of change.

A stored card is printed only when it is what the list would draw from the
values it read; these tests check that it is printed then (a marker put
into the stored copy shows on the page), that it never is once stale, and
that the pages are byte for byte what the card's template draws.
"""

from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.template import Template
from django.template.context import Context
from django.utils import timezone, translation

from articles import rendered, selectors
from articles.models import Article, Image, RenderedStory, Section
from articles.selectors.public import article_card_rows
from articles.services.library import library_save
from articles.services.media import renditions_ensure
from tests.factories import AuthorFactory, ImageFactory, SectionFactory, TagFactory, published, republished

pytestmark = pytest.mark.django_db

MARK = 'data-stored-card="1" '

# Each card as ``articles/home.html`` and ``articles/list.html`` included the
# card's template before the ``story_card`` tag: what the stored cards must equal.
INCLUDED = {
    "lead": '{% include "includes/story_card.html" with story=story lead=True show_image=True show_section=True %}',
    "section": '{% include "includes/story_card.html" with show_image=True %}',
    "list": '{% include "includes/story_card.html" with show_image=True show_section=True %}',
}
# The home page's groups: the first with its picture and standfirst, the others compact.
GROUP = (
    "{% for story in stories %}"
    '{% include "includes/story_card.html" with level=3 show_image=forloop.first compact=forloop.counter0 %}'
    "{% endfor %}"
)


@pytest.fixture
def newsroom(editor, moderator):
    """Two live stories of one section, tag and author: one with everything a card shows, one bare."""
    section = SectionFactory(slug="economy", name_ar="اقتصاد", name_en="Economy")
    tag = TagFactory(slug="oil", name_ar="النفط", name_en="Oil")
    author = AuthorFactory(slug="sara", name_ar="سارة حسن", name_en="Sara Hassan")
    image = ImageFactory(alt_ar="حقل نفط", alt_en="An oil field")
    renditions_ensure(image=image)
    bare = published(
        editor, moderator, section=section, tags=[tag], authors=[author], standfirst_ar="", standfirst_en=""
    )
    full = published(editor, moderator, section=section, tags=[tag], authors=[author], lead_image=image)
    return {"full": full, "bare": bare, "section": section, "image": image}


def listed(article, language="ar") -> Article:
    """``article`` as the lists in ``language`` read it."""
    return article_card_rows([article.pk], language).get()


def stored(article, language="ar") -> dict:
    """The stored cards of ``article`` in ``language``, asserting they are fit to print as a list reads the story."""
    row = RenderedStory.objects.get(article_id=article.pk, language=language)
    assert row.version == rendered.version()
    with translation.override(language):
        fingerprint = rendered.card_fingerprint(listed(article, language))
    cards = {name: text for kind in row.cards.values() for name, text in kind.items()}
    assert {text[: rendered.FINGERPRINT_LENGTH] for text in cards.values()} == {fingerprint}
    return {name: text[rendered.FINGERPRINT_LENGTH :] for name, text in cards.items()}


def mark_stored_cards(*articles):
    """Put a marker into the stored cards, as drawn from the same values: a page showing it printed them."""
    for row in RenderedStory.objects.filter(article__in=articles):
        cards = {
            kind: {name: text.replace("<article ", f"<article {MARK}", 1) for name, text in found.items()}
            for kind, found in row.cards.items()
        }
        RenderedStory.objects.filter(pk=row.pk).update(cards=cards)


def page(client, url) -> str:
    cache.clear()  # the page as a cold request draws it
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def urls(newsroom, language="ar"):
    local = timezone.localtime(newsroom["full"].first_published_at)
    return [
        f"/{language}/",
        f"/{language}/section/economy/",
        f"/{language}/tag/oil/",
        f"/{language}/author/sara/",
        f"/{language}/archive/{local.year}/{local.month}/",
    ]


def test_going_live_stores_every_card_of_each_edition(newsroom):
    for language in ("ar", "en"):
        cards = stored(newsroom["full"], language)
        assert set(cards) == set(rendered.CARDS)
        assert "<picture" in cards["lead"] and "<picture" not in cards["group_more"]
    assert "اقتصاد" in stored(newsroom["full"])["list"] and "Economy" in stored(newsroom["full"], "en")["lead"]


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("which", ["full", "bare"])
def test_each_stored_card_is_byte_for_byte_what_the_template_included(newsroom, language, which):
    story = listed(newsroom[which], language)
    cards = stored(newsroom[which], language)
    with translation.override(language):
        for name, source in INCLUDED.items():
            assert cards[name] == Template(source).render(Context({"story": story})), name
        group = Template(GROUP).render(Context({"stories": [story, story]}))
    assert cards["group"] + cards["group_more"] == group
    if which == "full":
        assert "card__standfirst" in cards["group"] and "card__standfirst" not in cards["group_more"]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_lists_print_the_stored_cards_and_are_the_same_without_them(client, newsroom, language):
    mark_stored_cards(newsroom["full"], newsroom["bare"])
    for url in urls(newsroom, language):
        printed = page(client, url)
        assert printed.count(MARK) == 2, url  # both stories' cards, from the stored copy
        with mock.patch.object(rendered, "stored_card", return_value=None):
            drawn = page(client, url)
        assert MARK not in drawn
        assert printed.replace(MARK, "") == drawn, url  # byte for byte


def test_a_story_without_a_stored_copy_is_drawn(client, newsroom):
    expected = {url: page(client, url) for url in urls(newsroom)}
    RenderedStory.objects.all().delete()
    assert {url: page(client, url) for url in urls(newsroom)} == expected
    # A copy drawn before the cards existed holds none.
    call_command("story_render")
    RenderedStory.objects.update(cards={})
    assert {url: page(client, url) for url in urls(newsroom)} == expected


def test_a_card_of_another_version_is_never_printed(client, newsroom):
    mark_stored_cards(newsroom["full"], newsroom["bare"])
    with mock.patch.object(rendered, "version", return_value="another"):
        for url in urls(newsroom):
            assert MARK not in page(client, url), url


def test_a_story_edited_past_the_services_is_drawn_not_misprinted(client, newsroom):
    mark_stored_cards(newsroom["full"], newsroom["bare"])
    Article.objects.filter(pk=newsroom["full"].pk).update(headline_ar="عنوان كتب في قاعدة البيانات")
    printed = page(client, "/ar/section/economy/")
    assert "عنوان كتب في قاعدة البيانات" in printed
    assert printed.count(MARK) == 1  # the bare story's card is still as drawn


def test_a_new_live_revision_draws_the_cards_again(client, newsroom, editor, moderator):
    picture = ImageFactory(alt_ar="صورة أخرى")
    renditions_ensure(image=picture)
    picture.refresh_from_db()
    changes = {"headline_ar": "عنوان جديد بعد الموافقة", "standfirst_ar": "موجز جديد", "lead_image": picture}
    republished(newsroom["full"], editor, moderator, **changes)
    cards = stored(newsroom["full"])
    assert "عنوان جديد بعد الموافقة" in cards["section"] and "موجز جديد" in cards["lead"]
    assert picture.rendition_urls("jpeg")[0][0] in cards["lead"] and "صورة أخرى" in cards["lead"]
    mark_stored_cards(newsroom["full"])
    assert "عنوان جديد بعد الموافقة" in page(client, "/ar/")
    assert MARK in page(client, "/ar/")


def test_a_renamed_section_is_never_printed_under_its_old_name(client, newsroom, django_capture_on_commit_callbacks):
    mark_stored_cards(newsroom["full"], newsroom["bare"])
    Section.objects.filter(pk=newsroom["section"].pk).update(name_ar="المال والأعمال")  # before any refresh
    printed = page(client, "/ar/tag/oil/")
    assert MARK not in printed and "اقتصاد" not in printed and printed.count("المال والأعمال") >= 2
    # Renamed through the library, the stories' copies are refreshed: their cards print again.
    section = Section.objects.get(pk=newsroom["section"].pk)
    section.name_ar = "الاقتصاد والأعمال"
    with django_capture_on_commit_callbacks(execute=True):
        library_save(obj=section)
    assert "الاقتصاد والأعمال" in stored(newsroom["full"])["list"]
    mark_stored_cards(newsroom["full"], newsroom["bare"])
    assert page(client, "/ar/tag/oil/").count(MARK) == 2


def test_a_changed_picture_is_never_printed_from_the_old_card(client, newsroom):
    mark_stored_cards(newsroom["full"], newsroom["bare"])
    image = Image.objects.get(pk=newsroom["image"].pk)
    sources = {fmt: [[f"{name}.v2", *size] for name, *size in found] for fmt, found in image.sources.items()}
    Image.objects.filter(pk=image.pk).update(sources=sources)  # its renditions made again, before any refresh
    printed = page(client, "/ar/section/economy/")
    assert printed.count(MARK) == 1 and ".v2" in printed  # the bare story's card only
    # The library's alt text, which a list prints when the approved copy has none for the picture.
    Image.objects.filter(pk=image.pk).update(sources=image.sources, alt_ar="نص بديل جديد")
    Article.objects.filter(pk=newsroom["full"].pk).update(live_extras={})
    printed = page(client, "/ar/section/economy/")
    assert printed.count(MARK) == 1 and "نص بديل جديد" in printed


def test_a_changed_card_template_gives_the_cards_another_version(client, newsroom):
    """The card's template is part of ``version()``: cards drawn by another one are never printed."""
    with open(rendered.get_template(rendered.CARD).origin.name, "rb") as card:
        assert card.read() in rendered._sources()
    here = rendered.version()
    mark_stored_cards(newsroom["full"], newsroom["bare"])
    with (
        mock.patch.dict(rendered._VERSIONS, clear=True),
        mock.patch.object(rendered, "_sources", return_value=b"<article>a changed card</article>"),
    ):
        assert rendered.version() != here
        assert MARK not in page(client, "/ar/section/economy/")
    assert rendered.version() == here
    assert page(client, "/ar/section/economy/").count(MARK) == 2


def test_nothing_in_a_card_depends_on_when_it_is_read(newsroom):
    """Dates are printed as dates, in TIME_ZONE (part of the version): no "3 hours ago" frozen into a card."""
    cards = stored(newsroom["full"])
    text = "".join(cards.values())
    assert "منذ" not in text and " ago" not in text
    local = timezone.localtime(newsroom["full"].first_published_at, timezone=timezone.get_default_timezone())
    assert f'<time datetime="{local.isoformat(timespec="seconds")}">' in cards["list"]


def test_story_render_draws_the_missing_cards(newsroom):
    RenderedStory.objects.all().delete()
    call_command("story_render")
    for language in ("ar", "en"):
        assert set(stored(newsroom["full"], language)) == set(rendered.CARDS)
        assert set(stored(newsroom["bare"], language)) == set(rendered.CARDS)


def test_the_home_page_prints_each_storys_own_card_from_the_stored_copy(client, newsroom, editor, moderator):
    """The lead's card, the first of a group's with its picture, the others' compact: each read by the home query."""
    latest = published(editor, moderator, section=newsroom["section"], lead_image=newsroom["image"])
    mark_stored_cards(latest, newsroom["full"], newsroom["bare"])
    printed = page(client, "/ar/")
    assert printed.count(MARK) == 3
    assert f'<article {MARK}class="card card--lead">' in printed
    with mock.patch.object(rendered, "stored_card", return_value=None):
        assert printed.replace(MARK, "") == page(client, "/ar/")


def test_a_card_read_for_another_way_of_listing_is_not_printed_for_this_one(newsroom):
    """A list reads the cards of its own kind (``rendered.LISTS``); asked for another, it draws it."""
    with translation.override("ar"):
        (story,) = selectors.section_stories(newsroom["section"], "ar").filter(pk=newsroom["full"].pk)
        assert rendered.stored_card(story, "section") is not None
        assert rendered.stored_card(story, "list") is None
        assert rendered.card(story, "list") == stored(newsroom["full"])["list"]


def test_a_fingerprint_tells_apart_texts_that_read_alike_when_joined():
    """Texts go into a fingerprint as they are, each after its length: no two lists of them read alike."""
    digests = {
        rendered._digest(texts, (1,), 16)
        for texts in (["ab", "c"], ["a", "bc"], ["abc"], ["abc", ""], ["abc", None], ["3;abc"], [None, "abc"])
    }
    assert len(digests) == 7
    assert rendered._digest(["خبر"], (1,), 16) != rendered._digest(["خبر"], (2,), 16)  # and the other values count


def test_every_value_a_card_prints_changes_its_fingerprint(newsroom):
    story = newsroom["full"]
    with translation.override("ar"):
        before = rendered.card_fingerprint(listed(story))
        assert rendered.card_fingerprint(listed(story)) == before
        for name, value in (("headline_en", "Other"), ("standfirst_ar", "نص آخر"), ("slug", "other")):
            changed = listed(story)
            setattr(changed, name, value)
            assert rendered.card_fingerprint(changed) != before, name
        changed = listed(story)
        changed.section.name_en = "Elsewhere"
        assert rendered.card_fingerprint(changed) != before
        changed = listed(story)
        changed.approved_alt = "نص بديل آخر"
        assert rendered.card_fingerprint(changed) != before
