"""Cleaning what an editor typed into a story's content before a revision is saved.

Which fields a story has, and reading or copying them, is declared with the
fields themselves (``articles.models.content``).
"""

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..editions import languages
from ..models.content import SHARED_FIELDS, STORY_CONTENT, StoryContent, content_names
from ..richtext import clean_line, sanitize_html

# The shared fields that hold a time (the publish time, the embargo).
TIME_FIELDS = tuple(
    name for name in SHARED_FIELDS if StoryContent._meta.get_field(name).get_internal_type() == "DateTimeField"
)
# The times a story can carry. Outside them a date is a slip of the keyboard
# (0001-01-01, 99999-...), and the extremes break what reads them later:
# PostgreSQL stores year 1 in Baghdad time as a date before Christ that
# Python cannot load, so every desk screen listing the story would fail,
# and year 9999 overflows when shown in local time.
EARLIEST_TIME = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_TIME = datetime(3000, 1, 1, tzinfo=UTC)


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
    check_times(**{name: values[name] for name in TIME_FIELDS})
    return values


def check_times(**times: datetime | None) -> None:
    """Refuse, per field, a time outside the years a story can carry (see ``EARLIEST_TIME``)."""
    errors = {
        name: [_("Enter a time between the years 1900 and 2999.")]
        for name, value in times.items()
        if value is not None and not (EARLIEST_TIME <= value < LATEST_TIME)
    }
    if errors:
        raise ValidationError(errors)


def make_slug(values: Mapping[str, Any]) -> str:
    """A readable address from the English headline, or the Arabic one."""
    for code in ("en", "ar"):
        slug = slugify(values.get(f"headline_{code}") or "", allow_unicode=True)[:200].strip("-")
        if slug:
            return slug
    return ""
