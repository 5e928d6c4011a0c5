"""Live coverage as readers get it: entries drawn for one edition, the story page's addition, JSON-LD."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.paginator import InvalidPage
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles import dates
from articles.richtext import plain_text

from . import selectors
from .models import Entry

SUMMARY_LENGTH = 110
# "N new updates" is written out for 1 to this many; more says this many.
COUNTED_UPDATES = 30


@dataclass
class EntryView:
    """One entry as an edition's readers see it (text in their language only)."""

    pk: int
    posted_at: datetime
    updated_at: datetime
    version: int
    body: SafeString
    quote: str
    quote_by: str
    author: object
    image: object
    pinned: bool
    key_event: bool
    corrections: list = field(default_factory=list)
    story_url: str = ""

    @property
    def anchor(self) -> str:
        return f"entry-{self.pk}"

    @property
    def summary(self) -> str:
        text = plain_text(self.body) or self.quote
        return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"

    @property
    def edited(self) -> bool:
        return (self.updated_at - self.posted_at).total_seconds() > 60


def entry_view(entry: Entry, language: str) -> EntryView:
    corrections = [
        {
            "kind": correction.get_kind_display(),
            "text": getattr(correction, f"text_{language}") or correction.text_ar,
            "published_at": correction.published_at,
        }
        for correction in entry.corrections.all()
    ]
    return EntryView(
        pk=entry.pk,
        posted_at=entry.posted_at,
        updated_at=entry.updated_at,
        version=entry.version,
        body=mark_safe(getattr(entry, f"body_{language}")),  # noqa: S308 - sanitised when stored (richtext)
        quote=getattr(entry, f"quote_{language}"),
        quote_by=getattr(entry, f"quote_by_{language}"),
        author=entry.author,
        image=entry.image,
        pinned=entry.pinned,
        key_event=entry.key_event,
        corrections=corrections,
    )


def entry_html(view: EntryView, language: str) -> str:
    return render_to_string("live/includes/entry.html", {"entry": view, "LANGUAGE_CODE": language})


def key_events_html(key_events: list[EntryView], language: str) -> str:
    return render_to_string("live/includes/key_events.html", {"key_events": key_events, "LANGUAGE_CODE": language})


def new_update_labels(language: str) -> list[str]:
    """ "1 new update" … "30 new updates", in the edition's words and digits (the script counts)."""
    return [
        ngettext("%(count)s new update", "%(count)s new updates", count) % {"count": dates.digits(count, language)}
        for count in range(1, COUNTED_UPDATES + 1)
    ]


# Read with the story's own query (``articles.extensions``): the id of its coverage, or None.
COVERAGE_ANNOTATION = "live_coverage_pk"


def story_annotations() -> dict:
    return {COVERAGE_ANNOTATION: selectors.coverage_id_of_story()}


def story_addition(request, article, language: str, page_context: dict) -> dict | None:
    """The story page's live coverage: key events, pinned entries, a page of entries, the update channel."""
    if getattr(article, COVERAGE_ANNOTATION, True) is None:
        return None  # the story's query found no coverage: nothing more to ask
    coverage = selectors.coverage_of_live_story(article.pk)
    if coverage is None:
        return None
    try:
        reader = selectors.reader_coverage(coverage, language, request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404(_("There is no such page of this coverage's updates.")) from None
    pinned = [entry_view(entry, language) for entry in reader.pinned]
    entries = [entry_view(entry, language) for entry in reader.page.object_list]
    key_events = [entry_view(entry, language) for entry in reader.key_events]
    url = request.build_absolute_uri(article.get_absolute_url())
    live_feed = reverse("live:feed", kwargs={"pk": article.pk})
    page = {
        "feeds": [*page_context.get("feeds", []), ("application/atom+xml", _("Live updates (Atom)"), live_feed)],
    }
    if reader.page.number > 1:
        page["canonical"] = request.build_absolute_uri(f"{request.path}?page={reader.page.number}")
    if page_context.get("json_ld"):
        page["json_ld"] = json_ld_live_blog(
            page_context["json_ld"], coverage, [*pinned, *entries], url=url, request=request
        )
    return {
        "template": "live/includes/coverage.html",
        "coverage": coverage,
        "is_open": coverage.is_open,
        "pinned": pinned,
        "entries": entries,
        "key_events": key_events,
        "entries_page": reader.page,
        "version": coverage.version,
        # Only the first page follows the coverage; older pages stay as they are.
        "updates_url": reverse("live:updates", kwargs={"pk": article.pk})
        if coverage.is_open and reader.page.number == 1
        else "",
        "new_update_labels": new_update_labels(language),
        "page": page,
    }


# schema.org -------------------------------------------------------------

# NewsArticle's own properties, which a LiveBlogPosting (a BlogPosting) does not have.
NEWS_ARTICLE_ONLY = ("dateline", "printColumn", "printEdition", "printPage", "printSection")


def json_ld_live_blog(news_article: dict, coverage, entries: list[EntryView], *, url: str, request) -> dict:
    """schema.org ``LiveBlogPosting``: the story's ``NewsArticle`` data, the coverage's times and its entries."""
    data = {name: value for name, value in news_article.items() if name not in NEWS_ARTICLE_ONLY}
    data["@type"] = "LiveBlogPosting"
    data["coverageStartTime"] = coverage.opened_at.isoformat()
    if coverage.closed_at:
        data["coverageEndTime"] = coverage.closed_at.isoformat()
    if entries:
        newest = max(entry.updated_at for entry in entries)
        data["dateModified"] = max(data.get("dateModified", ""), newest.isoformat())
    data["liveBlogUpdate"] = [_blog_posting(entry, url=url, request=request) for entry in entries]
    return data


def _blog_posting(entry: EntryView, *, url: str, request) -> dict:
    text = plain_text(entry.body) or entry.quote
    posting = {
        "@type": "BlogPosting",
        "@id": f"{url}#{entry.anchor}",
        "url": f"{url}#{entry.anchor}",
        "headline": entry.summary,
        "articleBody": text,
        "datePublished": entry.posted_at.isoformat(),
        "dateModified": entry.updated_at.isoformat(),
    }
    if entry.author:
        posting["author"] = {"@type": "Person", "name": entry.author.name}
    if entry.image:
        jpeg = entry.image.rendition_urls("jpeg")
        if jpeg:
            posting["image"] = request.build_absolute_uri(jpeg[-1][0])
    return {name: value for name, value in posting.items() if value not in (None, "")}
