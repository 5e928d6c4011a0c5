"""The content API, version 1: thin views over ``api.selectors`` and ``api.representation``.

Every answer is JSON with an ETag; a client sending ``If-None-Match`` with
the ETag it holds gets 304 and no body. Lists page by cursor (no offsets:
page 500 costs what page 1 does).
"""

import hashlib
import json
from datetime import datetime
from typing import Literal

from csp.decorators import csp_update
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from ninja import NinjaAPI, Path, Query
from ninja.openapi.docs import Swagger
from ninja.responses import Status
from pydantic import Field

from pagecache.keys import LIVE, NAV, story_key
from pagecache.middleware import SURROGATE_KEY_HEADER

from . import keys, ninjs, schemas, selectors
from .access import PartnerKey, RateLimited, require_embargo_scope
from .representation import SiteAddress, live_view, named_data, preview_view, scheduled_view, story_data

MAX_LIMIT = 100
# Row ids are 64-bit: a larger number names no story (and would overflow the query).
MAX_ID = 2**63 - 1

api = NinjaAPI(
    title="Al-Khabar content API",
    version="1",
    description=(
        "Live stories of the Al-Khabar newsroom, in Arabic and English, as JSON and as IPTC ninjs 2.2. "
        "No key is needed for live stories; a partner's key (header `X-API-Key`) gives a rate of its own "
        "and, with the embargo scope, stories before their time. Lists page by cursor. Every answer carries "
        "an ETag: send it back in `If-None-Match` to get 304 when nothing changed."
    ),
    urls_namespace="api-v1",
    auth=PartnerKey(),
    # Swagger UI from the files shipped in django-ninja (no CDN). It sets
    # inline styles on what it draws, so its page alone allows them; it asks
    # no validator service either.
    docs=Swagger(settings={"validatorUrl": None, "tryItOutEnabled": True}),
    docs_decorator=csp_update({"style-src": ["'unsafe-inline'"]}),
)


# What any operation may answer besides its own: a bad key, too many requests,
# query parameters that do not parse.
# Every operation may refuse a request outright (a NUL character anywhere
# in its address: ``newsroom.security.RefuseNullCharactersMiddleware``).
ANSWERS = {400: schemas.Error, 401: schemas.Error, 422: schemas.Error, 429: schemas.Error}
# No slug, cursor or word holds a NUL character (the site refuses any address with one).
NO_NUL = r"^[^\x00]*$"


class Invalid(Exception):
    """A query the API cannot answer: 400 with the reason."""


@api.exception_handler(RateLimited)
def _rate_limited(request, error: RateLimited):
    response = api.create_response(
        request, {"detail": f"Too many requests: {error.limit} a minute. Try again later."}, status=429
    )
    response["Retry-After"] = str(error.retry_after)
    return response


@api.exception_handler(selectors.BadCursor)
def _bad_cursor(request, error):
    return api.create_response(request, {"detail": "This cursor was not handed out by the API."}, status=400)


@api.exception_handler(Invalid)
def _invalid(request, error):
    return api.create_response(request, {"detail": str(error)}, status=400)


def respond(request, data, *, private: bool = False, keys: tuple[str, ...] = (LIVE,)) -> HttpResponse:
    """``data`` as JSON with a strong ETag; 304 when the client already holds this answer.

    A public answer names in ``Surrogate-Key`` the page cache's dependency
    keys it shows (``keys``), so a CDN in front of the API drops it when the
    page cache purges those keys (``pagecache.receivers``).
    """
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    matches = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
    if etag in matches or "*" in matches:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    if private or request.auth.key is not None:
        # What a key reads may differ from what an address reads: never from a shared cache.
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=settings.NEWSROOM_API_MAX_AGE)
        response[SURROGATE_KEY_HEADER] = " ".join(sorted(keys))
    patch_vary_headers(response, ["X-API-Key"])
    return response


