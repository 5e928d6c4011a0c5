"""The shape of ``Article.live_extras``: what a live story shows beside its text, as plain JSON.

A story page prints its section, picture, bylines, tags, corrections and
related stories. The story row keeps them (``services.live`` writes them
whenever any of them can change) so that a page reads its story in one
query. ``LiveExtras`` is the one declaration of that JSON: the writer builds
one from the live rows and stores ``to_json()``; pages, feeds and the
related list read it back with ``from_json()``, as unsaved model objects.

``version`` tells the shapes apart. Version 1 is the first versioned one;
rows written before it (by migrations 0006 and 0007, whose frozen copies of
the shape are history) carry no version and hold the same keys, so they are
read as version 1. A change to what is kept raises ``VERSION``, and
``manage.py live_refresh`` rewrites every live story in the new shape.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from django.db.models.base import ModelState
from django.db.models.fields.files import FieldFile
from django.utils.dateparse import parse_datetime

from ..editions import languages
from .corrections import Correction
from .media import Image
from .people import Author
from .taxonomy import Section, Tag

VERSION = 1

# What is kept of each kind of thing a page shows: its model, its plain
# attributes and its translated ones (kept in every language).
KEPT: dict[str, tuple[type, tuple[str, ...], tuple[str, ...]]] = {
    "section": (Section, ("id", "slug", "order"), ("name",)),
    "image": (Image, ("id", "width", "height", "sources"), ("alt", "caption", "credit")),
    "authors": (Author, ("id", "slug"), ("name",)),
    "tags": (Tag, ("id", "slug"), ("name",)),
    "corrections": (Correction, ("kind", "published_at"), ("text",)),
}


@dataclass(frozen=True)
class LiveExtras:
    """A live story's section, picture, bylines (in order), tags, corrections and related story ids."""

    section: Section | None = None
    image: Image | None = None
    authors: list[Author] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    related: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The stored form: plain values only, times as ISO 8601, with the shape's version."""
        return {
            "version": VERSION,
            "section": _plain("section", self.section) if self.section else None,
            "image": _plain("image", self.image) if self.image else None,
            "authors": [_plain("authors", author) for author in self.authors],
            "tags": [_plain("tags", tag) for tag in self.tags],
            "corrections": [_plain("corrections", correction) for correction in self.corrections],
            "related": list(self.related),
        }

    @classmethod
    def of(cls, article) -> "LiveExtras":
        """What ``article.live_extras`` holds, read back once per story object (a page asks several times)."""
        extras = getattr(article, "_live_extras_objects", None)
        if extras is None:
            extras = cls.from_json(article.live_extras)
            article._live_extras_objects = extras
        return extras

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> "LiveExtras":
        """Read back what ``to_json`` stored (or nothing, for a story never live), as unsaved objects."""
        data = data or {}
        return cls(
            section=_thing("section", data["section"]) if data.get("section") else None,
            image=_thing("image", data["image"]) if data.get("image") else None,
            authors=[_thing("authors", author) for author in data.get("authors", [])],
            tags=[_thing("tags", tag) for tag in data.get("tags", [])],
            corrections=[_thing("corrections", correction) for correction in data.get("corrections", [])],
            related=list(data.get("related", [])),
        )


def _names(kind: str) -> list[str]:
    _model, plain, translated = KEPT[kind]
    return [*plain, *(f"{name}_{code}" for name in translated for code in languages())]


def _plain(kind: str, obj) -> dict[str, Any]:
    _model, plain, _translated = KEPT[kind]
    values = {}
    for name in _names(kind):
        value = getattr(obj, name)
        if isinstance(value, datetime):
            value = value.isoformat()
        values[name] = value if name in plain else value or ""
    return values


@cache
def _times(kind: str) -> frozenset[str]:
    """The attributes of ``kind`` that hold a time (stored as ISO 8601)."""
    model = KEPT[kind][0]
    return frozenset(
        name for name in _names(kind) if model._meta.get_field(name).get_internal_type() == "DateTimeField"
    )


@cache
def _blank(kind: str) -> dict[str, Any]:
    """The attributes of a new ``kind`` object, as ``Model()`` leaves them, less what is kept (which replaces them)."""
    kept = set(_names(kind))
    blank = KEPT[kind][0]()
    values = {}
    for name, value in blank.__dict__.items():
        if name == "_state" or name in kept:
            continue
        if isinstance(value, FieldFile):
            value = value.name  # the field makes its own file object for each instance, on first use
        elif isinstance(value, dict | list | set):
            raise TypeError(f"{kind}.{name}: a mutable default would be shared; keep it in KEPT")
        values[name] = value
    return values


def _thing(kind: str, values: dict[str, Any]):
    """An unsaved ``kind`` object holding ``values``, as ``Model(**values)`` makes it.

    Made without ``Model.__init__`` (and modeltranslation's wrapper of it,
    which rewrites every keyword): a feed reads back 30 stories' bylines,
    tags and corrections, and that was two fifths of its time.
    """
    model = KEPT[kind][0]
    obj = model.__new__(model)
    attributes = obj.__dict__
    attributes.update(_blank(kind))
    for name in _names(kind):
        if name in values:
            attributes[name] = values[name]
    for name in _times(kind):
        if isinstance(attributes.get(name), str):
            attributes[name] = parse_datetime(attributes[name])
    obj._state = ModelState()
    return obj
