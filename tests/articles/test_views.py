"""The public pages as a reader gets them: what each page shows, in each edition."""

import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone, translation

from articles import services
from articles.models import Article
from articles.services.media import renditions_ensure
from tests.factories import (
    AuthorFactory,
    ImageFactory,
    ModeratorFactory,
    SectionFactory,
    TagFactory,
    corrected,
    image_bytes,
    published,
    sample_story_content,
    unpublished,
)

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def story_url(article, language="ar") -> str:
    return f"/{language}/news/{article.pk}/{article.slug}/"


def translated(message: str, language: str, context: str = "") -> str:
    """``message`` as a page in ``language`` prints it (tests otherwise run in English)."""
    with translation.override(language):
        return translation.pgettext(context, message) if context else translation.gettext(message)


# --- the page shell ----------------------------------------------------------------


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_every_page_carries_its_language_and_direction(client, language, direction):
    article = published(tags=[TagFactory(slug="iraq")], authors=[AuthorFactory(slug="sara")])
    year = timezone.localtime(article.first_published_at).year
    for path in ["", "section/politics/", "tag/iraq/", "author/sara/", f"archive/{year}/", "search/?q=x"]:
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200, path
        assert f'<html lang="{language}" dir="{direction}">' in html(response), path


def test_every_page_has_a_search_box_and_a_skip_link(client):
    published()
    page = html(client.get("/ar/"))
    assert 'role="search"' in page
    assert 'action="/ar/search/"' in page
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main"' in page


def test_pages_link_the_other_edition_and_advertise_feeds(client):
    published()
    page = html(client.get("/ar/section/politics/"))
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/section/politics/">' in page
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/ar/section/politics/">' in page
    assert '<link rel="canonical" href="http://testserver/ar/section/politics/">' in page
    assert 'class="edition-switch" href="http://testserver/en/section/politics/"' in page
    assert 'type="application/rss+xml"' in page and 'href="/ar/feeds/rss/"' in page
    assert 'href="/ar/section/politics/rss/"' in page
    assert 'href="/ar/section/politics/atom/"' in page


# --- the home page -----------------------------------------------------------------


def test_home_leads_with_the_newest_story_then_latest_by_section(client):
    economy = SectionFactory(slug="economy", name_ar="اقتصاد", name_en="Economy", order=2)
    older = published(headline_ar="خبر سياسي أقدم")
    newer = published(headline_ar="خبر اقتصادي أحدث", section=economy)
    page = html(client.get("/ar/"))
    lead = page.split('class="lead"')[1].split("</section>")[0]
    assert newer.headline_ar in lead
    groups = page.split('class="home-sections"')[1]
    assert older.headline_ar in groups
    assert "سياسة" in groups


def test_english_home_lists_only_stories_with_an_english_edition(client):
    both = published(headline_en="Talks resume in Baghdad")
    arabic_only = published(headline_ar="خبر بالعربية فقط", headline_en="", body_en="", standfirst_en="")
    page = html(client.get("/en/"))
    assert "Talks resume in Baghdad" in page
    assert f"/news/{arabic_only.pk}/" not in page
    assert f"/news/{both.pk}/" in page


# --- the story page ----------------------------------------------------------------


@pytest.fixture
def sample(db):
    """The sample report, as the demo newsroom publishes it, with a picture and two bylines."""
    image = ImageFactory(
        file=ContentFile(image_bytes(size=(1000, 600)), name="map.jpg"),
        alt_ar="خريطة العراق",
        caption_ar="جنود في قاعدة",
        credit_ar="رويترز/أحمد",
        credit_en="Reuters",
    )
    renditions_ensure(image=image)  # what the upload's task does once the upload is committed
    return published(
        **sample_story_content(lead_image=image),
        authors=[
            AuthorFactory(slug="sara-hassan", name_ar="سارة حسن", name_en="Sara Hassan"),
            AuthorFactory(slug="omar-khalil", name_ar="عمر خليل", name_en="Omar Khalil"),
        ],
        tags=[TagFactory(slug="iraq", name_ar="العراق", name_en="Iraq")],
    )


def test_story_page_shows_the_story_as_approved(client, sample):
    page = html(client.get(story_url(sample)))
    assert f'<h1 class="story__headline">{sample.headline_ar}</h1>' in page
    assert sample.standfirst_ar in page
    assert "القاهرة" in page  # the dateline
    assert "قال المتحدث باسم الجيش العراقي" in page
    assert 'href="/ar/author/sara-hassan/" rel="author">سارة حسن</a>' in page
    assert 'href="/ar/author/omar-khalil/" rel="author">عمر خليل</a>' in page
    assert page.index("سارة حسن") < page.index("عمر خليل")
    assert 'href="/ar/tag/iraq/" rel="tag">العراق</a>' in page


