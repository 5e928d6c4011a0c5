"""A bounded property-based run of the API against its own OpenAPI 3.1 schema (schemathesis).

Hypothesis makes requests from the schema (odd slugs, dates, cursors,
limits, keys, Arabic search terms); every answer must be documented, match
its schema and never be a 5xx. Bounded by ``MAX_EXAMPLES`` per operation so
the run stays well under two minutes.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.factories import AuthorFactory, TagFactory, corrected, published, sample_story_content

MAX_EXAMPLES = 25


@pytest.fixture
def api_schema(db, settings):
    from django.core.wsgi import get_wsgi_application

    settings.NEWSROOM_API_ANONYMOUS_PER_MINUTE = 100_000
    story = published(authors=[AuthorFactory(slug="sara")], tags=[TagFactory(slug="iraq")], **sample_story_content())
    corrected(story)
    published(headline_en="", body_en="")
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


def test_the_schema_is_valid_openapi_3_1(api_schema):
    raw = api_schema.raw_schema
    assert raw["openapi"].startswith("3.1")
    assert "/api/v1/stories/{story_id}/ninjs" in raw["paths"]


def test_no_answer_is_a_server_error_or_breaks_the_schema(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate()

        check()
