"""IPTC ninjs 2.2: the sample story in both languages validates against the project's copy of IPTC's schema."""

import jsonschema
import pytest

from api.ninjs import ninjs_schema
from tests.factories import AuthorFactory, ImageFactory, TagFactory, corrected, published, sample_story_content

pytestmark = pytest.mark.django_db


def validator():
    schema = ninjs_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture
def sample(db):
    from articles.services.media import renditions_ensure

    image = ImageFactory(file__width=1200)
    renditions_ensure(image=image)
    story = published(
        authors=[AuthorFactory(slug="sara"), AuthorFactory(slug="omar")],
        tags=[TagFactory(slug="iraq")],
        lead_image=image,
        **sample_story_content(),
    )
    corrected(story)
    return story


@pytest.mark.parametrize("language", ["ar", "en"])
def test_sample_story_ninjs_validates_in_both_languages(client, sample, language):
    item = client.get(f"/api/v1/stories/{sample.pk}/ninjs?language={language}").json()
    validator().validate(item)
    assert item["uri"] == f"urn:newsroom:alkhabar:story:{sample.pk}:{language}"
    assert item["language"] == language
    assert item["type"] == "text"
    assert item["headlines"][0]["value"] == getattr(sample, f"headline_{language}")
    assert item["bodies"][0]["contenttype"] == "text/html"
    assert [person["literal"] for person in item["people"]] == ["sara", "omar"]
    assert {subject["rel"] for subject in item["subjects"]} == {"section", "tag"}
    assert any(r["format"] == "16:9" for r in item["renditions"])
    assert item["firstcreated"] and item["versioncreated"]
    assert item["pubstatus"] == "usable"


def test_the_schema_refuses_what_ninjs_does_not_allow(client, sample):
    item = client.get(f"/api/v1/stories/{sample.pk}/ninjs").json()
    with pytest.raises(jsonschema.ValidationError):
        validator().validate({**item, "hijri": "x"})  # not a ninjs property
    with pytest.raises(jsonschema.ValidationError):
        validator().validate({**item, "type": "article"})


def test_an_embargoed_story_says_when_its_embargo_ends(client, embargo_key):
    from datetime import timedelta

    from django.utils import timezone

    from api.ninjs import story_ninjs
    from api.representation import scheduled_view, story_data
    from api.selectors import embargoed_stories
    from tests.factories import scheduled

    until = timezone.now() + timedelta(hours=5)
    story = scheduled(embargo_until=until, at=until)
    data = client.get(f"/api/v1/embargoed/{story.pk}", HTTP_X_API_KEY=embargo_key).json()
    assert data["embargoed_until"] == until.isoformat()
    from django.test import RequestFactory

    item = story_ninjs(
        story_data(scheduled_view(embargoed_stories().get(pk=story.pk)), RequestFactory().get("/")), "ar"
    )
    validator().validate(item)
    assert item["embargoed"] == until.isoformat()
    assert item["pubstatus"] == "withheld"