def test_arabic_story_dates_use_arabic_months_digits_and_the_hijri_calendar(client, sample):
    moment = timezone.make_aware(timezone.datetime(2024, 1, 28, 9, 30), timezone.get_fixed_timezone(180))
    Article.objects.filter(pk=sample.pk).update(first_published_at=moment)
    page = html(client.get(story_url(sample)))
    assert '<time datetime="2024-01-28T09:30:00+03:00">٢٨ يناير ٢٠٢٤، ٠٩:٣٠</time>' in page
    assert "١٦ رجب ١٤٤٥ هـ" in page


def test_english_story_dates_are_plain_gregorian(client, sample):
    moment = timezone.make_aware(timezone.datetime(2024, 1, 28, 9, 30), timezone.get_fixed_timezone(180))
    Article.objects.filter(pk=sample.pk).update(first_published_at=moment)
    page = html(client.get(story_url(sample, "en")))
    assert '<time datetime="2024-01-28T09:30:00+03:00">28 January 2024, 09:30</time>' in page
    assert "Rajab" not in page


def test_updated_time_appears_once_a_later_revision_went_live(client, sample):
    from tests.factories import republished

    republished(sample, standfirst_ar="محادثات مستأنفة")
    page = html(client.get(story_url(sample)))
    assert page.count("<time datetime=") >= 2
    assert translated("Updated", "ar", context="story date") in page


def test_story_lead_image_is_a_picture_of_stored_renditions_with_caption_and_credit(client, sample):
    page = html(client.get(story_url(sample)))
    picture = page.split("<picture>")[1].split("</picture>")[0]
    assert '<source type="image/webp" srcset="/media/renditions/' in picture
    assert re.search(r'srcset="/media/renditions/[^"]+\.jpg \d+w"', picture)
    assert 'alt="خريطة العراق"' in picture
    assert "<figcaption>جنود في قاعدة" in page
    assert '<span class="credit credit--after-caption">رويترز/أحمد</span>' in page


def test_story_shows_its_corrections(client, sample):
    corrected(sample, text_ar="صُحّح عدد الجنود.", text_en="The number of troops was corrected.")
    assert "صُحّح عدد الجنود." in html(client.get(story_url(sample)))
    english = html(client.get(story_url(sample, "en")))
    assert "The number of troops was corrected." in english
    assert 'class="corrections"' in english


def test_story_lists_related_live_stories(client, sample, django_capture_on_commit_callbacks):
    iraq = sample.tags.get()
    with django_capture_on_commit_callbacks(execute=True):  # the follow-up joins the sample's related list
        other = published(headline_ar="خبر آخر عن العراق", tags=[iraq], section=SectionFactory(slug="world"))
    page = html(client.get(story_url(sample)))
    related = page.split('class="related"')[1]
    assert other.headline_ar in related
    assert sample.headline_ar not in related


def test_language_switch_offers_english_only_when_the_story_has_it(client, sample):
    arabic_only = published(headline_en="", body_en="", standfirst_en="", dateline_en="")
    assert 'hreflang="en"' in html(client.get(story_url(sample)))
    page = html(client.get(story_url(arabic_only)))
    assert 'hreflang="en"' not in page
    assert "edition-switch" not in page
    assert client.get(f"/en/news/{arabic_only.pk}/{arabic_only.slug}/").status_code == 404


def test_story_address_with_a_wrong_slug_redirects_to_the_right_one(client, sample):
    response = client.get(f"/ar/news/{sample.pk}/old-slug/")
    assert response.status_code == 301
    assert response["Location"] == story_url(sample)


def test_story_has_open_graph_twitter_and_news_article_data(client, sample):
    import json

    corrected(sample)
    page = html(client.get(story_url(sample)))
    assert '<meta property="og:type" content="article">' in page
    assert f'<meta property="og:title" content="{sample.headline_ar}">' in page
    assert '<meta property="og:image" content="http://testserver/media/renditions/' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    raw = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == sample.headline_ar
    assert data["inLanguage"] == "ar"
    assert data["datePublished"] and data["dateModified"]
    assert [a["name"] for a in data["author"]] == ["سارة حسن", "عمر خليل"]
    assert data["publisher"]["name"] == "الخبر"
    assert data["image"][0].startswith("http://testserver/media/renditions/")
    assert data["correction"][0]["@type"] == "CorrectionComment"


def test_structured_data_cannot_close_its_script_element(client):
    article = published(headline_ar="عنوان </script><script>alert(1)</script>")
    page = html(client.get(story_url(article)))
    data = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in data
    assert "\\u003C/script\\u003E" in data
    assert "<script>alert(1)" not in page


