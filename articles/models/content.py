"""What a story is made of, declared once, and the fields that hold it.

A revision is a complete, frozen copy of these fields; the story row holds a
copy of the fields of its live revision, which is what readers are served.

``STORY_CONTENT`` below is the one list of a story's fields. Every other list
is derived from it: the fields django-modeltranslation translates, the
editing form and its layout, the revision screen, compare, the export, the
search index, the columns the desk's lists leave unread, what is copied when
a revision goes live. Adding a field to a story is two edits: the model field
on ``StoryContent`` and its line in ``STORY_CONTENT`` (then
``makemigrations``); see the README.
"""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..editions import languages
from ..richtext import plain_text


@dataclass(frozen=True)
class ContentField:
    """One field a story is made of, and what every list of fields needs to know of it."""

    name: str
    # One column per edition (``headline_ar``, ``headline_en``), written in
    # that edition's language and direction.
    translated: bool = False
    # Long text no list of stories or revisions reads (only the story's own
    # page, the form and compare do).
    long: bool = False
    # Sanitised HTML: the rich-text editor, compared tag by tag, indexed as
    # plain text.
    rich: bool = False
    # Kept in the revision's own table rather than a column: a list of
    # objects, in print order when ``ordered``.
    relation: bool = False
    ordered: bool = False
    # Its ``ts_rank`` weight ("A" counts most) when search reads it; "" when
    # search does not.
    search_weight: str = ""


# In the order the editing form shows them: each edition's text in its own
# column, then the details every edition shares.
STORY_CONTENT = (
    ContentField("headline", translated=True, search_weight="A"),
    ContentField("standfirst", translated=True, long=True, search_weight="B"),
    ContentField("dateline", translated=True, search_weight="C"),
    ContentField("body", translated=True, long=True, rich=True, search_weight="D"),
    ContentField("section"),
    ContentField("authors", relation=True, ordered=True),
    ContentField("tags", relation=True, search_weight="B"),
    ContentField("lead_image"),
    ContentField("slug"),
    ContentField("publish_at"),
    ContentField("embargo_until"),
)

# The text in each edition (django-modeltranslation's fields), in form order.
TRANSLATED_FIELDS = tuple(field.name for field in STORY_CONTENT if field.translated)
# The plain fields every edition shares, copied between a revision and the live story.
SHARED_FIELDS = tuple(field.name for field in STORY_CONTENT if not field.translated and not field.relation)
# The byline and the tags, which a revision and the live story keep in tables of their own.
RELATIONS = tuple(field.name for field in STORY_CONTENT if field.relation)
# The text no list of revisions reads, and the rich text no list of stories reads.
LONG_FIELDS = tuple(field.name for field in STORY_CONTENT if field.long)
RICH_FIELDS = tuple(field.name for field in STORY_CONTENT if field.rich)
# The fields shared by every edition, and the relations, in form order: the form's details.
DETAIL_FIELDS = tuple(field.name for field in STORY_CONTENT if not field.translated)


def content_field(name: str) -> ContentField:
    """The declaration of the story field ``name`` (``"body"``, not ``"body_ar"``)."""
    return next(field for field in STORY_CONTENT if field.name == name)


def translated_names() -> list[str]:
    """``headline_ar``, ``headline_en``, ``standfirst_ar``, ... in form order."""
    return edition_columns(TRANSLATED_FIELDS)


def content_names() -> list[str]:
    """Every content column by the name a form or a service takes it (``section``, not ``section_id``)."""
    return translated_names() + list(SHARED_FIELDS)


def content_attnames() -> list[str]:
    """Every content column as stored (``section_id`` rather than ``section``)."""
    return translated_names() + [StoryContent._meta.get_field(name).attname for name in SHARED_FIELDS]


def edition_columns(names) -> list[str]:
    """The columns of the translated fields ``names`` in every language (``body`` gives ``body_ar``, ``body_en``)."""
    return [f"{name}_{code}" for name in names for code in languages()]


def long_names() -> list[str]:
    """The long text columns, in every language and the untranslated column behind them."""
    return [*LONG_FIELDS, *edition_columns(LONG_FIELDS)]


def copy_content(source: "StoryContent", target: "StoryContent") -> None:
    """Make ``target``'s content columns equal to ``source``'s (in memory; relations are not copied)."""
    for attname in content_attnames():
        setattr(target, attname, getattr(source, attname))


def content_of(source: "StoryContent") -> dict[str, Any]:
    """A story's or revision's whole content as a dict, by field name, in form order.

    The text of each edition (``headline_ar``, ...), the shared fields (a
    section or picture as its object, or None) and the relations as lists
    (the byline in print order). Load a revision ``with_relations()`` first
    and this reads nothing more from the database.
    """
    values: dict[str, Any] = {}
    for field in STORY_CONTENT:
        if field.translated:
            values.update({f"{field.name}_{code}": getattr(source, f"{field.name}_{code}") for code in languages()})
        elif field.ordered:
            values[field.name] = getattr(source, f"ordered_{field.name}")()
        elif field.relation:
            values[field.name] = list(getattr(source, field.name).all())
        else:
            values[field.name] = getattr(source, field.name)
    return values


class _BlankOriginal:
    """A translated field whose own, untranslated column is always stored empty.

    django-modeltranslation keeps the original column beside ``_ar`` and
    ``_en`` and, on save, fills it with whichever language happens to be
    active; nothing ever reads it. For story text that meant every body was
    stored twice, in every revision. The translation fields modeltranslation
    derives from this class carry a ``language`` and save normally.
    """

    def pre_save(self, model_instance, add):
        if getattr(self, "language", None) is None:
            return ""
        return super().pre_save(model_instance, add)


class OriginalCharField(_BlankOriginal, models.CharField):
    pass


class OriginalTextField(_BlankOriginal, models.TextField):
    pass


class StoryContent(models.Model):
    headline = OriginalCharField(_("headline"), max_length=255, blank=True)
    standfirst = OriginalTextField(
        _("standfirst"), blank=True, help_text=_("One or two sentences under the headline that sum the story up.")
    )
    body = OriginalTextField(_("body"), blank=True)
    dateline = OriginalCharField(
        _("dateline"), max_length=100, blank=True, help_text=_("Where the story was filed from, for example “Cairo”.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=True,
        blank=True,
        help_text=_("The last part of the story's address; made from the headline when left empty."),
    )
    section = models.ForeignKey(
        "articles.Section",
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lead_image = models.ForeignKey(
        "articles.Image",
        verbose_name=_("lead image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_("The story must not appear before this time, whatever else happens."),
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to publish as soon as a moderator approves."),
    )

    class Meta:
        abstract = True

    def body_text(self, language: str) -> str:
        """The body in ``language`` as plain text."""
        return plain_text(getattr(self, f"body_{language}") or "")

    def ordered_authors(self) -> list:
        """The byline in print order (one query, or none when ``bylines`` is prefetched)."""
        return [byline.author for byline in self.bylines.all()]

    def has_language(self, language: str) -> bool:
        """A language edition exists when its headline and body exist."""
        return bool((getattr(self, f"headline_{language}") or "").strip() and self.body_text(language))
