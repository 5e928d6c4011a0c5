import pytest

from live import services
from tests.factories import EditorFactory, published


@pytest.fixture
def reporter(db):
    """An editor the moderator names to the coverage's staff."""
    return EditorFactory(username="reporter")


@pytest.fixture
def story(db):
    return published(headline_en="Summit in Cairo", body_en="<p>The summit opens.</p>")


@pytest.fixture
def coverage(story, moderator, reporter):
    return services.coverage_open(article=story, user=moderator, staff=[reporter])


def post(coverage, user, *, ar="<p>خبر عاجل</p>", en="<p>Breaking</p>", **extra):
    return services.entry_post(coverage=coverage, user=user, body_ar=ar, body_en=en, **extra)