# --- lists -------------------------------------------------------------------------


def test_section_tag_author_and_archive_pages_list_their_live_stories(client):
    tag = TagFactory(slug="oil")
    author = AuthorFactory(slug="omar")
    article = published(headline_ar="النفط يرتفع", tags=[tag], authors=[author])
    local = timezone.localtime(article.first_published_at)
    for path in [
        "/ar/section/politics/",
        "/ar/tag/oil/",
        "/ar/author/omar/",
        f"/ar/archive/{local.year}/",
        f"/ar/archive/{local.year}/{local.month}/",
        f"/ar/archive/{local.year}/{local.month}/{local.day}/",
    ]:
        page = html(client.get(path))
        assert "النفط يرتفع" in page, path


def test_archive_of_another_day_does_not_list_the_story(client):
    article = published()
    other_day = timezone.localtime(article.first_published_at) - timedelta(days=3)
    page = html(client.get(f"/ar/archive/{other_day.year}/{other_day.month}/{other_day.day}/"))
    assert article.headline_ar not in page


@override_settings(NEWSROOM_PAGE_SIZE=2)
def test_lists_are_paginated(client):
    for number in range(5):
        published(headline_ar=f"خبر رقم {number}")
    first = html(client.get("/ar/section/politics/"))
    assert "خبر رقم 4" in first and "خبر رقم 2" not in first
    assert 'rel="next" href="?page=2"' in first
    third = html(client.get("/ar/section/politics/?page=3"))
    assert "خبر رقم 0" in third
    assert '<link rel="canonical" href="http://testserver/ar/section/politics/?page=3">' in third


@pytest.mark.parametrize("number", ["9", "0", "-1", "abc", "1e9", "99999999999999999999"])
def test_a_page_number_that_does_not_exist_is_a_clear_404(client, number):
    published()
    response = client.get(f"/ar/section/politics/?page={number}")
    assert response.status_code == 404
    assert translated("There is no such page in this list.", "ar") in html(response)


@pytest.mark.parametrize("path", ["/ar/archive/2024/13/", "/ar/archive/2024/2/30/", "/ar/archive/0/"])
def test_impossible_dates_are_404(client, path):
    assert client.get(path).status_code == 404


# --- errors ------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_not_found_page_in_each_language(client, language, direction):
    response = client.get(f"/{language}/news/999999/nothing/")
    assert response.status_code == 404
    assert f'<html lang="{language}" dir="{direction}">' in html(response)
    assert f'href="/{language}/"' in html(response)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_unpublished_story_answers_410_gone(client, language):
    article = unpublished()
    response = client.get(f"/{language}/news/{article.pk}/{article.slug}/")
    assert response.status_code == 410
    assert translated("Story withdrawn", language) in html(response)
    assert article.headline_ar not in html(response)


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_server_error_page_in_each_language_without_the_database(rf, language, direction, django_assert_num_queries):
    from django.utils import translation

    from articles.views import server_error

    with translation.override(language), django_assert_num_queries(0):
        response = server_error(rf.get(f"/{language}/"))
    assert response.status_code == 500
    assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()


