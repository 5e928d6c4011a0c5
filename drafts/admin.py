"""The draft-copy endpoints, under the admin and behind its sign-in; draft copies have no screen of their own."""

from django.contrib import admin
from django.urls import path

from . import views
from .models import DraftBuffer


@admin.register(DraftBuffer)
class DraftBufferAdmin(admin.ModelAdmin):
    """No list or form: a draft copy is only ever seen in its owner's story form."""

    def get_model_perms(self, request):
        return {}

    def get_urls(self):
        wrap = self.admin_site.admin_view
        prefix = "drafts_draftbuffer"
        return [
            path("session/", wrap(views.session), name=f"{prefix}_session"),
            path("<str:story>/", wrap(views.draft_copy), name=f"{prefix}_copy"),
            path("<str:story>/discard/", wrap(views.discard), name=f"{prefix}_discard"),
            path("<str:story>/compare/", wrap(views.compare), name=f"{prefix}_compare"),
        ]
