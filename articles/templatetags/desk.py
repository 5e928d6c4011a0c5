"""What the desk's templates need beyond Django's admin tags: the story form's picture dialog."""

from django import template
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from .. import editions
from ..admin.forms import PictureUploadForm

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
                "dir": editions.direction(code),
                "fields": [form[f"{name}_{code}"] for name in ("alt", "caption", "credit")],
            }
            for code in editions.languages()
        ],
        "max_bytes": settings.NEWSROOM_UPLOAD_MAX_BYTES,
        "max_size": filesizeformat(settings.NEWSROOM_UPLOAD_MAX_BYTES),
    }
