"""A story as the API prints it: plain data, built from a live story or a revision.

The live story row already holds what its page prints beside the text
(``live_extras``: section, picture, bylines in order, tags, corrections),
so a page of twenty stories is one query. A scheduled story or a previewed
revision has the same shape built from its own relations.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Model

from articles import dates, editions
from articles.links import link_in
from articles.models import Revision
from articles.models.media import rendition_url

TEXT_FIELDS = ("headline", "standfirst", "body", "dateline")
IMAGE_TEXT = ("alt", "caption", "credit")
CONTENT_TYPES = {"jpeg": "image/jpeg", "webp": "image/webp"}


class SiteAddress:
    """Makes absolute addresses from one base (``https://host``), worked out once.

    ``request.build_absolute_uri`` checks the host against ``ALLOWED_HOSTS``
    on every call, and a list of twenty stories makes hundreds of links.
    Built from a request (``for_request``) or from ``NEWSROOM_SITE_URL``
    where there is none (webhooks).
    """

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.named: dict[tuple, dict] = {}

    @classmethod
    def for_request(cls, request) -> "SiteAddress":
        return cls(request.build_absolute_uri("/"))

    def build_absolute_uri(self, path: str) -> str:
        return path if "://" in path else self.base + path


@dataclass
class StoryView:
    """What the API knows of one story, whichever state it is read in."""

    pk: int
    slug: str
    content: Model  # the story row (live copy) or a revision: headline_ar, body_en, ...
    extras: dict
    status: str  # "live", "embargoed" or "preview"
    version: str
    first_published_at: datetime | None
    last_updated_at: datetime | None
    embargo_until: datetime | None
    go_live_at: datetime | None = None
    external_id: str = ""

    # The editions, when the story's row knows them (a live copy: ``Article.live_languages``).
    live_editions: list[str] | None = None

    def languages(self) -> list[str]:
        if self.live_editions is not None:
            return self.live_editions
        return [code for code in editions.languages() if code == editions.primary() or self.content.has_language(code)]

    @property
    def changed_at(self) -> datetime | None:
        return self.last_updated_at or self.first_published_at or self.go_live_at


def live_view(article) -> StoryView:
    return StoryView(
        pk=article.pk,
        slug=article.slug,
        content=article,
        extras=article.live_extras or {},
        status="live",
        version=str(article.live_revision_id),
        first_published_at=article.first_published_at,
        last_updated_at=article.last_updated_at,
        embargo_until=article.embargo_until,
        external_id=article.external_id,
        # Its editions as the site serves them, kept with the live copy (``has_english``): read without its bodies.
        live_editions=article.live_languages(),
    )


def scheduled_view(article) -> StoryView:
    revision = article.scheduled_revision
    return StoryView(
        pk=article.pk,
        slug=revision.slug,
        content=revision,
        extras=revision_extras(revision),
        status="embargoed",
        version=str(revision.pk),
        first_published_at=None,
        last_updated_at=None,
        embargo_until=revision.embargo_until,
        go_live_at=article.go_live_at,
        external_id=article.external_id,
    )


def preview_view(revision: Revision) -> StoryView:
    return StoryView(
        pk=revision.article_id,
        slug=revision.slug,
        content=revision,
        extras=revision_extras(revision),
        status="preview",
        version=str(revision.pk),
        first_published_at=None,
        last_updated_at=None,
        embargo_until=revision.embargo_until,
    )


def _names(obj, field="name") -> dict[str, str]:
    return {f"{field}_{code}": getattr(obj, f"{field}_{code}") or "" for code in editions.languages()}


def revision_extras(revision: Revision) -> dict:
    """The ``live_extras`` shape of a revision (relations loaded by ``with_relations`` or a prefetch)."""
    section, image = revision.section, revision.lead_image
    return {
        "section": {"id": section.pk, "slug": section.slug, **_names(section)} if section else None,
        "image": {
            "id": image.pk,
            "width": image.width,
            "height": image.height,
            "sources": image.sources,
            **{key: value for name in IMAGE_TEXT for key, value in _names(image, name).items()},
        }
        if image
        else None,
        "authors": [
            {"id": byline.author.pk, "slug": byline.author.slug, **_names(byline.author)}
            for byline in revision.bylines.all()
        ],
        "tags": [{"id": tag.pk, "slug": tag.slug, **_names(tag)} for tag in sorted(revision.tags.all(), key=_slug)],
        "corrections": [],
    }


def _slug(obj) -> str:
    return obj.slug


def _url(request, name: str, language: str, **kwargs) -> str:
    return request.build_absolute_uri(link_in(language, name, **kwargs))


def _by_language(data: dict, field: str, languages=None) -> dict[str, str]:
    return {code: data.get(f"{field}_{code}") or "" for code in languages or editions.languages()}


def moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def story_data(view: StoryView, request, *, full: bool = True) -> dict[str, Any]:
    """The API's JSON for one story: both editions, bylines in order, tags, section, corrections, picture."""
    extras = view.extras
    languages = view.languages()
    published = view.first_published_at
    editions = {}
    for code in languages:
        edition = {
            "headline": getattr(view.content, f"headline_{code}") or "",
            "standfirst": getattr(view.content, f"standfirst_{code}") or "",
            "dateline": getattr(view.content, f"dateline_{code}") or "",
            "url": _url(request, "articles:story", code, pk=view.pk, slug=view.slug or "-")
            if view.status == "live"
            else None,
            "date": dates.gregorian(published, code) if published else None,
            "hijri_date": dates.hijri(published, code) if published else None,
        }
        if full:
            edition["body"] = getattr(view.content, f"body_{code}") or ""
        editions[code] = edition
    section = extras.get("section")
    return {
        "id": view.pk,
        "slug": view.slug,
        "status": view.status,
        "version": view.version,
        "languages": languages,
        "editions": editions,
        "section": named_data(request, section, "articles:section") if section else None,
        "authors": [
            {**named_data(request, author, "articles:author"), "position": position}
            for position, author in enumerate(extras.get("authors", []), start=1)
        ],
        "tags": [named_data(request, tag, "articles:tag") for tag in extras.get("tags", [])],
        "corrections": [
            {"kind": item["kind"], "published_at": item["published_at"], "text": _by_language(item, "text", languages)}
            for item in extras.get("corrections", [])
        ],
        "picture": picture_data(extras.get("image"), request, languages),
        "first_published_at": moment(view.first_published_at),
        "last_updated_at": moment(view.last_updated_at),
        "embargoed_until": moment(view.embargo_until),
        "goes_live_at": moment(view.go_live_at),
        "ninjs_url": request.build_absolute_uri(f"/api/v1/stories/{view.pk}/ninjs") if view.status == "live" else None,
    }


def named_data(request, item: dict, url_name: str) -> dict[str, Any]:
    """A section, tag or author as the API prints it: id, slug, names and pages in both languages.

    Worked out once per answer for each one (``SiteAddress.named``): the
    twenty stories of a list share a few sections, tags and authors.
    """
    memo = getattr(request, "named", None)
    key = (url_name, item["id"], item["slug"], *(item.get(f"name_{code}") for code in editions.languages()))
    if memo is not None and key in memo:
        return memo[key]
    data = {
        "id": item["id"],
        "slug": item["slug"],
        "name": _by_language(item, "name"),
        "url": {code: _url(request, url_name, code, slug=item["slug"]) for code in editions.languages()},
    }
    if memo is not None:
        memo[key] = data
    return data


def picture_data(image: dict | None, request, languages=None) -> dict[str, Any] | None:
    """The picture with every stored rendition: whole, and the 16:9, 4:3 and 1:1 crops, in JPEG and WebP."""
    if not image:
        return None
    renditions = []
    for key, rows in sorted((image.get("sources") or {}).items()):
        fmt, _, crop = key.partition("-")
        for name, width, height in rows:
            renditions.append(
                {
                    "format": fmt,
                    "content_type": CONTENT_TYPES.get(fmt, "application/octet-stream"),
                    "crop": crop.replace("x", ":") if crop else None,
                    "width": width,
                    "height": height,
                    "url": request.build_absolute_uri(rendition_url(name)),  # remembered, as the site's pictures
                }
            )
    return {
        "id": image["id"],
        "width": image.get("width"),
        "height": image.get("height"),
        "alt": _by_language(image, "alt", languages),
        "caption": _by_language(image, "caption", languages),
        "credit": _by_language(image, "credit", languages),
        "renditions": renditions,
    }
