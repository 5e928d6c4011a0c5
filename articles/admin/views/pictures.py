"""The story form's picture dialog: the pictures to choose from, and an upload that keeps the form.

Both answer ``fetch`` from the dialog (``static/newsroom_admin/picture_dialog.js``)
without leaving the story form, so nothing typed in it is lost. The upload
goes through ``image_create`` like the library's own form.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ... import editions
from ...models import Image
from ...selectors.desk import desk_pictures
from ...services.media import image_create
from ..forms import PictureUploadForm


def picture_dialog(request) -> dict:
    """What the story form's picture dialog needs (``includes/picture_dialog.html``)."""
    form = PictureUploadForm()
    return {
        "may_upload": request.user.has_perm("articles.add_image"),
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


def picture_card(image) -> dict:
    """What the dialog shows of a picture: a thumbnail and its words, each in its own language."""
    renditions = image.rendition_urls("jpeg")
    # Until its renditions are made (just after the upload), the newsroom
    # sees the original, which only it may read.
    thumbnail = renditions[0][0] if renditions else reverse("admin:articles_image_original", args=[image.file.name])
    return {
        "id": image.pk,
        "thumbnail": thumbnail,
        "width": image.width,
        "height": image.height,
        "used_in": getattr(image, "used_in", 0) or 0,
        "texts": [
            {
                "code": code,
                "dir": editions.direction(code),
                "alt": getattr(image, f"alt_{code}") or "",
                "caption": getattr(image, f"caption_{code}") or "",
            }
            for code in editions.languages()
            if getattr(image, f"alt_{code}") or getattr(image, f"caption_{code}")
        ],
        "label": str(image),
    }


def picture_choices(model_admin, request):
    """The pictures matching ``?q=``, newest first, as the dialog's list (an HTML fragment)."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    query = request.GET.get("q", "")
    chosen = request.GET.get("chosen", "")
    response = TemplateResponse(
        request,
        "admin/articles/image/picture_choices.html",
        {"pictures": [picture_card(image) for image in desk_pictures(query)], "query": query, "chosen": chosen},
    )
    add_never_cache_headers(response)
    return response


def picture_upload(model_admin, request):
    """Store a picture sent from the dialog (POST only); answer its card, or the reasons it was refused."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_add_permission(request):
        return JsonResponse({"errors": {"__all__": [_("You may not upload pictures.")]}}, status=403)
    form = PictureUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse({"errors": _messages(form.errors)}, status=400)
    fields = {name: value for name, value in form.cleaned_data.items() if name != "file"}
    try:
        image = image_create(user=request.user, file=form.cleaned_data["file"], **fields)
    except ValidationError as refusal:
        return JsonResponse({"errors": _messages(refusal.update_error_dict({}))}, status=400)
    except PermissionDenied as refusal:
        return JsonResponse({"errors": {"__all__": [str(refusal)]}}, status=403)
    image.refresh_from_db(fields=["sources"])  # renditions made once the upload was committed, if already
    image.used_in = 0
    return JsonResponse({"picture": picture_card(image)}, status=201)


def _messages(errors) -> dict[str, list[str]]:
    return {name: [str(message) for message in messages] for name, messages in errors.items()}
