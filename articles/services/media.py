"""Adding pictures to the newsroom's library."""

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Image


def image_create(*, user, file: UploadedFile, **fields) -> Image:
    """Store an uploaded picture with its description (alt text, caption, credit).

    ``fields`` are the image's own fields (``alt_ar``, ``caption_en``, ...).
    """
    if not user.has_perm("articles.add_image"):
        raise PermissionDenied(_("You may not upload pictures."))
    image = Image(uploaded_by=user, **fields)
    image.file = file
    image.full_clean()
    with transaction.atomic():
        image.save()
    return image
