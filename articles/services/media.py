"""Adding pictures to the newsroom's library, and the renditions readers get."""

import io
import logging
import os
import secrets
import warnings
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as Picture
from PIL import ImageOps, UnidentifiedImageError

from ..models import Image, Rendition
from ..richtext import clean_line

# The formats the newsroom takes, by Pillow's name, with the file name
# endings each may have. The decoded content must match the name: a PNG
# called .jpg, or an HTML page called .jpg, is refused.
ACCEPTED_FORMATS = {"JPEG": ("jpg", "jpeg"), "PNG": ("png",), "WEBP": ("webp",), "AVIF": ("avif",)}
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "AVIF": "AVIF"}
DESCRIPTION_FIELDS = ("alt", "caption", "credit")

# The widths a story page offers in ``srcset``. No rendition is wider than
# the original: a narrower original gets the standard widths below its own,
# then its own width.
RENDITION_WIDTHS = (480, 800, 1200, 1600)
# Link previews and search engines want pictures of set shapes (Google asks
# a news article for 16:9, 4:3 and 1:1); these are cut around the focal point
# the editor marked, as JPEG, at most this wide.
CROPS = {Rendition.Crop.WIDE: (16, 9), Rendition.Crop.STANDARD: (4, 3), Rendition.Crop.SQUARE: (1, 1)}
CROP_WIDTH = 1200
QUALITY = {Rendition.Format.JPEG: 82, Rendition.Format.WEBP: 80}
PIL_FORMATS = {Rendition.Format.JPEG: "JPEG", Rendition.Format.WEBP: "WEBP"}

logger = logging.getLogger(__name__)


def image_create(*, user, file: UploadedFile, **fields) -> Image:
    """Store an uploaded picture with its description (alt text, caption, credit).

    ``fields`` are the image's own fields (``alt_ar``, ``caption_en``, ...).
    Its renditions are made once the upload is committed, so a failed save
    leaves no files behind and the upload itself is not slowed by resizing.
    """
    if not user.has_perm("articles.add_image"):
        raise PermissionDenied(_("You may not upload pictures."))
    try:
        image_check(file)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from None
    for name, value in fields.items():
        if name.split("_")[0] in DESCRIPTION_FIELDS and isinstance(value, str):
            fields[name] = clean_line(value)
    image = Image(uploaded_by=user, **fields)
    image.file = file
    image.full_clean()
    with transaction.atomic():
        image.save()
        transaction.on_commit(partial(_queue_renditions, image.pk))
    return image


