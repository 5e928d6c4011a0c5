"""The notification centre in the desk: the bell's count, the list, mark read, following a story, settings.

The bell (``admin/notifications/includes/bell.html``, in every desk page's
header) asks ``unread_view`` every few seconds, so a notification shows
within seconds of its event, from whichever app server wrote it.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from articles.models import Article

from . import messages as wording
from . import selectors, services
from .desk import bell_answer
from .models import Channel, Event, Notification


def _desk_user(request):
    user = request.user
    if not (user.is_active and user.is_staff):
        raise PermissionDenied
    return user


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    def get_model_perms(self, request):
        return {}  # reached from the bell, not from the admin's index

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("", wrap(self.list_view), name="notifications_notification_changelist"),
            path("unread/", wrap(never_cache(self.unread_view)), name="notifications_notification_unread"),
            path("read/", wrap(self.read_view), name="notifications_notification_read"),
            path("<int:pk>/open/", wrap(self.open_view), name="notifications_notification_open"),
            path("settings/", wrap(self.settings_view), name="notifications_notification_settings"),
            path("follow/<int:article_id>/", wrap(self.follow_view), name="notifications_notification_follow"),
        ]

    def _context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, **extra}

    def unread_view(self, request):
        """The bell's answer: how many unread, and the newest few in words, in the desk's language."""
        return JsonResponse(bell_answer(_desk_user(request)))

    def list_view(self, request):
        user = _desk_user(request)
        page = Paginator(selectors.desk_notifications(user).select_related("actor"), 30).get_page(request.GET.get("p"))
        rows = [
            {
                "notification": n,
                "summary": wording.summary(n),
                "excerpt": wording.excerpt(n),
                "url": n.get_absolute_url(),
            }
            for n in page.object_list
        ]
        context = self._context(
            request, title=_("Notifications"), rows=rows, page=page, unread=selectors.unread_count(user)
        )
        return TemplateResponse(request, "admin/notifications/list.html", context)

    def read_view(self, request):
        """Mark read: the notifications named by ``id``, or all of them."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        user = _desk_user(request)
        ids = [int(value) for value in request.POST.getlist("id") if value.isdigit()] or None
        services.notifications_mark_read(user=user, ids=ids)
        if request.headers.get("X-Requested-With") == "fetch":
            return JsonResponse({"count": selectors.unread_count(user)})
        return HttpResponseRedirect(reverse("admin:notifications_notification_changelist"))

    def open_view(self, request, pk):
        """Follow a notification to what it is about, marking it read on the way."""
        user = _desk_user(request)
        notification = get_object_or_404(Notification, pk=pk, recipient=user)
        services.notifications_mark_read(user=user, ids=[notification.pk])
        return HttpResponseRedirect(wording.target(notification))

    def settings_view(self, request):
        """Per event and channel, on or off; e-mail at once or in a daily digest; the e-mails' language."""
        user = _desk_user(request)
        if request.method == "POST":
            enabled = {
                (event, channel): f"{event}:{channel}" in request.POST
                for event in Event.values
                for channel in Channel.values
            }
            services.preferences_update(user=user, enabled=enabled)
            language = request.POST.get("language") or translation.get_language()
            services.profile_update(
                user=user, language=language[:2], daily_digest=request.POST.get("daily_digest") == "on"
            )
            messages.success(request, _("Your notification settings are saved."))
            return HttpResponseRedirect(reverse("admin:notifications_notification_settings"))
        chosen = selectors.preferences_of(user)
        rows = [
            {
                "event": event,
                "label": label,
                "channels": [(channel, f"{event}:{channel}", chosen[(event, channel)]) for channel in Channel.values],
            }
            for event, label in Event.choices
        ]
        context = self._context(
            request,
            title=_("My notification settings"),
            rows=rows,
            channels=Channel.choices,
            profile=selectors.profile_of(user),
        )
        return TemplateResponse(request, "admin/notifications/settings.html", context)

    def follow_view(self, request, article_id):
        """Whether I follow the story (a small fragment for the story's screens); POST to follow or stop."""
        user = _desk_user(request)
        article = get_object_or_404(Article.objects.select_related("latest_revision"), pk=article_id)
        if not user.has_perm("articles.view_article"):
            raise PermissionDenied
        if request.method == "POST":
            services.story_follow(article=article, user=user, following=request.POST.get("follow") == "1")
            if request.headers.get("X-Requested-With") != "fetch":
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        context = {"article": article, "following": selectors.is_following(article, user)}
        return TemplateResponse(request, "admin/notifications/includes/follow.html", context)
