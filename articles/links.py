"""Public addresses, built without a URL reversal each time.

A list page links twenty stories, their sections and dates; Django's
``reverse`` resolves the pattern anew for every link. Here each pattern is
reversed once per language (with stand-in values) and then filled in, with
the same quoting ``reverse`` applies.
"""

from functools import lru_cache
from urllib.parse import quote

from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

# What ``reverse`` leaves unquoted in a path (RFC 3986 sub-delimiters, "/", "~", ":", "@").
SAFE = "!$&'()*+,;=/~:@"
_STAND_INS = {"pk": 987654321, "year": 987654322, "month": 987654323, "day": 987654324}


@lru_cache(maxsize=256)
def _pattern(name: str, language: str | None, keys: tuple[str, ...]) -> str:
    stand_ins = {key: _STAND_INS.get(key, f"ZZ{key.upper()}ZZ") for key in keys}
    with translation.override(language):  # the pattern of ``language``, whichever is active now
        path = reverse(name, kwargs=stand_ins)
    for key, stand_in in stand_ins.items():
        path = path.replace(str(stand_in), "{" + key + "}")
    return path


def link(name: str, **kwargs) -> str:
    """``reverse(name, kwargs=kwargs)`` in the active language, from a remembered pattern."""
    return link_in(get_language(), name, **kwargs)


def link_in(language: str | None, name: str, **kwargs) -> str:
    """``link`` in ``language`` without activating it for each address (the API links both editions of each story)."""
    return _filled(language, name, tuple(sorted(kwargs.items())))


# The same addresses are asked for request after request (a story's related stories, an API list's
# twenty stories with their sections, bylines and tags); an Arabic slug is slow to quote.
@lru_cache(maxsize=8192)
def _filled(language: str | None, name: str, values: tuple) -> str:
    pattern = _pattern(name, language, tuple(key for key, _value in values))
    return pattern.format(**{key: quote(str(value), safe=SAFE) for key, value in values})
