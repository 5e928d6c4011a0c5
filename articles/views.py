"""The public site. Views are thin: they ask the selectors, declare what the
page shows (``dependencies``: plain data a page cache reads), and render.

Every list starts from ``Article.objects.live()`` (through the selectors);
nothing here decides what a reader may see.
"""

import calendar
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from . import dates, rendered, search, selectors
from .dependencies import (
    LIVE,
    archive_key,
    author_key,
    cacheable,
    page_number,
    search_words,
    section_key,
    shows,
    story_key,
    story_keys,
    tag_key,
)
from .editions import languages, site_name
from .extensions import story_additions
from .jinja import PUBLIC
from .models import Article
from .presentation import StoryPage, editions, search_results, story_metadata


class StoryPaginator(Paginator):
    """Pages of a story list; deep pages find their stories by id first, and the list's size is kept.

    Page 200 of a section skips four thousand stories. Skipping them in the
    list's index (ids only) and then reading just the twenty rows shown is
    far cheaper than reading and discarding four thousand whole rows. A
    list through a join (a tag's, an author's) does so from its first page
    (``deep=0``): its ids come from two indexes alone, where the plain query
    read and sorted the whole row of every story the tag has.

    The number of pages comes from how many stories the list has, kept
    under ``size_key`` until the next change readers can see
    (``selectors.list_fact``): counting a section of 30,000 stories cost
    more than showing twenty of them.
    """

    deep = 5  # pages before which the plain query is as quick

    def __init__(
        self, object_list, per_page, *, size_key: str, deep: int | None = None, listed: tuple | None = None, **kwargs
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.size_key = size_key
        # (kind, id): the list's pages are prepared queries (``selectors.list_page``), and
        # ``object_list`` may be the function that builds its queryset, needed only to count it.
        self.listed = listed
        if deep is not None:
            self.deep = deep

    def _check_object_list_is_ordered(self):
        if not callable(self.object_list):  # a list's function builds it ordered (``selectors.article_live``)
            super()._check_object_list_is_ordered()

    @cached_property
    def stories(self):
        return self.object_list() if callable(self.object_list) else self.object_list

    @cached_property
    def count(self):
        return selectors.list_fact(f"size:{self.size_key}", lambda: self.stories.count())

    def page(self, number):
        number = self.validate_number(number)
        if self.listed is not None:
            kind, pk = self.listed
            stories = selectors.list_page(
                kind, pk, get_language(), number=number, per_page=self.per_page, deep=self.deep
            )
        else:
            stories = list(selectors.page_of(self.stories, number, self.per_page, deep=self.deep))
        return self._get_page(stories, number, self)


# The one parameter a list of stories reads.
LIST = {"page": page_number}


def _paginate(request, stories, *, size_key: str | None = None, deep: int | None = None, listed=None):
    """The requested page of ``stories`` (or of what the function ``stories`` builds); a 404 if there is none.

    A list of stories names itself (``size_key``, with its language) so
    that its size is kept, and may say from which page its stories are
    found by id first (``deep``; see ``StoryPaginator``); search results
    are counted every time.
    """
    size, page = settings.NEWSROOM_PAGE_SIZE, request.GET.get("page") or 1
    if size_key is None:
        paginator = Paginator(stories, size, allow_empty_first_page=True)
    else:
        size_key = f"{size_key}:{get_language()}"
        paginator = StoryPaginator(
            stories, size, size_key=size_key, deep=deep, listed=listed, allow_empty_first_page=True
        )
    try:
        return paginator.page(page)
    except InvalidPage:
        raise Http404(_("There is no such page in this list.")) from None


def _render(request, template, context, *, url_name, kwargs=None, languages=None, status=200):
    """Render a public page with what every page shows (sections, editions, site name)."""
    language = get_language()
    site_editions = editions(request, url_name, kwargs, languages)
    navigation = selectors.navigation()
    context = {
        "site_name": site_name(language),
        "navigation": navigation,  # the layout's pieces are drawn once per navigation (``layout``)
        "sections": navigation.sections,
        "editions": site_editions,
        "canonical": next((e.url for e in site_editions if e.is_current), request.build_absolute_uri()),
        **context,
    }
    return render(request, template, context, status=status, using=PUBLIC)


@cacheable(lambda: [LIVE])
def home(request):
    home = selectors.home_stories(get_language())
    return _render(request, "articles/home.html", {"home": home}, url_name="articles:home")


# A story reads ``page`` only for what other apps add to it (live coverage's entries, in pages).
@cacheable(lambda pk, slug: [story_key(pk)], parameters=LIST)
def story(request, pk: int, slug: str):
    language = get_language()
    try:
        article = selectors.article_live_detail(pk, language)
    except Article.DoesNotExist:
        if selectors.article_was_withdrawn(pk):
            return _gone(request)
        raise Http404(_("There is no story at this address.")) from None
    if language not in article.live_languages():
        raise Http404(_("This story has no edition in this language."))
    if slug != article.slug:
        return redirect(article, permanent=True)
    page = StoryPage.live(article)
    page.related = selectors.article_related(article, language)
    shows(request, *story_keys(page.related))
    context = _StoryContext(story=page, metadata=lambda: story_metadata(page, request, language))
    context["story_additions"], replaced = _additions(request, article, language, context)
    # The parts of the page drawn when the story went live (``rendered``); any not fit to print is drawn now.
    drawn = rendered.stored_pieces(article, request, language, replaced)
    context["rendered"] = drawn.pieces if drawn else {}
    if "head" not in context["rendered"]:
        context.make()
    return _render(
        request,
        "articles/story.html",
        context,
        url_name="articles:story",
        kwargs={"pk": article.pk, "slug": article.slug},
        languages=article.live_languages(),
    )


class _StoryContext(dict):
    """A story page's values, its metadata (``story_metadata``: JSON-LD, share picture) made on first reading.

    A page that prints the head drawn when the story went live (``rendered``)
    never needs them; an app adding to the page (live coverage) may read
    them, to extend them.
    """

    METADATA = ("json_ld", "og_image")

    def __init__(self, *, metadata, **values):
        super().__init__(**values)
        self._metadata = metadata

    def make(self) -> None:
        if self._metadata is not None:
            made, self._metadata = self._metadata, None
            for name, value in made().items():
                self.setdefault(name, value)

    def __getitem__(self, key):
        if key in self.METADATA:
            self.make()
        return super().__getitem__(key)

    def get(self, key, default=None):
        if key in self.METADATA:
            self.make()
        return super().get(key, default)


def _additions(request, article, language, context) -> tuple[list[dict], set[str]]:
    """What the apps built on articles add to this story's page (``extensions``), and which page values they replaced."""
    drawn, replaced = [], set()
    for addition in story_additions():
        found = addition.context(request, article, language, context)
        if found:
            page = found.pop("page", {})
            context.update(page)
            replaced.update(page)
            drawn.append({"template": found.pop("template"), "context": found})
    return drawn, replaced


def _gone(request):
    """410: the story was published once and has been withdrawn. Its language switch leads home."""
    return _render(request, "410.html", {"canonical": None}, url_name="articles:home", status=410)


def _story_list(
    request,
    *,
    title,
    stories,
    size_key,
    url_name,
    kwargs,
    feeds=None,
    description="",
    section=None,
    deep=None,
    listed=None,
):
    page = _paginate(request, stories, size_key=size_key, deep=deep, listed=listed)
    shows(request, *story_keys(page.object_list))
    context = {"title": title, "page": page, "feeds": feeds or [], "description": description}
    if section is not None:  # a section's own page marks it in the navigation and does not repeat it
        context["current_section"] = section.slug
    if page.number > 1:  # each page of a list is its own canonical page
        context["canonical"] = request.build_absolute_uri(f"{request.path}?page={page.number}")
    return _render(request, "articles/list.html", context, url_name=url_name, kwargs=kwargs)


@cacheable(lambda slug: [section_key(slug)], parameters=LIST)
def section(request, slug: str):
    section = selectors.section_by_slug(slug)
    if section is None:
        raise Http404(_("There is no section at this address."))
    feeds = [
        ("application/rss+xml", "RSS", reverse("articles:section_rss", kwargs={"slug": slug})),
        ("application/atom+xml", "Atom", reverse("articles:section_atom", kwargs={"slug": slug})),
    ]
    return _story_list(
        request,
        title=section.name,
        stories=lambda: selectors.section_stories(section, get_language()),
        size_key=f"section:{section.pk}",
        listed=("section", section.pk),
        url_name="articles:section",
        kwargs={"slug": slug},
        feeds=feeds,
        section=section,
    )


@cacheable(lambda slug: [tag_key(slug)], parameters=LIST)
def tag(request, slug: str):
    tag = selectors.tag_by_slug(slug)
    if tag is None:
        raise Http404(_("There is no tag at this address."))
    return _story_list(
        request,
        title=tag.name,
        stories=lambda: selectors.tag_stories(tag, get_language()),
        size_key=f"tag:{tag.pk}",
        listed=("tag", tag.pk),
        deep=0,  # through the tags' join: ids first on every page (migration 0016's indexes answer them)
        url_name="articles:tag",
        kwargs={"slug": slug},
    )


@cacheable(lambda slug: [author_key(slug)], parameters=LIST)
def author(request, slug: str):
    author = selectors.author_by_slug(slug)
    if author is None:
        raise Http404(_("There is no author at this address."))
    return _story_list(
        request,
        title=author.name,
        description=author.bio,
        stories=lambda: selectors.author_stories(author, get_language()),
        size_key=f"author:{author.pk}",
        listed=("author", author.pk),
        deep=0,  # through the bylines: ids first on every page, as for a tag
        url_name="articles:author",
        kwargs={"slug": slug},
    )


ARCHIVE_START, ARCHIVE_END = datetime.min + timedelta(days=2), datetime.max - timedelta(days=2)


def _later(moment: datetime, *, days: int) -> datetime:
    try:
        return moment + timedelta(days=days)
    except OverflowError:
        return ARCHIVE_END


@cacheable(lambda year, month=None, day=None: [archive_key(year, month, day)], parameters=LIST)
def archive(request, year: int, month: int | None = None, day: int | None = None):
    language = get_language()
    try:
        start = datetime(year, 1 if month is None else month, 1 if day is None else day)
    except (ValueError, OverflowError):  # month 13, day 0, a year of twenty digits
        raise Http404(_("There is no such date.")) from None
    if day:
        end = _later(start, days=1)
        title = dates.gregorian(timezone.make_aware(start), language)
    elif month:
        end = _later(start, days=calendar.monthrange(year, month)[1])
        title = f"{dates.month_name(month, language)} {dates.digits(year, language)}"
    else:
        end = datetime(year + 1, 1, 1) if year < 9999 else ARCHIVE_END
        title = dates.digits(year, language)
    # The first and last days of the calendar cannot be moved to UTC.
    start, end = max(start, ARCHIVE_START), min(end, ARCHIVE_END)
    kwargs = {name: value for name, value in (("year", year), ("month", month), ("day", day)) if value}
    url_name = {1: "articles:archive_year", 2: "articles:archive_month", 3: "articles:archive_day"}[len(kwargs)]
    stories = selectors.archive_stories(timezone.make_aware(start), timezone.make_aware(end), language)
    return _story_list(
        request,
        title=_("Archive: %(date)s") % {"date": title},
        stories=stories,
        size_key=f"archive:{start.isoformat()}:{end.isoformat()}",
        url_name=url_name,
        kwargs=kwargs,
    )


@cacheable(lambda: [LIVE], parameters={"q": search_words, "page": page_number})
def search_page(request):
    """Search results, kept per query until any story's live copy changes.

    When news breaks, thousands of readers search for the same words.
    """
    query = search.Query.parse(request.GET.get("q", ""), get_language())
    page = None
    if query:
        page = _paginate(request, search.article_search_ids(query))
        page.object_list = search.article_search_page(page.object_list, query.language)
    context = {
        "query": query,
        "page": page,
        "results": search_results(page.object_list, query) if page else [],
    }
    if page:
        count = page.paginator.count
        context["found"] = ngettext("%(shown)s story found", "%(shown)s stories found", count) % {
            "shown": dates.digits(count, query.language)
        }
    response = _render(request, "articles/search.html", context, url_name="articles:search")
    return response


def robots_txt(request):
    """robots.txt: everything public may be crawled except search; the sitemaps are named."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: /{code}/search/" for code in languages()),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@cacheable(lambda: [LIVE])
def news_sitemap(request):
    """The Google News sitemap: stories first published in the last two days, in each edition."""
    since = timezone.now() - timedelta(days=settings.NEWSROOM_NEWS_SITEMAP_DAYS)
    entries = []
    for code in languages():
        for article in selectors.news_sitemap_stories(since, code):
            entries.append(
                {
                    "url": request.build_absolute_uri(_in_language(code, article.get_absolute_url)),
                    "language": code,
                    "publication": site_name(code),
                    "date": article.first_published_at,
                    "title": getattr(article, f"headline_{code}"),
                }
            )
    return render(request, "sitemaps/news.xml", {"entries": entries}, content_type="application/xml")


def _in_language(code, function):
    from django.utils import translation

    with translation.override(code):
        return function()


def _error_page(request, template_name: str, exception, status: int) -> HttpResponse:
    """An error page in the reader's language, saying why when a view said."""
    # A view's own reason (a page number past the end, a date that does not
    # exist) is for readers; the URL resolver's reasons are not.
    reason = exception.args[0] if exception and exception.args and isinstance(exception.args[0], str) else ""
    context = {
        "site_name": site_name(),
        "reason": reason,
    }
    return HttpResponse(loader.get_template(template_name, using=PUBLIC).render(context, request), status=status)


def page_not_found(request, exception=None):
    """404 in the reader's language (the URL's prefix decides, as for every page)."""
    return _error_page(request, "404.html", exception, 404)


def bad_request(request, exception=None):
    """400 in the reader's language, saying what was wrong with the request.

    Django's own reasons for refusing a request (too many parameters, too
    much data) are written for developers, in English; readers get theirs.
    Such a request can fail before the language is chosen (the page cache
    reads the parameters first), so the URL's prefix chooses it here.
    """
    from django.utils import translation

    language = translation.get_language_from_path(request.path_info)
    if language and language != get_language():
        with translation.override(language):
            return bad_request(request, exception)
    if isinstance(exception, TooManyFieldsSent):
        exception = TooManyFieldsSent(
            _("The address or the form has more parameters than any page reads (at most %(limit)s).")
            % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
        )
    elif isinstance(exception, RequestDataTooBig):
        exception = RequestDataTooBig(_("What was sent is larger than any page accepts."))
    return _error_page(request, "400.html", exception, 400)


def server_error(request):
    """500 without touching the database, which may be what failed."""
    template = loader.get_template("500.html", using=PUBLIC)
    context = {"site_name": site_name()}
    return HttpResponse(template.render(context), status=500)
