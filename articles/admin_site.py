"""The newsroom's admin site: Django's, with the editorial desk at its front page.

This module lives outside ``articles/admin/`` on purpose. Django imports the
app config while apps are still loading, and builds ``admin.site`` from
``default_site`` when it is first used; importing anything inside the
``articles.admin`` package at either moment would run that package's model
registrations too early, against a site that is not yet ``admin.site``.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language


@dataclass(frozen=True)
class DeskPanel:
    """A panel another app adds to the desk (the admin's front page).

    ``context(request)`` returns what ``template`` needs, or ``None`` to
    leave the panel out for that user. Apps register panels from their
    ``AppConfig.ready()``, so the desk shows them without importing them.
    """

    name: str
    template: str
    context: Callable


@dataclass(frozen=True)
class ScreenPanel:
    """A part another app adds to one of a story's screens (``"form"``, ``"history"``).

    ``context(request, article)`` returns what ``template`` needs, or
    ``None`` to leave it out for that story (live coverage's entry
    revisions on a story never covered, for one).
    """

    name: str
    template: str
    context: Callable


_desk_panels: dict[str, DeskPanel] = {}
_story_list_filters: dict[str, object] = {}
_story_panels: dict[str, str] = {}
_screen_panels: dict[str, dict[str, ScreenPanel]] = {}
_story_marks: dict[str, Callable] = {}
_admin_urls: dict[str, Callable] = {}
_desk_pulse: dict[str, Callable] = {}
_desk_pulse_reads: dict[str, Callable] = {}


def register_screen_panel(screen: str, panel: ScreenPanel) -> None:
    """Add ``panel`` to a story's ``screen`` ("form" or "history"); the same name again replaces it."""
    _screen_panels.setdefault(screen, {})[panel.name] = panel


def screen_panels(screen: str, request, article) -> list[dict]:
    """The registered panels of ``screen`` this user gets for ``article``, each as ``{"template", "context"}``."""
    shown = []
    for panel in _screen_panels.get(screen, {}).values():
        context = panel.context(request, article)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown


def register_story_marks(name: str, marks: Callable) -> None:
    """Add marks to stories in the desk's lists (the stories list, the review queue).

    ``marks(request, articles)`` returns ``{article_id: [text, ...]}`` for
    the stories on the page, in one go.
    """
    _story_marks[name] = marks


def story_marks(request, articles) -> dict[int, list[str]]:
    """Every registered mark of ``articles``, by story id."""
    articles = list(articles)
    found: dict[int, list[str]] = {}
    for marks in _story_marks.values():
        for pk, texts in marks(request, articles).items():
            found.setdefault(pk, []).extend(texts)
    return found


def register_admin_urls(name: str, urls: Callable) -> None:
    """Add addresses under the admin: ``urls(site)`` returns paths, wrapped in ``site.admin_view``."""
    _admin_urls[name] = urls


def register_desk_pulse(name: str, answer: Callable, *, read: Callable | None = None) -> None:
    """Add to what an open story form is told every few seconds, with presence's heartbeat.

    ``answer(request)`` returns what the app's script on the page needs
    (JSON-able), or ``None``. The heartbeat carries every registered answer
    under its name, and the form's page hands them to its scripts as a
    ``newsroom:pulse`` event; a script that would otherwise ask the server on
    its own timer (the notification bell) listens instead, so an open form
    costs one request every few seconds, not one per script.

    ``read``, when given, is the one value the answer needs from the
    database, for the heartbeat to read in the query it makes anyway (one
    round trip fewer, every few seconds for every open form):
    ``read(user)`` returns a SQL expression of one value and its parameters,
    or ``None`` when there is nothing to read for that person; the
    heartbeat then calls ``answer(request, value)`` with what it read.
    """
    _desk_pulse[name] = answer
    if read is None:
        _desk_pulse_reads.pop(name, None)
    else:
        _desk_pulse_reads[name] = read


def desk_pulse_reads(user) -> dict[str, tuple[str, list]]:
    """What the registered pulses ask the heartbeat to read for ``user``: a SQL expression and its parameters, by name."""
    found = {}
    for name, read in _desk_pulse_reads.items():
        expression = read(user)
        if expression is not None:
            found[name] = expression
    return found


def desk_pulse(request, read: Mapping[str, object] | None = None) -> dict:
    """Every registered pulse answer for this request, by name (those that answered ``None`` left out).

    ``read`` holds the values the heartbeat read for the pulses that asked
    (``desk_pulse_reads``); the others read for themselves.
    """
    read = read or {}
    found = {}
    for name, answer in _desk_pulse.items():
        value = answer(request, read[name]) if name in read else answer(request)
        if value is not None:
            found[name] = value
    return found


def register_desk_panel(panel: DeskPanel) -> None:
    """Add ``panel`` to the desk; registering the same name again replaces it."""
    _desk_panels[panel.name] = panel


def register_story_list_filter(name: str, list_filter) -> None:
    """Add a filter (a ``SimpleListFilter`` subclass) to the stories list, after its own."""
    _story_list_filters[name] = list_filter


def register_story_panel(name: str, template: str) -> None:
    """Add ``template`` to the story's own screens (its form, compare, history), after their content.

    The template is included with the screen's context (``original`` is the
    story); it should load what it shows itself, so that screens cost no more
    queries for it.
    """
    _story_panels[name] = template


def story_list_filters() -> tuple:
    return tuple(_story_list_filters.values())


def desk_panels(request) -> list[dict]:
    """The registered panels this user gets, each as ``{"template", "context"}``."""
    shown = []
    for panel in _desk_panels.values():
        context = panel.context(request)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown


class NewsroomAdminSite(admin.AdminSite):
    site_header = _("Al-Khabar newsroom")
    site_title = _("Al-Khabar newsroom")
    index_title = _("Editorial desk")

    def index(self, request, extra_context=None):
        """The dashboard: the user's drafts, reviews and returns, and what went live lately."""
        # Imported here: models cannot be imported while apps load (see above).
        from . import selectors, workflow

        user = request.user
        desk = {
            "my_drafts": selectors.desk_my_drafts(user),
            "my_in_review": selectors.desk_my_in_review(user),
            "returned": selectors.desk_returned_to(user),
            "recently_published": selectors.desk_recently_published(),
            "recent_moves": selectors.desk_recent_moves(),
            "my_other_actions": selectors.desk_my_other_actions(user),
        }
        if workflow.may_review(user):
            desk["review_count"] = selectors.desk_review_count()
            desk["scheduled"] = selectors.desk_scheduled()
        desk["panels"] = desk_panels(request)
        return super().index(request, {"desk": desk, **(extra_context or {})})

    def each_context(self, request):
        from . import workflow

        context = super().each_context(request)
        context["desk_languages"] = settings.LANGUAGES
        # The header links to the review queue for those the workflow lets review.
        context["may_review"] = request.user.is_authenticated and workflow.may_review(request.user)
        context["story_panels"] = tuple(_story_panels.values())
        return context

    def get_urls(self):
        # Django's own language switch, behind the admin's login: the admin
        # has no language prefix in its addresses, so editors choose its
        # language with a cookie, whatever their browser asks for.
        extra = [url for urls in _admin_urls.values() for url in urls(self)]
        return [path("language/", self.admin_view(set_language), name="language"), *extra, *super().get_urls()]


class NewsroomAdminConfig(AdminConfig):
    """Django's admin, with ``NewsroomAdminSite`` as ``admin.site``."""

    default_site = "articles.admin_site.NewsroomAdminSite"
