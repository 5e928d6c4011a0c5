"""Sections and tags: how stories are grouped for readers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..links import link
from ..richtext import clean_names


class Section(models.Model):
    """A desk of the newsroom and a part of the site (politics, economy, ...)."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The section's address on the site, in Latin letters, for example “politics”."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Sections are listed from the smallest number up.")
    )

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return link("articles:section", slug=self.slug)

    def clean(self):
        # Names are one line, as headlines are: no bidi controls or invisible characters.
        clean_names(self, "name")


class Tag(models.Model):
    """A topic that cuts across sections (a country, a person, an event)."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        allow_unicode=True,
        help_text=_("The tag's address on the site; Arabic letters are allowed."),
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return link("articles:tag", slug=self.slug)

    def clean(self):
        # Names are one line, as headlines are: no bidi controls or invisible characters.
        clean_names(self, "name")
