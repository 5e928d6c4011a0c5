"""The editions: languages, the primary one, direction, names and the site's name, in one leaf module."""

import ast
from pathlib import Path

from django.test import override_settings
from django.utils import translation

from articles import editions


def test_languages_follow_the_settings_in_order_with_arabic_primary():
    assert editions.languages() == ["ar", "en"]
    assert editions.primary() == "ar"


def test_direction_is_asked_of_the_language_not_a_list():
    assert editions.direction("ar") == "rtl"
    assert editions.direction("he") == "rtl"
    assert editions.direction("en") == "ltr"
    assert editions.direction(None) == "ltr"


def test_names_in_the_language_itself_and_in_the_active_one():
    assert editions.local_name("en") == "English"
    assert editions.local_name("ar").startswith("العرب")
    with translation.override("en"):
        assert editions.translated_name("ar") == "Arabic"


def test_site_name_in_each_edition_and_falls_back_to_the_primary():
    assert editions.site_name("en") == "Al-Khabar"
    assert editions.site_name("ar") == "الخبر"
    assert editions.site_name("fr") == "الخبر"
    with translation.override("en"):
        assert editions.site_name() == "Al-Khabar"


@override_settings(NEWSROOM_SITE_NAME={"ar": "الخبر اليوم", "en": "Today"})
def test_settings_are_read_at_call_time():
    assert editions.site_name("en") == "Today"


def test_editions_is_a_leaf():
    tree = ast.parse(Path(editions.__file__).read_text())
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert all(name and name.startswith("django") for name in imported), imported
