"""The newsroom's editions: its languages, the primary one, their direction, names and the site's name.

A leaf: it imports nothing from ``articles``, so any layer (models, reads,
diffs, the admin, the public site) may ask it without loading another. The
languages are ``settings.LANGUAGES`` in their order; the primary edition is
``settings.LANGUAGE_CODE`` (Arabic), the one every story has and the one a
missing translation falls back to. Everything is read at call time, so
``override_settings`` works.
"""

from django.conf import settings
from django.utils.translation import get_language, get_language_info


def languages() -> list[str]:
    """Every edition's language code, in the site's order (Arabic first)."""
    return [code for code, _name in settings.LANGUAGES]


def primary() -> str:
    """The edition every story has, and the one the site falls back to."""
    return settings.LANGUAGE_CODE


def direction(language: str | None) -> str:
    """``"rtl"`` for Arabic and other right-to-left languages, ``"ltr"`` otherwise (and for no language)."""
    return "rtl" if language and get_language_info(language)["bidi"] else "ltr"


def local_name(language: str) -> str:
    """The language's name in itself ("العربيّة", "English"), as a language switch shows it."""
    return get_language_info(language)["name_local"]


def translated_name(language: str) -> str:
    """The language's name in the active language ("Arabic", or "العربية" in the Arabic admin)."""
    return str(get_language_info(language)["name_translated"])


def site_name(language: str | None = None) -> str:
    """The site's name in ``language`` (the active one by default), or in the primary edition's."""
    names = settings.NEWSROOM_SITE_NAME
    return names.get(language or get_language(), names[primary()])