def image_check(file: File) -> None:
    """Refuse anything but a whole JPEG, PNG, WebP or AVIF picture within the limits, saying why.

    The name must end as the content is: the file is decoded, not trusted by
    its name or its declared type. Size is checked before anything is read
    and the pixel count before the picture is decoded, so a decompression
    bomb (a small file that unpacks to gigabytes) is refused from its header.
    Raises ``ValidationError``; leaves the file at its start.
    """
    name = os.path.basename(file.name or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = next((fmt for fmt, endings in ACCEPTED_FORMATS.items() if extension in endings), None)
    if expected is None:
        raise ValidationError(
            _("“%(name)s” is not a kind of file the newsroom takes: upload a JPEG, PNG, WebP or AVIF picture.")
            % {"name": name},
            code="file_type",
        )
    limit = settings.NEWSROOM_UPLOAD_MAX_BYTES
    if not file.size:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    if file.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; a picture may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="file_size",
        )
    max_pixels = settings.NEWSROOM_UPLOAD_MAX_PIXELS
    too_many_pixels = _("“%(name)s” has more pixels than the limit of %(limit)s megapixels.") % {
        "name": name,
        "limit": max_pixels // 1_000_000,
    }
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns, then refuses, when a header promises a huge picture.
            warnings.simplefilter("error", Picture.DecompressionBombWarning)
            picture = Picture.open(file, formats=list(ACCEPTED_FORMATS))
    except (Picture.DecompressionBombError, Picture.DecompressionBombWarning):
        raise ValidationError(too_many_pixels, code="pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("“%(name)s” is not a JPEG, PNG, WebP or AVIF picture (its content is something else).") % {"name": name},
            code="not_a_picture",
        ) from None
    with picture:
        if picture.format != expected:
            raise ValidationError(
                _(
                    "“%(name)s” is named as a %(named)s file but holds a %(actual)s picture: "
                    "give it the right ending and upload it again."
                )
                % {"name": name, "named": FORMAT_NAMES[expected], "actual": FORMAT_NAMES[picture.format]},
                code="mismatch",
            )
        width, height = picture.size
        if width * height > max_pixels:
            raise ValidationError(
                _(
                    "“%(name)s” is %(width)s × %(height)s pixels, more than the limit of %(limit)s megapixels: "
                    "make it smaller and upload it again."
                )
                % {"name": name, "width": width, "height": height, "limit": max_pixels // 1_000_000},
                code="pixels",
            )
        try:
            if picture.format == "JPEG":
                picture.draft("RGB", (max(width // 8, 1), max(height // 8, 1)))  # decode small, read it all
            picture.load()
        except (OSError, SyntaxError, ValueError):
            raise ValidationError(
                _("“%(name)s” is damaged or incomplete (perhaps cut off while copying): upload it again.")
                % {"name": name},
                code="damaged",
            ) from None
    file.seek(0)


def rendition_widths(image: Image) -> list[int]:
    """The widths to make for ``image``: the standard ones narrower than it, and its own (up to the largest)."""
    largest = min(image.width, RENDITION_WIDTHS[-1])
    return [width for width in RENDITION_WIDTHS if width < largest] + [largest]


def crop_box(width: int, height: int, ratio: tuple[int, int], focal_x: float, focal_y: float) -> tuple:
    """The largest box of ``ratio`` in a ``width`` × ``height`` picture, centred on the focal point.

    ``focal_x`` and ``focal_y`` run from 0 to 1 across and down. Near an
    edge the box stops at the edge rather than leave the picture, so the
    focal point is as central as the picture allows.
    """
    across, down = ratio
    box_width = min(width, round(height * across / down))
    box_height = min(height, round(box_width * down / across))
    left = min(max(round(focal_x * width - box_width / 2), 0), width - box_width)
    top = min(max(round(focal_y * height - box_height / 2), 0), height - box_height)
    return (left, top, left + box_width, top + box_height)


def renditions_ensure(*, image: Image) -> list[Rendition]:
    """Make the renditions ``image`` lacks; return the ones made.

    The whole picture in JPEG and WebP at each width, and the crops around
    its focal point (``CROPS``). Renditions are made once and stored: pages
    only ever read them, never resize on request. Running this again makes
    nothing.
    """
    have = set(Rendition.objects.filter(image=image).values_list("format", "width", "crop"))
    wanted = [(fmt, width, "") for fmt in Rendition.Format.values for width in rendition_widths(image)]
    missing = [item for item in wanted if item not in have]
    cropped = {crop for _fmt, _width, crop in have if crop}
    # A crop's width depends on the picture as the camera held it, known once it is open.
    missing += [(Rendition.Format.JPEG, None, crop) for crop in CROPS if crop not in cropped]
    if not missing:
        return []
    with image.file.open("rb") as handle, Picture.open(handle) as original:
        # Honour the camera's orientation, then drop transparency for JPEG.
        picture = ImageOps.exif_transpose(original).convert("RGB")
    # Nothing of the original's metadata goes to readers: EXIF (a camera's
    # GPS position, its serial number), XMP, comments. The orientation is
    # already applied to the pixels above.
    picture.info.clear()
    made = []
    for fmt, width, crop in missing:
        source = picture
        if crop:
            box = crop_box(picture.width, picture.height, CROPS[crop], image.focal_x, image.focal_y)
            source = picture.crop(box)
            width = min(CROP_WIDTH, source.width)
        height = max(round(source.height * width / source.width), 1)
        resized = source if width == source.width else source.resize((width, height), Picture.Resampling.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, PIL_FORMATS[fmt], quality=QUALITY[fmt], optimize=fmt == Rendition.Format.JPEG, exif=b"")
        name = f"{unguessable_stem()}-{crop}-{width}w" if crop else f"{unguessable_stem()}-{width}w"
        rendition = Rendition(image=image, format=fmt, crop=crop)
        rendition.file.save(f"{name}.{'jpg' if fmt == 'jpeg' else 'webp'}", ContentFile(buffer.getvalue()), save=False)
        # Set after the file: assigning it resets the dimension fields.
        rendition.width, rendition.height = width, height
        try:
            # A savepoint: when another process made the same rendition
            # meanwhile, theirs stands and the publish around us goes on.
            with transaction.atomic():
                rendition.save()
        except IntegrityError:
            rendition.file.delete(save=False)
            if not Rendition.objects.filter(image=image, format=fmt, width=width, crop=crop).exists():
                raise
            continue
        made.append(rendition)
    sources_index(image)
    return made


def unguessable_stem() -> str:
    """The start of a rendition's file name: 128 random bits, nothing of the upload's name.

    Renditions are public files (the web server or the bucket serves them
    without asking Django), and they are made right after the upload, long
    before the story showing the picture goes live. A name made from the
    upload's ("minister-resigns-64w.jpg") could be guessed, and an
    embargoed picture read, by anyone. A random name is known only from a
    page that shows the picture, and pages show it only once its story is
    live. This keeps pictures ready for the moment of publishing (made at
    publish time, the first readers would get none) and keeps Python out of
    every picture request (a checked view would be in the way of the CDN).
    """
    return secrets.token_hex(16)


def renditions_rename_unpublished() -> int:
    """Give new, random names to the renditions of pictures no live story shows; return how many.

    For renditions made before names were random: their old names could be
    guessed. Pictures already on a live page keep theirs (readers and
    caches hold those addresses, and they are public anyway). The files are
    made again under random names after commit and the old ones deleted.
    """
    from ..models import Article, Author

    shown = set(Article.objects.live().exclude(lead_image=None).values_list("lead_image_id", flat=True))
    shown |= set(Author.objects.exclude(photo=None).values_list("photo_id", flat=True))  # on author pages
    count = 0
    for image in Image.objects.exclude(pk__in=shown).iterator():
        stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        guessable = [
            r for r in Rendition.objects.filter(image=image) if r.file.name.rsplit("/", 1)[-1].startswith(f"{stem}-")
        ]
        if not guessable:
            continue
        with transaction.atomic():
            Rendition.objects.filter(pk__in=[r.pk for r in guessable]).delete()
            sources_index(image)
            for rendition in guessable:
                transaction.on_commit(partial(rendition.file.delete, save=False))
        renditions_ensure(image=image)
        count += len(guessable)
    return count


def image_update(*, image: Image, user=None) -> None:
    """Save an edited picture (``library_save``); a moved focal point has its crops made again around it."""
    from .library import library_save

    stored = Image.objects.filter(pk=image.pk).values_list("focal_x", "focal_y").get()
    with transaction.atomic():
        library_save(obj=image, user=user)
        if stored != (image.focal_x, image.focal_y):
            crops_remake(image=image)


def crops_remake(*, image: Image) -> None:
    """After the focal point moved: drop the crops made around the old one and make new ones, after commit."""
    old = list(Rendition.objects.filter(image=image).exclude(crop=Rendition.Crop.WHOLE))
    Rendition.objects.filter(pk__in=[rendition.pk for rendition in old]).delete()
    sources_index(image)
    for rendition in old:
        transaction.on_commit(partial(rendition.file.delete, save=False))
    transaction.on_commit(partial(_queue_renditions, image.pk))


def sources_index(image: Image) -> dict:
    """Record ``image``'s renditions on the image itself, for pages to read without a query."""
    sources: dict[str, list] = {}
    for name, fmt, crop, width, height in (
        Rendition.objects.filter(image=image)
        .order_by("crop", "format", "width")
        .values_list("file", "format", "crop", "width", "height")
    ):
        # By format ("jpeg"), and by format and crop for a cropped one ("jpeg-16x9").
        sources.setdefault(f"{fmt}-{crop}" if crop else fmt, []).append([name, width, height])
    Image.objects.filter(pk=image.pk).update(sources=sources)
    image.sources = sources
    return sources


def story_renditions_ensure(*, article) -> None:
    """Make sure the lead image of a story going live gets its renditions.

    Usually they exist already (made after upload) and the task makes
    nothing. It runs after commit on the task queue, so approving a story
    never waits for pictures to be resized; until it has run, the page goes
    without the picture (readers are never sent the original).
    """
    if article.lead_image_id:
        transaction.on_commit(partial(_queue_renditions, article.lead_image_id))


def _queue_renditions(image_id: int) -> None:
    from ..tasks import make_renditions

    make_renditions.enqueue(image_id)
