"""What the public templates need beyond Django's own tags: dates, digits, pictures, JSON-LD."""

import json
from functools import lru_cache

from django import template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .. import dates, links, rendered

register = template.Library()

# As django.utils.html.json_script does: nothing in the data can close the
# script element or open a comment, whatever an editor typed.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


# The shared layout's pieces as drawn, by everything they may show.
_LAYOUT: dict[tuple, str] = {}
_LAYOUT_MAX = 512


def layout_piece(template_name: str, *, navigation, site_name, current_section) -> str:
    """A piece of the layout every public page shares (``{{ layout(…) }}`` in ``base.html``), drawn once.

    Such a piece (the navigation, the footer, the feeds and stylesheet in
    the head) may show only the page's language, the site's name, the
    sections (``navigation``, from ``selectors.navigation``), which of them
    the page is (``current_section``) and this month (``this_year``,
    ``this_month``, local time); this process keeps it drawn under exactly
    those, so a renamed section or a new month draws it again, and a page
    costs a dictionary lookup instead of a template per piece.
    """
    language = get_language()
    today = timezone.localdate()
    key = (
        template_name,
        language,
        site_name,
        navigation.version if navigation is not None else None,
        current_section,
        today.year,
        today.month,
    )
    html = _LAYOUT.get(key)
    if html is None:
        html = get_template(template_name, using="django").render(
            {
                "LANGUAGE_CODE": language,
                "site_name": site_name,
                "sections": navigation.sections if navigation is not None else [],
                "current_section": current_section,
                "this_year": today.year,
                "this_month": today.month,
            }
        )
        html = mark_safe(html.strip())  # noqa: S308 - drawn by a template, which escaped it
        if len(_LAYOUT) >= _LAYOUT_MAX:
            _LAYOUT.clear()
        _LAYOUT[key] = html
    return html


@register.simple_tag
def reader_date(moment):
    """``{% reader_date moment as d %}``: ``d.iso``, ``d.date``, ``d.time``, ``d.hijri`` in the page's language."""
    return dates.reader_date(moment, get_language())


@register.simple_tag(name="link")
def link_tag(name, **kwargs):
    """``{% link 'articles:rss' %}``: ``{% url %}`` for the public pages, from a remembered pattern."""
    return links.link(name, **kwargs)


@register.simple_tag
def reader_time(moment, hijri=False):
    """``<time datetime="…">date</time>`` for ``moment`` in the page's language (no include to render).

    With ``hijri``, an Arabic page adds the Hijri date beside it, as on a
    story's own page.
    """
    if moment is None:
        return ""
    return _time_html(moment, get_language(), bool(hijri), timezone.get_current_timezone_name())


# Lists print the same stories' dates page after page; the Hijri date is the dearest part.
@lru_cache(maxsize=4096)
def _time_html(moment, language: str, hijri: bool, zone: str) -> str:
    """``reader_time``'s HTML; ``zone`` (the current time zone, which ``localtime`` reads) is part of the key."""
    when = dates.reader_date(moment, language)
    if hijri and when.hijri:
        return format_html(
            '<time datetime="{}">{}</time> <span class="hijri">({})</span>', when.iso, when.date, when.hijri
        )
    return format_html('<time datetime="{}">{}</time>', when.iso, when.date)


@register.simple_tag
def story_card(story, name):
    """``{% story_card story "lead" %}``: ``story``'s card as a list prints it (``rendered.CARDS`` names the ways).

    The card drawn when the story went live, read with the list's stories,
    when it was drawn from what the list read; otherwise drawn now by
    ``includes/story_card.html``.
    """
    return rendered.card(story, name)


@register.simple_tag
def story_cards(stories, name, first=None):
    """``{% story_cards stories "group_more" first="group" %}``: each story's card, one after the other.

    What a ``{% for %}`` of ``{% story_card %}`` prints, the first story's
    card drawn the way ``first`` names when given; a loop in the template
    cost as much again as printing the stored cards.
    """
    card = rendered.card
    printed = [card(story, first if first and index == 0 else name) for index, story in enumerate(stories)]
    return mark_safe("".join(printed))  # noqa: S308 - each card is safe: drawn by its template, which escaped it


@register.filter
def digits(value):
    """Numbers in the page's digits (Arabic-Indic on Arabic pages)."""
    return dates.digits(value, get_language())


@register.simple_tag
def json_ld(data):
    """``<script type="application/ld+json">`` with ``data``, safely escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


@register.simple_tag
def picture(image, sizes="100vw", loading="lazy", classes="", alt=None):
    """A ``<picture>`` of ``image``'s stored renditions: WebP first, JPEG as the fallback.

    Reads ``image.sources`` (no query); renditions are made when the
    image is uploaded or its story goes live, never here. Without renditions
    nothing is drawn: the uploaded original is never shown to readers.
    Written here rather than by an included template: a list draws twenty,
    and the template was a fifth of a section page's time.
    """
    webp = image.rendition_urls("webp")
    jpeg = image.rendition_urls("jpeg")
    fallback = next((r for r in jpeg if r[1] >= 800), jpeg[-1] if jpeg else None)
    if fallback is None:
        return ""
    src, width, height = fallback
    alt = image.alt if alt is None else alt  # a list passes the approved text (Article.lead_image_alt)
    webp_srcset = ", ".join(f"{url} {size}w" for url, size, _height in webp)
    jpeg_srcset = ", ".join(f"{url} {size}w" for url, size, _height in jpeg)
    return format_html(
        '<picture{}>{}\n  <img src="{}"{} width="{}" height="{}" alt="{}" loading="{}" decoding="async">\n</picture>',
        format_html(' class="{}"', classes) if classes else "",
        format_html('\n  <source type="image/webp" srcset="{}" sizes="{}">', webp_srcset, sizes) if webp_srcset else "",
        src,
        format_html(' srcset="{}" sizes="{}"', jpeg_srcset, sizes) if jpeg_srcset else "",
        width,
        height,
        alt,
        loading,
    )
