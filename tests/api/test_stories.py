"""The read API: stories, their editions, bylines, tags, picture and dates; lists, filters and cursors."""

import pytest

from tests.factories import AuthorFactory, ImageFactory, TagFactory, corrected, published, sample_story_content

pytestmark = pytest.mark.django_db


def a_picture():
    """A picture with its renditions made (what the upload's task does once the upload is committed)."""
    from articles.services.media import renditions_ensure

    image = ImageFactory(file__width=1600)
    renditions_ensure(image=image)
    return image


def test_story_detail_has_both_editions_bylines_in_order_tags_and_hijri_date(client):
    first, second = AuthorFactory(slug="sara"), AuthorFactory(slug="omar")
    story = published(authors=[second, first], tags=[TagFactory(slug="iraq")], **sample_story_content())
    corrected(story)
    answer = client.get(f"/api/v1/stories/{story.pk}")
    assert answer.status_code == 200
    data = answer.json()
    assert data["languages"] == ["ar", "en"]
    assert data["editions"]["ar"]["headline"] == story.headline_ar
    assert data["editions"]["en"]["body"] == story.body_en
    assert data["editions"]["ar"]["url"] == f"http://testserver/ar/news/{story.pk}/{story.slug}/"
    assert data["editions"]["ar"]["hijri_date"].endswith("هـ")
    assert [a["slug"] for a in data["authors"]] == ["omar", "sara"]
    assert [a["position"] for a in data["authors"]] == [1, 2]
    assert [t["slug"] for t in data["tags"]] == ["iraq"]
    assert data["section"]["slug"] == "politics"
    assert data["corrections"][0]["text"]["en"] == "Correction: a number was wrong."
    assert data["status"] == "live"


def test_story_picture_lists_every_rendition_and_crop(client):
    story = published(lead_image=a_picture(), headline_en="")
    picture = client.get(f"/api/v1/stories/{story.pk}").json()["picture"]
    assert picture["alt"]["ar"] == "صورة لاجتماع"
    crops = {(r["format"], r["crop"]) for r in picture["renditions"]}
    assert {("jpeg", None), ("webp", None), ("jpeg", "16:9"), ("jpeg", "4:3"), ("jpeg", "1:1")} <= crops
    assert all(r["url"].startswith("http://testserver/media/") for r in picture["renditions"])


def test_a_story_without_english_has_only_its_arabic_edition(client):
    story = published(headline_en="", body_en="")
    data = client.get(f"/api/v1/stories/{story.pk}").json()
    assert data["languages"] == ["ar"]
    assert list(data["editions"]) == ["ar"]
    assert client.get(f"/api/v1/stories/{story.pk}/ninjs?language=en").status_code == 404
    listed = client.get("/api/v1/stories?language=en").json()["items"]
    assert story.pk not in [item["id"] for item in listed]


def test_lists_filter_by_section_tag_author_and_dates(client):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import SectionFactory

    tag, author = TagFactory(slug="oil"), AuthorFactory(slug="huda")
    tagged = published(tags=[tag], authors=[author])
    other = published(section=SectionFactory(slug="economy"))
    ids = lambda query: [item["id"] for item in client.get(f"/api/v1/stories?{query}").json()["items"]]  # noqa: E731
    assert ids("tag=oil") == [tagged.pk]
    assert ids("author=huda") == [tagged.pk]
    assert ids("section=economy") == [other.pk]
    assert ids("section=politics") == [tagged.pk]
    soon = (timezone.now() + timedelta(hours=1)).isoformat()
    assert ids("published_after=" + soon.replace("+", "%2B")) == []
    assert set(ids("updated_since=2020-01-01T00:00:00%2B00:00")) == {tagged.pk, other.pk}
    answer = client.get("/api/v1/stories?updated_since=2020-01-01T00:00:00")
    assert answer.status_code == 400
    assert "time zone" in answer.json()["detail"]


def test_cursor_pages_walk_every_story_once(client):
    stories = [published() for _ in range(5)]
    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/stories?limit=2" + (f"&cursor={cursor}" if cursor else "")).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [story.pk for story in reversed(stories)]
    assert client.get("/api/v1/stories?cursor=not-a-cursor").status_code == 400


