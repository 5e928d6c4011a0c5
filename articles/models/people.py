"""The people whose names appear on stories."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..links import link
from ..richtext import clean_names, clean_text


class Author(models.Model):
    """A byline: a reporter or contributor, with or without an account."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("The author's page address, in Latin letters.")
    )
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "articles.Image",
        verbose_name=_("photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text=_("Link the byline to a newsroom account, if the author has one."),
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return link("articles:author", slug=self.slug)

    def clean(self):
        # Names are one line, as headlines are: no bidi controls or invisible characters.
        clean_names(self, "name")
        clean_names(self, "bio", clean=clean_text)
