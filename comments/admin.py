"""The comments' desk endpoints: a story's threads as a fragment of HTML, and the writes, for the story's screens.

The story's form, compare and history include ``admin/comments/includes/panel.html``
(through ``articles.admin_site.register_story_panel``); its script loads the
threads from ``story_view`` and posts the writes here. Each write answers
with the threads drawn again (or, without the script, sends the browser
back where it came from). There is no list of comments of its own.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from articles import editions
from articles.models import Article, Revision

from . import mentions, rules, selectors, services
from .models import Comment, Thread

SCREENS = ("form", "compare", "history")


def field_label(field: str) -> str:
    """What the desk calls a field: "Body (Arabic)"; the story as a whole for no field."""
    if not field:
        return _("the story as a whole")
    name, code = field.rsplit("_", 1)
    return _("%(field)s (%(language)s)") % {
        "field": capfirst(Revision._meta.get_field(name).verbose_name),
        "language": editions.translated_name(code),
    }


def _wants_fragment(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _back(request, article_id: int):
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(wanted)
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article_id]))


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    def get_model_perms(self, request):
        return {}  # no list of its own in the admin's index: comments live on the story's screens

    def has_view_permission(self, request, obj=None):
        return rules.may_comment(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        raise PermissionDenied

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("story/<int:article_id>/", wrap(self.story_view), name="comments_thread_story"),
            path("story/<int:article_id>/new/", wrap(self.create_view), name="comments_thread_create"),
            path("<int:thread_id>/reply/", wrap(self.reply_view), name="comments_thread_reply"),
            path("<int:thread_id>/resolve/", wrap(self.resolve_view), name="comments_thread_resolve"),
            path("<int:thread_id>/reopen/", wrap(self.reopen_view), name="comments_thread_reopen"),
            path("comment/<int:comment_id>/edit/", wrap(self.edit_view), name="comments_comment_edit"),
            path("comment/<int:comment_id>/delete/", wrap(self.delete_view), name="comments_comment_delete"),
            path("mentions/", wrap(self.mentions_view), name="comments_thread_mentions"),
        ]

    # Reading ------------------------------------------------------------------

    def _story(self, request, article_id: int) -> Article:
        if not rules.may_comment(request.user):
            raise PermissionDenied
        return get_object_or_404(Article.objects.select_related("latest_revision"), pk=article_id)

    def story_view(self, request, article_id):
        """The story's threads, placed on ``?revision=`` (the current one by default), as a fragment."""
        article = self._story(request, article_id)
        return self._fragment(request, article, number=_int(request.GET.get("revision")))

    def _fragment(self, request, article, *, number=None, status=200, error=""):
        screen = request.GET.get("screen") or request.POST.get("screen") or "form"
        screen = screen if screen in SCREENS else "form"
        number = number or _int(request.POST.get("revision"))
        revision = article.latest_revision
        if number and (revision is None or number != revision.number):
            revision = Revision.objects.filter(article=article, number=number).first() or revision
        placed = selectors.threads_on(article, revision)
        for item in placed:
            item.label = field_label(item.thread.field)
        context = {
            "article": article,
            "revision": revision,
            "placed": placed,
            "open_count": sum(1 for item in placed if not item.thread.is_resolved),
            "screen": screen,
            "error": error,
            "user": request.user,
            "may_resolve_any": request.user.has_perm(rules.RESOLVE_ANY),
        }
        return TemplateResponse(request, "admin/comments/threads.html", context, status=status)

    def mentions_view(self, request):
        """Completion for the comment box: people, roles and desks matching ``?q=``, in either script."""
        if not rules.may_comment(request.user):
            raise PermissionDenied
        found = mentions.candidates(request.GET.get("q", ""))
        return JsonResponse({"results": [{"handle": c.handle, "label": c.label, "kind": c.kind} for c in found]})

    # Writing ------------------------------------------------------------------

    def _write(self, request, article_id: int, write):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._story(request, article_id)
        try:
            write()
        except ValidationError as refusal:
            message = " ".join(refusal.messages)
            if _wants_fragment(request):
                return self._fragment(request, article, status=400, error=message)
            messages.error(request, message)
            return _back(request, article_id)
        if _wants_fragment(request):
            return self._fragment(request, article)
        return _back(request, article_id)

    def create_view(self, request, article_id):
        article = self._story(request, article_id)
        data = request.POST
        revision = Revision.objects.filter(article=article, number=_int(data.get("revision"))).first()

        def write():
            services.comment_create(
                article=article,
                user=request.user,
                body=data.get("body", ""),
                field=data.get("field", ""),
                revision=revision,
                quote=data.get("quote", ""),
                prefix=data.get("prefix", ""),
                position=_int(data.get("position")),
            )

        return self._write(request, article_id, write)

    def _thread(self, thread_id) -> Thread:
        return get_object_or_404(Thread, pk=thread_id)

    def reply_view(self, request, thread_id):
        thread = self._thread(thread_id)
        return self._write(
            request,
            thread.article_id,
            lambda: services.comment_reply(thread=thread, user=request.user, body=request.POST.get("body", "")),
        )

    def resolve_view(self, request, thread_id):
        thread = self._thread(thread_id)
        return self._write(
            request, thread.article_id, lambda: services.thread_resolve(thread=thread, user=request.user)
        )

    def reopen_view(self, request, thread_id):
        thread = self._thread(thread_id)
        return self._write(request, thread.article_id, lambda: services.thread_reopen(thread=thread, user=request.user))

    def edit_view(self, request, comment_id):
        comment = get_object_or_404(Comment.objects.select_related("thread"), pk=comment_id)
        return self._write(
            request,
            comment.thread.article_id,
            lambda: services.comment_edit(comment=comment, user=request.user, body=request.POST.get("body", "")),
        )

    def delete_view(self, request, comment_id):
        comment = get_object_or_404(Comment.objects.select_related("thread"), pk=comment_id)
        return self._write(
            request, comment.thread.article_id, lambda: services.comment_delete(comment=comment, user=request.user)
        )
