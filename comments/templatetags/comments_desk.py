from django import template
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import mark_safe

from ..mentions import MENTION

register = template.Library()


@register.filter
def comment_html(body: str) -> str:
    """A comment's words, escaped, its lines kept and its @mentions marked.

    A mention is isolated left to right, so that ``dir="auto"`` takes a
    comment's direction from its words, not from a Latin handle at its start.
    """
    escaped = escape(body or "")
    marked = MENTION.sub(
        lambda match: format_html('<span class="comment-mention" dir="ltr">@{}</span>', match.group(1)), escaped
    )
    return mark_safe(linebreaks(marked, autoescape=False))  # noqa: S308 - escaped above
