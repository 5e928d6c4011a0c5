"""The desk's names for where a story stands ("Live · changes in review"), for the admin's templates."""

from django import template
from django.utils.translation import get_language

from .. import editions
from ..workflow import state_label

register = template.Library()


@register.filter
def story_state(article) -> str:
    """``{{ original|story_state }}``: the story's state as the desk names it, counting its live version."""
    return state_label(article.status, live=article.is_live)


@register.simple_tag
def desk_headline(article) -> dict:
    """``{% desk_headline story as h %}``: its current headline in the admin's language when written, else the primary one.

    ``h.text``, ``h.lang`` and ``h.dir``, so the headline is typed in its own direction whatever the admin's.
    """
    revision = article.latest_revision
    wanted = [get_language(), editions.primary()]
    for code in wanted:
        text = revision and getattr(revision, f"headline_{code}", "")
        if text:
            return {"text": text, "lang": code, "dir": editions.direction(code)}
    return {"text": f"#{article.pk}", "lang": "", "dir": "auto"}
