"""Images and the renditions made of them for the public site."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def originals_storage():
    """Where uploaded originals are kept: not the public media storage (see ``newsroom.storage``)."""
    from newsroom.storage import originals_storage

    return originals_storage


class Image(models.Model):
    """A picture in the newsroom's library, described in both languages."""

    file = models.ImageField(
        _("file"),
        upload_to="images/%Y/%m/",
        storage=originals_storage,
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG, WebP or AVIF."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    alt = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the picture shows, for readers who cannot see it. Required before a story using it is published."
        ),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("Photographer and agency, for example “Reuters/Ahmed Saad”."),
    )
    focal_x = models.FloatField(
        _("focal point (across)"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the left edge, 1 the right; crops keep this point in view."),
    )
    focal_y = models.FloatField(
        _("focal point (down)"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the top edge, 1 the bottom."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    sources = models.JSONField(
        _("renditions"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("The stored renditions by format, narrowest first; written whenever renditions are made."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="image_focal_point_inside",
            )
        ]

    def __str__(self):
        return self.alt or self.caption or self.file.name

    def rendition_urls(self, fmt: str) -> list[tuple[str, int, int]]:
        """``(url, width, height)`` of the stored renditions in ``fmt``, narrowest first.

        ``fmt`` is ``"jpeg"`` or ``"webp"`` for the whole picture, or a crop
        such as ``"jpeg-16x9"``. Read from ``sources``, so pages list
        pictures without a query per picture.
        """
        cached = self.__dict__.setdefault("_rendition_urls", {})
        if fmt not in cached:
            cached[fmt] = [(rendition_url(name), width, height) for name, width, height in self.sources.get(fmt, [])]
        return cached[fmt]


# Rendition addresses, remembered per process: a list page prints a dozen
# for each of its twenty pictures, and the storage quotes and joins each
# name anew (a tenth of a cold section page). Keyed by the storage's base
# address too, so a changed MEDIA_URL is never answered from memory.
_RENDITION_URLS: dict[tuple[str, str], str] = {}
_RENDITION_URLS_MAX = 100_000


def rendition_url(name: str) -> str:
    """The public address of a rendition file, remembered per storage address (building it is a storage call)."""
    storage = Rendition._meta.get_field("file").storage
    key = (getattr(storage, "base_url", None) or getattr(storage, "custom_domain", None) or "", name)
    url = _RENDITION_URLS.get(key)
    if url is None:
        if len(_RENDITION_URLS) >= _RENDITION_URLS_MAX:
            _RENDITION_URLS.clear()
        url = _RENDITION_URLS[key] = storage.url(name)
    return url


class Rendition(models.Model):
    """A resized copy of an image in one format, whole or cropped around its focal point, made once and stored."""

    class Format(models.TextChoices):
        JPEG = "jpeg", "JPEG"
        WEBP = "webp", "WebP"

    class Crop(models.TextChoices):
        WHOLE = "", _("the whole picture")
        WIDE = "16x9", "16:9"
        STANDARD = "4x3", "4:3"
        SQUARE = "1x1", "1:1"

    image = models.ForeignKey(Image, verbose_name=_("image"), on_delete=models.CASCADE, related_name="renditions")
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    crop = models.CharField(_("crop"), max_length=4, blank=True, default=Crop.WHOLE, choices=Crop.choices)
    file = models.ImageField(_("file"), upload_to="renditions/%Y/%m/", width_field="width", height_field="height")

    class Meta:
        ordering = ["image", "crop", "format", "width"]
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(fields=["image", "crop", "format", "width"], name="rendition_unique_crop_and_size"),
        ]

    def __str__(self):
        return f"{self.image_id} {self.format} {self.width}w" + (f" {self.crop}" if self.crop else "")
