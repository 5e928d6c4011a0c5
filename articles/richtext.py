"""Rich text as the newsroom stores it: sanitised HTML.

The body of a story arrives from the editor's rich-text widget and is cleaned
here on the way in, so that what is stored is already safe to print. Only
the markup a news story needs survives; link targets keep their address but
lose any scheme that could run code.
"""

import html
import re

import nh3
from django.utils.html import strip_tags

from .editions import languages

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "hr", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "*": {"dir", "lang"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Bidirectional control characters can flip how a line reads without being
# seen (the "Trojan source" trick); editors never need them in stored text.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Invisible characters with no place in a headline or a name: the zero-width
# space, word joiner and byte-order mark hide a word from search and from
# readers' eyes alike. The zero-width (non-)joiners stay: Arabic-script
# languages need them to shape words.
INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
WHITESPACE = re.compile(r"\s+")


def sanitize_html(value: str) -> str:
    """Return ``value`` with everything but the allowed markup removed."""
    if not value:
        return ""
    cleaned = nh3.clean(
        BIDI_CONTROLS.sub("", value),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned.strip()


def clean_line(value: str) -> str:
    """Tidy a one-line field (headline, dateline, a name): no controls, no invisible characters, no stray spaces."""
    return WHITESPACE.sub(" ", INVISIBLE.sub("", BIDI_CONTROLS.sub("", value or ""))).strip()


def clean_text(value: str) -> str:
    """Tidy plain text of several lines (a correction, a biography): no bidi controls; lines kept."""
    return BIDI_CONTROLS.sub("", value or "").strip()


def plain_text(value: str) -> str:
    """The words of an HTML fragment, with entities decoded and spaces folded."""
    if not value:
        return ""
    text = strip_tags(re.sub(r"<(br|/p|/li|/h\d|/blockquote)\b[^>]*>", " ", value))
    # split() folds the same spaces as ``\s+`` several times faster: a page
    # of search results reads twenty whole bodies.
    return " ".join(html.unescape(text).split())


def word_count(value: str) -> int:
    """How many words the reader will read."""
    text = plain_text(value)
    return len(text.split()) if text else 0


def clean_names(instance, name: str, *, clean=clean_line) -> None:
    """Apply ``clean`` to each language's copy of a translated field (``name_ar``, ``name_en``, ...)."""
    for code in languages():
        attname = f"{name}_{code}"
        value = getattr(instance, attname, None)
        if isinstance(value, str):
            setattr(instance, attname, clean(value))
