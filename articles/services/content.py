"""Reading and writing the content fields of a story or revision as plain values."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..editions import languages
from ..models import SHARED_FIELDS, TRANSLATED_FIELDS, StoryContent
from ..richtext import clean_line, sanitize_html

FOREIGN_KEYS = {"section", "lead_image"}


def translated_names() -> list[str]:
    """``headline_ar``, ``headline_en``, ``standfirst_ar``, ... in form order."""
    return [f"{name}_{code}" for name in TRANSLATED_FIELDS for code in languages()]


def content_names() -> list[str]:
    """Every content field, by the name a form or a caller uses."""
    return translated_names() + list(SHARED_FIELDS)


def content_attnames() -> list[str]:
    """Every content column (``section_id`` rather than ``section``)."""
    return translated_names() + [f"{name}_id" if name in FOREIGN_KEYS else name for name in SHARED_FIELDS]


def copy_content(source: StoryContent, target: StoryContent) -> None:
    """Make ``target``'s content fields equal to ``source``'s (in memory)."""
    for attname in content_attnames():
        setattr(target, attname, getattr(source, attname))


def content_of(source: StoryContent) -> dict[str, Any]:
    """The content columns of ``source`` as a dict, for comparing and snapshots."""
    return {attname: getattr(source, attname) for attname in content_attnames()}


def clean_content(content: Mapping[str, Any]) -> dict[str, Any]:
    """Normalise what an editor typed: sanitise rich text, tidy lines, make a slug.

    Unknown keys are refused rather than ignored, so that a caller that
    misspells a field hears about it instead of losing the text.
    """
    unknown = set(content) - set(content_names())
    if unknown:
        raise ValidationError(_("Unknown story fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    values: dict[str, Any] = {name: content.get(name) for name in content_names()}
    for code in languages():
        values[f"headline_{code}"] = clean_line(values[f"headline_{code}"] or "")
        values[f"dateline_{code}"] = clean_line(values[f"dateline_{code}"] or "")
        values[f"standfirst_{code}"] = clean_line(values[f"standfirst_{code}"] or "")
        values[f"body_{code}"] = sanitize_html(values[f"body_{code}"] or "")
    values["slug"] = (values["slug"] or "").strip() or make_slug(values)
    return values


def make_slug(values: Mapping[str, Any]) -> str:
    """A readable address from the English headline, or the Arabic one."""
    for code in ("en", "ar"):
        slug = slugify(values.get(f"headline_{code}") or "", allow_unicode=True)[:200].strip("-")
        if slug:
            return slug
    return ""
