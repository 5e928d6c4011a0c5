"""What the public story template reads, whether the story is live or a preview.

The public site renders the live copy of a story; the admin's preview renders
any revision with the same template. ``StoryPage`` gives both one shape, so
the template never needs to know which it was given.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.utils.translation import get_language

from .editions import languages as edition_languages
from .editions import local_name
from .editions import site_name as edition_site_name
from .links import link_in
from .models import Article, Author, Correction, Image, Rendition, Revision, Section, StoryContent, Tag
from .models.extras import LiveExtras


def live_extras_of(article: Article) -> LiveExtras:
    """Objects for what ``article.live_extras`` holds; made once per story object."""
    return LiveExtras.of(article)


@dataclass
class StoryPage:
    article: Article
    content: StoryContent  # the Article's live copy, or a Revision
    authors: list[Author] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    published_at: datetime | None = None
    updated_at: datetime | None = None
    is_preview: bool = False
    revision: Revision | None = None
    related: list = field(default_factory=list)
    section: Section | None = None  # the section the story is (or would be) filed in
    lead_image: Image | None = None

    @property
    def section_name(self) -> str:
        return self.section.name if self.section else ""

    # The text in the page's language, read once: a template looks each up
    # several times (title, headline, meta tags).
    @cached_property
    def headline(self) -> str:
        return self.content.headline or ""

    @cached_property
    def standfirst(self) -> str:
        return self.content.standfirst or ""

    @cached_property
    def dateline(self) -> str:
        return self.content.dateline or ""

    @cached_property
    def body(self) -> str:
        return self.content.body or ""

    @classmethod
    def live(cls, article: Article) -> "StoryPage":
        """The story as readers see it, from its row alone (``selectors.article_live_detail``)."""
        extras = live_extras_of(article)
        return cls(
            article=article,
            content=article,
            authors=extras.authors,
            tags=extras.tags,
            corrections=extras.corrections,
            section=extras.section,
            lead_image=extras.image,
            published_at=article.first_published_at,
            updated_at=article.last_updated_at,
        )

    @classmethod
    def unsaved(cls, revision: Revision, *, authors: list[Author], tags: list[Tag]) -> "StoryPage":
        """What a story form holds, never saved: ``revision`` is built, not stored, with its byline and tags."""
        article = revision.article
        return cls(
            article=article,
            content=revision,
            authors=authors,
            tags=tags,
            corrections=list(article.corrections.all()) if article.pk else [],
            published_at=article.first_published_at or revision.created_at,
            updated_at=revision.created_at if article.first_published_at else None,
            is_preview=True,
            revision=revision,
            section=revision.section,
            lead_image=revision.lead_image,
        )

    @classmethod
    def preview(cls, revision: Revision) -> "StoryPage":
        """Any revision, as it would look if it went live now (expects ``Revision.objects.with_relations``)."""
        article = revision.article
        return cls(
            article=article,
            content=revision,
            authors=revision.ordered_authors(),
            tags=list(revision.tags.all()),
            corrections=list(article.corrections.all()),
            published_at=article.first_published_at or revision.created_at,
            updated_at=revision.created_at if article.first_published_at else None,
            is_preview=True,
            revision=revision,
            section=revision.section,
            lead_image=revision.lead_image,
        )


# --- What the public pages share -------------------------------------------------


@dataclass(frozen=True)
class Edition:
    """One language edition of the page being shown: for hreflang links and the language switch."""

    code: str
    name: str
    url: str  # absolute
    is_current: bool


def editions(request, url_name: str, kwargs: dict | None = None, languages: list[str] | None = None) -> list[Edition]:
    """The editions of a page that exist, current language included.

    ``languages`` limits them (a story without English has only Arabic).
    """
    current = get_language()
    result = []
    for code in edition_languages():
        if languages is not None and code not in languages:
            continue
        url = link_in(code, url_name, **(kwargs or {}))  # as ``reverse`` in that language, from its pattern
        result.append(
            Edition(code=code, name=local_name(code), url=request.build_absolute_uri(url), is_current=code == current)
        )
    return result


def json_ld_news_article(story: StoryPage, *, url: str, image_urls: list[str], language: str) -> dict:
    """schema.org ``NewsArticle`` for a story page: plain data, escaped when printed."""
    content = story.content
    site_name = edition_site_name(language)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": getattr(content, f"headline_{language}") or "",
        "description": getattr(content, f"standfirst_{language}") or "",
        "inLanguage": language,
        "datePublished": story.published_at.isoformat() if story.published_at else None,
        "dateModified": (story.updated_at or story.published_at).isoformat() if story.published_at else None,
        "author": [
            {"@type": "Person", "name": author.name, "url": url_for_author(author, url)} for author in story.authors
        ],
        "publisher": {"@type": "NewsMediaOrganization", "name": site_name},
        "keywords": [tag.name for tag in story.tags],
    }
    if getattr(content, f"dateline_{language}", ""):
        data["dateline"] = getattr(content, f"dateline_{language}")
    if image_urls:
        data["image"] = image_urls
    if story.section_name:
        data["articleSection"] = story.section_name
    if story.corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": getattr(correction, f"text_{language}") or correction.text_ar,
                "datePublished": correction.published_at.isoformat(),
            }
            for correction in story.corrections
        ]
    return {name: value for name, value in data.items() if value not in (None, "", [])}


def story_metadata(story: StoryPage, request, language: str) -> dict:
    """What search engines and link previews read: JSON-LD and the share image, as absolute URLs."""
    url = request.build_absolute_uri(story.article.get_absolute_url())
    image = story.lead_image
    image_urls = []
    if image:
        # The crops around the focal point (16:9 first, for link previews),
        # or the largest whole picture until they are made.
        crops = [image.rendition_urls(f"jpeg-{crop}") for crop in Rendition.Crop.values if crop]
        whole = image.rendition_urls("jpeg")
        shown = [urls[-1][0] for urls in crops if urls] or ([whole[-1][0]] if whole else [])
        image_urls = [request.build_absolute_uri(address) for address in shown]
    return {
        "json_ld": json_ld_news_article(story, url=url, image_urls=image_urls, language=language),
        "og_image": image_urls[0] if image_urls else "",
    }


def url_for_author(author: Author, page_url: str) -> str:
    """The absolute address of ``author``'s page, on the site ``page_url`` is on."""
    from urllib.parse import urljoin

    return urljoin(page_url, author.get_absolute_url())


@dataclass(frozen=True)
class SearchResult:
    article: Article
    headline: str  # safe HTML, matches in <mark>
    excerpt: str  # safe HTML, matches in <mark>


def search_results(articles, query) -> list[SearchResult]:
    """Search hits with the reader's words highlighted (all text escaped first).

    ``articles`` come from ``search.article_search_page``: the body is read
    as the plain text stored with the index, never parsed here.
    """
    from . import search

    language = query.language
    results = []
    for article in articles:
        headline = getattr(article, f"headline_{language}") or ""
        standfirst = getattr(article, f"standfirst_{language}") or ""
        body = getattr(article, f"search_body_{language}") or ""
        in_standfirst = any(query.matches_word(word) for word in search.words(standfirst))
        text = standfirst if in_standfirst or not body else body
        results.append(
            SearchResult(
                article=article,
                headline=search.highlight(headline, query),
                excerpt=search.excerpt(text, query),
            )
        )
    return results
