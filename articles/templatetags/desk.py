"""What the desk's templates need beyond Django's admin tags: the picture dialog, dates as the site writes them."""

from django import template
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst

from .. import editions
from ..admin import dates
from ..admin.forms import PictureUploadForm
from ..models import Image

register = template.Library()


@register.inclusion_tag("admin/articles/article/includes/picture_dialog.html", takes_context=True)
def picture_dialog(context):
    """``{% picture_dialog %}``: the dialog that chooses the lead picture or uploads a new one."""
    user = context["request"].user
    form = PictureUploadForm()
    return {
        "csrf_token": context.get("csrf_token"),
        "may_upload": user.has_perm("articles.add_image"),
        "form": form,
        "languages": [
            {
                "code": code,
                "name": editions.translated_name(code),
                # Each under its own name ("alt text"): the language is the fieldset's legend.
                "fields": [
                    (form[f"{name}_{code}"], capfirst(Image._meta.get_field(name).verbose_name))
                    for name in ("alt", "caption", "credit")
                ],
            }
            for code in editions.languages()
        ],
        "max_bytes": settings.NEWSROOM_UPLOAD_MAX_BYTES,
        "max_size": filesizeformat(settings.NEWSROOM_UPLOAD_MAX_BYTES),
    }


@register.filter
def desk_when(moment):
    """``{{ moment|desk_when }}``: "١ ديسمبر ٢٠٢٦، ١٤:٠٥" in the Arabic desk, "1 December 2026, 14:05" in the English."""
    return dates.desk_when(moment)


@register.filter
def desk_ago(moment):
    """``{{ moment|desk_ago }}``: "just now", "منذ ٥ دقائق", or the date once it is a day old."""
    return dates.desk_ago(moment)
