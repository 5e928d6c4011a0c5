"""The fields a story is made of, shared by the story and its revisions.

A revision is a complete, frozen copy of these fields; the story row holds a
copy of the fields of its live revision, which is what readers are served.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..richtext import plain_text

# The story fields translated by django-modeltranslation (``headline_ar``,
# ``headline_en``, ...). The order is the order of the editing form.
TRANSLATED_FIELDS = ("headline", "standfirst", "body", "dateline")
# The plain fields copied between a revision and the live story.
SHARED_FIELDS = ("slug", "section", "lead_image", "embargo_until", "publish_at")


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

    def has_language(self, language: str) -> bool:
        """A language edition exists when its headline and body exist."""
        return bool((getattr(self, f"headline_{language}") or "").strip() and self.body_text(language))
