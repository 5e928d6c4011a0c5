"""Addresses built from remembered patterns are the addresses reverse() gives."""

import pytest
from django.urls import reverse
from django.utils import translation

from articles.links import link

CASES = [
    ("articles:story", {"pk": 42, "slug": "iraq-us-talks"}),
    ("articles:story", {"pk": 7, "slug": "محادثات-الانسحاب"}),
    ("articles:tag", {"slug": "التحالف-الدولي"}),
    ("articles:tag", {"slug": "a b?c#d%e"}),
    ("articles:section", {"slug": "politics"}),
    ("articles:author", {"slug": "sara-hassan"}),
    ("articles:archive_day", {"year": 2024, "month": 2, "day": 11}),
]


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize(("name", "kwargs"), CASES)
def test_link_is_what_reverse_gives(language, name, kwargs):
    with translation.override(language):
        assert link(name, **kwargs) == reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("name", "kwargs"), CASES)
def test_an_address_asked_again_is_not_quoted_again_and_stays_what_reverse_gives(name, kwargs):
    """A story's related stories and an API list link the same addresses on every request."""
    from unittest import mock

    from articles import links

    with translation.override("ar"):
        first = link(name, **kwargs)
        with mock.patch.object(links, "quote", side_effect=AssertionError("quoted again")):
            assert link(name, **kwargs) == first == reverse(name, kwargs=kwargs)
    with translation.override("en"):  # the other edition's address is its own
        assert link(name, **kwargs) == reverse(name, kwargs=kwargs)