class StoryQuery(schemas.Schema):
    section: str | None = Field(default=None, description="A section's slug.", max_length=80, pattern=NO_NUL)
    tag: str | None = Field(default=None, description="A tag's slug.", max_length=100, pattern=NO_NUL)
    author: str | None = Field(default=None, description="An author's slug.", max_length=120, pattern=NO_NUL)
    language: Literal["ar", "en"] | None = Field(default=None, description="Only stories with an edition in it.")
    published_after: datetime | None = Field(default=None, description="First published at or after (ISO 8601).")
    published_before: datetime | None = Field(default=None, description="First published before (ISO 8601).")
    updated_since: datetime | None = Field(
        default=None, description="Published or updated at or after (ISO 8601): for keeping a copy in step."
    )
    cursor: str | None = Field(
        default=None, max_length=200, pattern=NO_NUL, description="From `next_cursor` of the page before."
    )
    limit: int = Field(default=20, ge=1, le=MAX_LIMIT)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        raise Invalid("Dates and times need a time zone, for example 2026-01-28T09:00:00+03:00.")
    return moment


def _page(request, stories, *, cursor, limit):
    rows, next_cursor = selectors.page_of(stories, cursor=cursor, limit=limit)
    site = SiteAddress.for_request(request)
    return {"items": [story_data(live_view(row), site, full=False) for row in rows], "next_cursor": next_cursor}


@api.get("/stories", response={200: schemas.StoryPage, 304: None, **ANSWERS}, tags=["stories"])
def stories(request, query: Query[StoryQuery]):
    """Live stories, newest first, filtered by section, tag, author, language and dates."""
    filters = selectors.Filters(
        section=query.section,
        tag=query.tag,
        author=query.author,
        language=query.language,
        published_after=_aware(query.published_after),
        published_before=_aware(query.published_before),
        updated_since=_aware(query.updated_since),
    )
    return respond(request, _page(request, selectors.live_stories(filters), cursor=query.cursor, limit=query.limit))


@api.get(
    "/stories/{int:story_id}", response={200: schemas.Story, 304: None, 404: schemas.Error, **ANSWERS}, tags=["stories"]
)
def story(request, story_id: int = Path(..., ge=1, le=MAX_ID)):
    """One live story: both editions with their bodies, bylines in order, tags, corrections and picture."""
    article = selectors.live_story(story_id)
    if article is None:
        return Status(404, {"detail": "No live story has this id."})
    return respond(
        request, story_data(live_view(article), SiteAddress.for_request(request)), keys=(story_key(article.pk),)
    )


@api.get(
    "/stories/{int:story_id}/ninjs",
    response={200: schemas.Ninjs, 304: None, 404: schemas.Error, **ANSWERS},
    tags=["stories"],
    summary="One live story in IPTC ninjs 2.2",
)
def story_ninjs(request, story_id: int = Path(..., ge=1, le=MAX_ID), language: Literal["ar", "en"] = "ar"):
    """The story as an IPTC ninjs 2.2 object in ``language`` (404 when it has no edition in it)."""
    article = selectors.live_story(story_id)
    if article is None:
        return Status(404, {"detail": "No live story has this id."})
    view = live_view(article)
    if language not in view.languages():
        return Status(404, {"detail": "This story has no edition in this language."})
    return respond(
        request,
        ninjs.story_ninjs(story_data(view, SiteAddress.for_request(request)), language),
        keys=(story_key(article.pk),),
    )


class SearchQuery(schemas.Schema):
    q: str = Field(min_length=1, max_length=200, pattern=NO_NUL, description="Words to find, as a reader types them.")
    language: Literal["ar", "en"] = "ar"
    limit: int = Field(default=20, ge=1, le=MAX_LIMIT)


@api.get("/search", response={200: schemas.StoryPage, 304: None, **ANSWERS}, tags=["stories"])
def search(request, query: Query[SearchQuery]):
    """Live stories matching ``q``, best first, with the site's search.

    Arabic spelling variants find each other as on the site: alef and hamza
    forms, ta marbuta, alef maqsura, diacritics, tatweel and the common
    prefixes (و، ف، ب، ال، لل) are normalised.
    """
    rows = selectors.search_stories(query.q, query.language, query.limit)
    site = SiteAddress.for_request(request)
    return respond(
        request, {"items": [story_data(live_view(row), site, full=False) for row in rows], "next_cursor": None}
    )