def test_etag_answers_304_until_the_story_changes(client):
    story = published()
    first = client.get(f"/api/v1/stories/{story.pk}")
    etag = first["ETag"]
    again = client.get(f"/api/v1/stories/{story.pk}", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    corrected(story)
    changed = client.get(f"/api/v1/stories/{story.pk}", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_search_uses_the_sites_arabic_normalisation(client):
    story = published(headline_ar="انسحاب قوات التحالف من العراق", body_ar="<p>الانسحاب من العراق</p>")
    for typed in ("والتحالف", "الإنسحاب", "العِراق"):
        found = client.get("/api/v1/search", {"q": typed, "language": "ar"}).json()["items"]
        assert [item["id"] for item in found] == [story.pk], typed


def test_sections_tags_and_authors(client):
    published(tags=[TagFactory(slug="iraq")], authors=[AuthorFactory(slug="sara")])
    assert [s["slug"] for s in client.get("/api/v1/sections").json()] == ["politics"]
    assert [t["slug"] for t in client.get("/api/v1/tags").json()["items"]] == ["iraq"]
    assert [a["slug"] for a in client.get("/api/v1/authors").json()["items"]] == ["sara"]


def test_cors_follows_the_setting(client, settings):
    settings.NEWSROOM_API_CORS_ORIGINS = ["https://app.example"]
    allowed = client.get("/api/v1/sections", HTTP_ORIGIN="https://app.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example"
    refused = client.get("/api/v1/sections", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in refused
    preflight = client.options(
        "/api/v1/stories", HTTP_ORIGIN="https://app.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 204
    assert "X-API-Key" in preflight["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Origin" not in client.get("/ar/", HTTP_ORIGIN="https://app.example")


@pytest.mark.parametrize("stories", [1, 6])
def test_list_and_detail_cost_the_same_whatever_the_stories(client, django_assert_max_num_queries, stories):
    tags = [TagFactory() for _ in range(3)]
    authors = [AuthorFactory() for _ in range(3)]
    made = [published(tags=tags, authors=authors, lead_image=a_picture()) for _ in range(stories)]
    for story in made:
        corrected(story)
    with django_assert_max_num_queries(1):
        assert len(client.get("/api/v1/stories").json()["items"]) == stories
    with django_assert_max_num_queries(1):
        assert client.get(f"/api/v1/stories/{made[0].pk}").status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(f"/api/v1/stories/{made[0].pk}/ninjs").status_code == 200


def test_public_answers_name_their_surrogate_keys_and_keyed_answers_are_private(client, live_key):
    story = published()
    detail = client.get(f"/api/v1/stories/{story.pk}")
    assert detail["Surrogate-Key"] == f"story:{story.pk}"
    assert "public" in detail["Cache-Control"]
    assert client.get("/api/v1/stories")["Surrogate-Key"] == "live"
    keyed = client.get(f"/api/v1/stories/{story.pk}", HTTP_X_API_KEY=live_key)
    assert "private" in keyed["Cache-Control"] and "Surrogate-Key" not in keyed


@pytest.mark.parametrize("stories", [1, 5])
def test_search_taxonomy_and_embargo_lists_cost_the_same_whatever_the_stories(
    client, django_assert_max_num_queries, stories, embargo_key
):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import scheduled

    tags = [TagFactory() for _ in range(3)]
    authors = [AuthorFactory() for _ in range(3)]
    later = timezone.now() + timedelta(days=1)
    for _ in range(stories):
        published(tags=tags, authors=authors, headline_ar="انسحاب قوات التحالف")
        scheduled(tags=tags, authors=authors, embargo_until=later, at=later)
    with django_assert_max_num_queries(2):
        assert len(client.get("/api/v1/search", {"q": "التحالف"}).json()["items"]) == stories
    with django_assert_max_num_queries(1):
        assert len(client.get("/api/v1/tags").json()["items"]) == 3
    with django_assert_max_num_queries(1):
        assert len(client.get("/api/v1/authors").json()["items"]) == 3
    # The key is looked up once; the scheduled revisions, their bylines and tags in three more.
    with django_assert_max_num_queries(4):
        assert len(client.get("/api/v1/embargoed", HTTP_X_API_KEY=embargo_key).json()["items"]) == stories


def test_a_nul_character_is_refused_in_json_and_the_schema_says_no_field_holds_one(client):
    for address in ("/api/v1/stories?tag=iraq%00", "/api/v1/stories?cursor=%00", "/api/v1/search?q=%D8%B9%00"):
        response = client.get(address)
        assert response.status_code == 400, address
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "The address or the form contains a character that is not allowed."}
    schema = client.get("/api/v1/openapi.json").json()
    stories = {parameter["name"]: parameter for parameter in schema["paths"]["/api/v1/stories"]["get"]["parameters"]}
    for name in ("section", "tag", "author", "cursor"):
        assert "pattern" in str(stories[name]["schema"]), name
    assert "400" in schema["paths"]["/api/v1/search"]["get"]["responses"]


def test_a_list_reads_no_body_and_names_each_storys_editions_as_its_page_does(client):
    """A list's items have no body: the list reads none, and a story's editions come from its row (``has_english``)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    both = published(**sample_story_content())
    arabic = published(headline_en="", body_en="", headline_ar="خبر بالعربية وحدها")
    with CaptureQueriesContext(connection) as queries:
        items = client.get("/api/v1/stories").json()["items"]
    story_reads = [query["sql"] for query in queries if "articles_article" in query["sql"]]
    assert story_reads
    assert not [sql for sql in story_reads if "body_ar" in sql or "body_en" in sql]
    languages = {item["id"]: item["languages"] for item in items}
    assert languages == {both.pk: ["ar", "en"], arabic.pk: ["ar"]}
    assert languages[both.pk] == client.get(f"/api/v1/stories/{both.pk}").json()["languages"]
    picture_story = published(lead_image=a_picture())
    listed = next(item for item in client.get("/api/v1/stories").json()["items"] if item["id"] == picture_story.pk)
    detail = client.get(f"/api/v1/stories/{picture_story.pk}").json()
    assert listed["picture"]["renditions"] == detail["picture"]["renditions"]
    assert all(r["url"].startswith("http://testserver/media/") for r in listed["picture"]["renditions"])