def test_robots_txt_names_the_sitemaps(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Sitemap: http://testserver/sitemap-news.xml" in body
    assert "Disallow: /admin/" in body


def test_date_archives_are_reachable_from_the_story_and_the_footer(client, sample):
    local = timezone.localtime(sample.first_published_at)
    page = html(client.get(story_url(sample)))
    assert f'<a href="/ar/archive/{local.year}/{local.month}/{local.day}/"><time' in page
    now = timezone.localtime()
    assert f'href="/ar/archive/{now.year}/{now.month}/"' in page


def test_section_page_marks_its_section_in_the_navigation(client):
    published()
    page = html(client.get("/ar/section/politics/"))
    assert 'href="/ar/section/politics/" aria-current="page"' in page


def test_arabic_byline_joins_the_last_author_with_an_attached_waw(client, sample):
    page = html(client.get(story_url(sample)))
    assert 'سارة حسن</a> و<a href="/ar/author/omar-khalil/"' in page


def test_deep_pages_of_a_list_show_the_same_stories_as_plain_slicing(client, settings, monkeypatch):
    from articles.views import StoryPaginator

    settings.NEWSROOM_PAGE_SIZE = 2
    monkeypatch.setattr(StoryPaginator, "deep", 1)  # every page after the first finds its stories by id
    stories = [published(headline_ar=f"خبر رقم {number}") for number in range(9)]
    newest_first = [story.pk for story in reversed(stories)]
    for page in range(1, 6):
        body = html(client.get(f"/ar/section/politics/?page={page}"))
        shown = [pk for pk in newest_first if f"/news/{pk}/" in body]
        assert shown == newest_first[(page - 1) * 2 : page * 2], page


def test_arabic_lists_give_the_hijri_date_beside_each_story_and_english_lists_do_not(client, sample):
    moment = timezone.make_aware(timezone.datetime(2024, 1, 28, 9, 30), timezone.get_fixed_timezone(180))
    Article.objects.filter(pk=sample.pk).update(first_published_at=moment)
    for path in ("/ar/", f"/ar/section/{sample.section.slug}/", "/ar/search/?q=التحالف"):
        page = html(client.get(path))
        assert (
            '<time datetime="2024-01-28T09:30:00+03:00">٢٨ يناير ٢٠٢٤</time> <span class="hijri">(١٦ رجب ١٤٤٥ هـ)</span>'
            in page
        ), path
    for path in ("/en/", f"/en/section/{sample.section.slug}/"):
        page = html(client.get(path))
        assert '<time datetime="2024-01-28T09:30:00+03:00">28 January 2024</time>' in page and "Rajab" not in page, path


# --- how many pages a list has (kept until a change readers can see) ---------------


def _list_paths(story):
    local = timezone.localtime(story.first_published_at)
    tag, author = story.tags.get(), story.authors.get()
    return [
        f"/ar/section/{story.section.slug}/",
        f"/ar/tag/{tag.slug}/",
        f"/ar/author/{author.slug}/",
        f"/ar/archive/{local.year}/{local.month}/",
    ]


@pytest.mark.parametrize("which", range(4), ids=["section", "tag", "author", "archive"])
def test_a_lists_pages_follow_each_story_published_and_withdrawn(
    client, settings, django_capture_on_commit_callbacks, which
):
    settings.NEWSROOM_PAGE_SIZE = 2
    settings.NEWSROOM_PAGE_CACHE = False  # the page itself is made each time: its count is what is kept
    tag, author = TagFactory(), AuthorFactory()
    stories = [published(tags=[tag], authors=[author]) for _ in range(2)]
    path = _list_paths(stories[0])[which]
    assert 'rel="next"' not in html(client.get(path))
    assert client.get(f"{path}?page=2").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):  # announced once committed
        third = published(tags=[tag], authors=[author])
    assert 'rel="next" href="?page=2"' in html(client.get(path))
    second_page = html(client.get(f"{path}?page=2"))
    assert f"/news/{stories[0].pk}/" in second_page and 'rel="prev"' in second_page
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=third, user=ModeratorFactory(), reason="Withdrawn for the test")
    assert 'rel="next"' not in html(client.get(path))
    assert client.get(f"{path}?page=2").status_code == 404


def test_a_list_is_counted_once_until_a_story_changes(
    client, settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = False
    story = published()
    path = f"/ar/section/{story.section.slug}/"
    client.get(path)  # counted, and the sections read
    with django_assert_num_queries(3):  # the section, the page of stories, the navigation: not how many
        assert client.get(path).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        published()
    with django_assert_num_queries(4):  # counted again
        assert client.get(path).status_code == 200


def test_each_edition_of_a_list_is_counted_on_its_own(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 1
    settings.NEWSROOM_PAGE_CACHE = False
    published()
    published(headline_en="", standfirst_en="", dateline_en="", body_en="")  # Arabic only
    assert 'rel="next"' in html(client.get("/ar/section/politics/"))
    assert 'rel="next"' not in html(client.get("/en/section/politics/"))


@pytest.mark.parametrize("kind", ["tag", "author"])
def test_a_tags_and_an_authors_pages_show_their_stories_newest_first_in_each_edition(client, settings, kind):
    settings.NEWSROOM_PAGE_SIZE = 2
    tag, author = TagFactory(slug="tagged"), AuthorFactory(slug="bylined")
    published()  # neither tagged nor bylined
    stories = []
    for number in range(5):
        arabic_only = {"headline_en": "", "standfirst_en": "", "dateline_en": "", "body_en": ""} if number == 3 else {}
        stories.append(published(tags=[tag], authors=[author], **arabic_only))
    path = {"tag": "tag/tagged", "author": "author/bylined"}[kind]
    for language, shown in (("ar", stories), ("en", [s for s in stories if s.has_english])):
        newest_first = [story.pk for story in reversed(shown)]
        for page in range(1, 4):
            body = html(client.get(f"/{language}/{path}/?page={page}"))
            listed = [int(pk) for pk in re.findall(r'href="/[a-z]{2}/news/(\d+)/', body)]
            assert list(dict.fromkeys(listed)) == newest_first[(page - 1) * 2 : page * 2], (language, page)