def _named(site, item, url_name):
    return named_data(
        site, {"id": item.pk, "slug": item.slug, "name_ar": item.name_ar, "name_en": item.name_en}, url_name
    )


@api.get("/sections", response={200: list[schemas.Section], 304: None, **ANSWERS}, tags=["taxonomy"])
def sections(request):
    """Every section, in the site's order."""
    return respond(
        request,
        [_named(SiteAddress.for_request(request), section, "articles:section") for section in selectors.sections()],
        keys=(NAV,),
    )


class NamedQuery(schemas.Schema):
    after: str | None = Field(
        default=None, max_length=120, pattern=NO_NUL, description="From `next_after` of the page before."
    )
    limit: int = Field(default=100, ge=1, le=500)


def _named_page(request, rows, url_name, query):
    if query.after:
        rows = rows.filter(slug__gt=query.after)
    found = list(rows.only("pk", "slug", "name_ar", "name_en")[: query.limit + 1])
    more = len(found) > query.limit
    found = found[: query.limit]
    site = SiteAddress.for_request(request)
    return {
        "items": [_named(site, row, url_name) for row in found],
        "next_after": found[-1].slug if more else None,
    }


@api.get("/tags", response={200: schemas.NamedPage, 304: None, **ANSWERS}, tags=["taxonomy"])
def tags(request, query: Query[NamedQuery]):
    """Tags on live stories, by slug."""
    return respond(request, _named_page(request, selectors.tags(), "articles:tag", query))


@api.get("/authors", response={200: schemas.NamedPage, 304: None, **ANSWERS}, tags=["taxonomy"])
def authors(request, query: Query[NamedQuery]):
    """Authors with a byline on a live story, by slug."""
    return respond(request, _named_page(request, selectors.authors(), "articles:author", query))


# --- Partners with the embargo scope -----------------------------------------------


@api.get(
    "/embargoed",
    response={200: schemas.StoryPage, 304: None, 403: schemas.Error, **ANSWERS},
    tags=["syndication"],
)
def embargoed(request):
    """Approved stories before their time (scheduled or under embargo), soonest first. Needs the embargo scope.

    Each carries ``embargoed_until`` and ``goes_live_at``: partners must not
    publish it before then.
    """
    require_embargo_scope(request)
    rows = selectors.embargoed_stories()[:MAX_LIMIT]
    site = SiteAddress.for_request(request)
    return respond(
        request,
        {"items": [story_data(scheduled_view(row), site) for row in rows], "next_cursor": None},
        private=True,
    )


@api.get(
    "/embargoed/{int:story_id}",
    response={200: schemas.Story, 304: None, 403: schemas.Error, 404: schemas.Error, **ANSWERS},
    tags=["syndication"],
)
def embargoed_story(request, story_id: int = Path(..., ge=1, le=MAX_ID)):
    """One story before its time. Needs the embargo scope."""
    require_embargo_scope(request)
    article = selectors.embargoed_stories().filter(pk=story_id).first()
    if article is None:
        return Status(404, {"detail": "No story waits for its time with this id."})
    return respond(request, story_data(scheduled_view(article), SiteAddress.for_request(request)), private=True)


@api.get("/preview/{token}", response={200: schemas.Story, 404: schemas.Error, **ANSWERS}, tags=["preview"])
def preview(request, token: str = Path(..., max_length=500)):
    """One revision in any state, for whoever holds a signed, expiring preview token from the desk."""
    revision_id = keys.preview_revision_id(token)
    revision = selectors.revision_preview(revision_id) if revision_id else None
    if revision is None:
        return Status(404, {"detail": "This preview token is not valid or has expired."})
    response = respond(request, story_data(preview_view(revision), SiteAddress.for_request(request)), private=True)
    patch_cache_control(response, no_store=True)
    return response


__all__ = ["api"]
