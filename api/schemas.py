"""The shapes the API answers with, declared once: the OpenAPI schema is generated from these."""

from typing import Any, Literal

from ninja import Schema
from pydantic import Field


class Texts(Schema):
    """A text in each language the thing has (``ar`` always; ``en`` when there is an English edition)."""

    ar: str
    en: str | None = None


class Links(Schema):
    ar: str
    en: str


class Named(Schema):
    id: int
    slug: str
    name: Texts
    url: Links


class Byline(Named):
    position: int = Field(description="1 for the first name printed, and so on.")


class Edition(Schema):
    headline: str
    standfirst: str
    dateline: str
    url: str | None = Field(description="The story's canonical page in this language; null before it is live.")
    date: str | None = Field(description="The first publication date as the page prints it.")
    hijri_date: str | None = Field(description="The same date in the Hijri (Umm al-Qura) calendar.")
    body: str | None = Field(default=None, description="Sanitised HTML; left out of lists.")


class Correction(Schema):
    kind: Literal["correction", "clarification", "update"]
    published_at: str
    text: Texts


class Rendition(Schema):
    format: str
    content_type: str
    crop: str | None = Field(description="16:9, 4:3 or 1:1 around the focal point; null for the whole picture.")
    width: int
    height: int
    url: str


class Picture(Schema):
    id: int
    width: int | None
    height: int | None
    alt: Texts
    caption: Texts
    credit: Texts
    renditions: list[Rendition]


class Story(Schema):
    id: int
    slug: str
    status: Literal["live", "embargoed", "preview"]
    version: str = Field(description="Changes whenever the text readers get changes.")
    languages: list[Literal["ar", "en"]]
    editions: dict[str, Edition]
    section: Named | None
    authors: list[Byline]
    tags: list[Named]
    corrections: list[Correction]
    picture: Picture | None
    first_published_at: str | None
    last_updated_at: str | None
    embargoed_until: str | None
    goes_live_at: str | None
    ninjs_url: str | None


class StoryPage(Schema):
    items: list[Story]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


class Section(Schema):
    id: int
    slug: str
    name: Texts
    url: Links


class NamedPage(Schema):
    items: list[Named]
    next_after: str | None = Field(description="Pass as `after` for the next page; null on the last page.")


class Error(Schema):
    detail: Any


Ninjs = dict[str, Any]
