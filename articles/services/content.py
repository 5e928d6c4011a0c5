"""Cleaning what an editor typed into a story's content before a revision is saved.

Which fields a story has, and reading or copying them, is declared with the
fields themselves (``articles.models.content``).
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..editions import languages
from ..models.content import STORY_CONTENT, content_names
from ..richtext import clean_line, sanitize_html


def clean_content(content: Mapping[str, Any]) -> dict[str, Any]:
    """Normalise what an editor typed: sanitise rich text, tidy lines, make a slug.

    Unknown keys are refused rather than ignored, so that a caller that
    misspells a field hears about it instead of losing the text.
    """
    unknown = set(content) - set(content_names())
    if unknown:
        raise ValidationError(_("Unknown story fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    values: dict[str, Any] = {name: content.get(name) for name in content_names()}
    for field in STORY_CONTENT:
        if field.translated:
            clean = sanitize_html if field.rich else clean_line
            for code in languages():
                values[f"{field.name}_{code}"] = clean(values[f"{field.name}_{code}"] or "")
    values["slug"] = (values["slug"] or "").strip() or make_slug(values)
    return values


def make_slug(values: Mapping[str, Any]) -> str:
    """A readable address from the English headline, or the Arabic one."""
    for code in ("en", "ar"):
        slug = slugify(values.get(f"headline_{code}") or "", allow_unicode=True)[:200].strip("-")
        if slug:
            return slug
    return ""
