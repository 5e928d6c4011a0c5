"""What stories are made from: sections, tags, authors and pictures."""

from functools import partial

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Image
from ..services.library import library_delete, library_save
from ..services.media import image_create, image_update
from .bilingual import BilingualAdmin
from .forms import DESCRIPTION_WIDGETS, ImageForm, PickOne
from .views import pictures
from .widgets import PlausibleAutocompleteSelect


class LibraryAdmin(BilingualAdmin):
    """Saves and deletions go through the library service, which refreshes the live stories showing them."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # An impossible id (past the bigint range, or not a number) is an
        # unknown choice, and the form is drawn again without looking it up.
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", PlausibleAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
            )
        kwargs.setdefault("form_class", PickOne)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        # "Images", not Django's "Select image to change".
        title = capfirst(self.opts.verbose_name_plural)
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    def save_model(self, request, obj, form, change):
        library_save(obj=obj, user=request.user)

    def delete_model(self, request, obj):
        library_delete(obj=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            library_delete(obj=obj)


class SectionAdmin(LibraryAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name_ar", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


class TagAdmin(LibraryAdmin):
    list_display = ("name", "slug")
    search_fields = ("name_ar", "name_en", "slug")


class AuthorAdmin(LibraryAdmin):
    list_display = ("name", "slug", "user")
    list_select_related = ("user",)
    search_fields = ("name_ar", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("photo", "user")


class ImageAdmin(LibraryAdmin):
    """The picture library. Uploads go through ``image_create``; the file never changes after."""

    form = ImageForm
    list_display = ("thumbnail", "__str__", "credit", "created_at", "uploaded_by")
    list_select_related = ("uploaded_by",)
    search_fields = ("alt_ar", "alt_en", "caption_ar", "caption_en", "credit_ar", "credit_en")
    readonly_fields = ("focal_point", "uploaded_by", "created_at", "width", "height")
    fieldsets = (
        (None, {"fields": ("file", "focal_point", ("focal_x", "focal_y"))}),
        (_("Description"), {"fields": ("alt", "caption", "credit")}),
        (_("Record"), {"fields": ("width", "height", "uploaded_by", "created_at")}),
    )

    class Media:
        js = ["newsroom_admin/focal_point.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in DESCRIPTION_WIDGETS:
            kwargs["widget"] = DESCRIPTION_WIDGETS[db_field.name]
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # Nothing to record before the upload.
        return fieldsets if obj is not None and obj.pk else fieldsets[:-1]

    def get_readonly_fields(self, request, obj=None):
        # A new picture is a new upload: renditions are cut from the file.
        if obj is not None and obj.pk:
            return ("file", *self.readonly_fields)
        return self.readonly_fields

    @admin.display(description=_("picture"))
    def thumbnail(self, image):
        if not image.file:
            return "—"
        return format_html('<img src="{}" alt="" class="desk-thumbnail" loading="lazy">', image.file.url)

    @admin.display(description=_("focal point"))
    def focal_point(self, image):
        url = image.file.url if image and image.pk and image.file else ""
        return format_html(
            '<div class="focal-point" data-focal-point>'
            '<img src="{}" alt="" data-focal-image{}><span class="focal-point__marker" aria-hidden="true"></span>'
            '</div><p class="help">{}</p>',
            url,
            "" if url else " hidden",
            _("Click the picture on the part that must stay in view when it is cropped."),
        )

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        name = f"{prefix}_original"

        def dialog(view):
            return self.admin_site.admin_view(partial(view, self))

        # Before the admin's own ``<path:object_id>/`` patterns, which would take it.
        return [
            path("original/<path:name>", self.admin_site.admin_view(self.original_view), name=name),
            path("choose/", dialog(pictures.picture_choices), name=f"{prefix}_choose"),
            path("upload/", dialog(pictures.picture_upload), name=f"{prefix}_upload"),
            *super().get_urls(),
        ]

    def original_view(self, request, name):
        """An uploaded original, to the newsroom only: readers get renditions (see ``newsroom.storage``)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        image = Image.objects.filter(file=name).first()
        if image is None:
            raise Http404(gettext("There is no such picture."))
        response = FileResponse(image.file.open("rb"))
        patch_cache_control(response, private=True, no_store=True)
        return response

    def save_model(self, request, obj, form, change):
        if change:
            image_update(image=obj, user=request.user)
            return
        fields = {name: value for name, value in form.cleaned_data.items() if name != "file"}
        image = image_create(user=request.user, file=form.cleaned_data["file"], **fields)
        obj.pk = image.pk
        obj.refresh_from_db()
