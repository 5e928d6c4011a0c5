"""Adding pictures to the newsroom's library, and the renditions readers get."""

import io
import logging
from functools import partial

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from PIL import Image as Picture
from PIL import ImageOps

from ..models import Image, Rendition

# The widths a story page offers in ``srcset``. No rendition is wider than
# the original: a narrower original gets the standard widths below its own,
# then its own width.
RENDITION_WIDTHS = (480, 800, 1200, 1600)
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
    image = Image(uploaded_by=user, **fields)
    image.file = file
    image.full_clean()
    with transaction.atomic():
        image.save()
        transaction.on_commit(partial(_queue_renditions, image.pk))
    return image


def rendition_widths(image: Image) -> list[int]:
    """The widths to make for ``image``: the standard ones narrower than it, and its own (up to the largest)."""
    largest = min(image.width, RENDITION_WIDTHS[-1])
    return [width for width in RENDITION_WIDTHS if width < largest] + [largest]


def renditions_ensure(*, image: Image) -> list[Rendition]:
    """Make the JPEG and WebP renditions ``image`` lacks; return the ones made.

    Renditions are made once and stored: pages only ever read ``Rendition``
    rows, never resize on request. Running this again makes nothing.
    """
    have = set(Rendition.objects.filter(image=image).values_list("format", "width"))
    wanted = [(fmt, width) for fmt in Rendition.Format.values for width in rendition_widths(image)]
    missing = [(fmt, width) for fmt, width in wanted if (fmt, width) not in have]
    if not missing:
        return []
    with image.file.open("rb") as handle, Picture.open(handle) as original:
        # Honour the camera's orientation, then drop transparency for JPEG.
        picture = ImageOps.exif_transpose(original).convert("RGB")
    made = []
    for fmt, width in missing:
        height = max(round(picture.height * width / picture.width), 1)
        resized = picture if width == picture.width else picture.resize((width, height), Picture.Resampling.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, PIL_FORMATS[fmt], quality=QUALITY[fmt], optimize=fmt == Rendition.Format.JPEG)
        stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        rendition = Rendition(image=image, format=fmt)
        rendition.file.save(
            f"{stem}-{width}w.{'jpg' if fmt == 'jpeg' else 'webp'}", ContentFile(buffer.getvalue()), save=False
        )
        # Set after the file: assigning it resets the dimension fields.
        rendition.width, rendition.height = width, height
        try:
            # A savepoint: when another process made the same rendition
            # meanwhile, theirs stands and the publish around us goes on.
            with transaction.atomic():
                rendition.save()
        except IntegrityError:
            rendition.file.delete(save=False)
            if not Rendition.objects.filter(image=image, format=fmt, width=width).exists():
                raise
            continue
        made.append(rendition)
    return made


def story_renditions_ensure(*, article) -> None:
    """Make sure the lead image of a story going live gets its renditions.

    Usually they exist already (made after upload) and the task makes
    nothing. It runs after commit on the task queue, so approving a story
    never waits for pictures to be resized.
    """
    if article.lead_image_id:
        transaction.on_commit(partial(_queue_renditions, article.lead_image_id))


def _queue_renditions(image_id: int) -> None:
    from ..tasks import make_renditions

    make_renditions.enqueue(image_id)
