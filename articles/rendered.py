"""The story page's drawn copy: the parts of a live story's page that depend only on its live copy.

A cold story page spent half its time in the template engine drawing the
same story the same way for every reader. Those parts are drawn once, when
the story's live copy is refreshed, and kept per edition
(``models.RenderedStory``); the page prints them and draws only what is
its own: the layout, the editions, what other apps add, the related stories
(which depend on other stories being live).

The copy has one declared shape, one refresh function and one trigger table:

- shape: ``PIECES``, each drawn by its own template, which ``story.html``
  includes when no drawn piece fits (a preview, a missing or stale copy);
- refresh: ``story_rendered_refresh``, called by
  ``services.live.live_copy_refresh`` inside the transaction that writes the
  live copy, under the story's row lock; a story that is not live loses its
  copy there;
- triggers (``TRIGGERS``): whatever refreshes the live copy (a revision going
  live, a correction, unpublishing, an edit of a section, author, tag or
  picture the story shows: ``services.live.SHOWN_ON``), and ``version()``:
  the templates, the translations and the settings the pieces are drawn
  with. A copy of another version is never printed; ``manage.py
  story_render`` draws the missing and outdated ones again.

Nothing in a piece depends on the moment it is read (no "3 hours ago"): the
dates are printed as dates, in ``TIME_ZONE``, which is part of the version.
Absolute addresses (the canonical address, the share picture, the JSON-LD's)
are drawn under an origin of the copy's own (``origin``, unguessable) that
the page replaces with its request's.

The story's cards, as the home page and the lists (section, tag, author,
archive) print them, are drawn with the pieces, by the same refresh and
under the same version, one per way a list prints a card (``CARDS``), and
kept beside them (``RenderedStory.cards``, by the kind of list that
prints them: ``LISTS``). A list reads its own kind's cards of each story,
of this version, in its stories' query (``selectors.article_live_list``),
and prints one only when it was drawn from the values the list read
(``card_fingerprint``: the story's text and date, and its section and
picture as the library has them now), else draws it (``card``).
"""

import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from .editions import languages as edition_languages
from .editions import site_name
from .models import TRANSLATED_FIELDS, Article, RenderedStory
from .presentation import StoryPage, story_metadata

# The drawn pieces and the template that draws each (included by
# ``articles/story.html`` when there is no drawn piece to print).
PIECES = {
    "head": "articles/story/head.html",  # meta tags, OpenGraph, JSON-LD (absolute addresses under ``origin``)
    "top": "articles/story/top.html",  # section, headline, standfirst, bylines, dates, picture, body
    "bottom": "articles/story/bottom.html",  # corrections and tags, closing the article
}
# The story card's template and the ways the lists print it: what each
# tells the template (as ``articles/home.html`` and ``articles/list.html``
# included it, which the ``story_card`` tag now prints).
CARD = "includes/story_card.html"
CARDS = {
    "lead": {"lead": True, "show_image": True, "show_section": True},  # the home page's top story
    "group": {"level": 3, "show_image": True, "compact": 0},  # the first of a section on the home page
    "group_more": {"level": 3, "show_image": False, "compact": 1},  # the others there: headline and date
    "section": {"show_image": True},  # a section's own list, which does not repeat it
    "list": {"show_image": True, "show_section": True},  # a tag's, an author's, the archive's
}
# Which cards each kind of list prints, kept together: a list reads its own
# in its stories' query (``selectors.article_live_list``), one key of the copy.
LISTS = {
    "home": ("lead", "group", "group_more"),
    "section": ("section",),
    "list": ("list",),
}
# Which of the page's values the head is drawn from: an app that replaces
# one of them on a story's page (``extensions``) has that page draw its own head.
HEAD_READS = ("json_ld", "og_image", "canonical", "site_name", "story")

# What the drawn copy is refreshed after: the kinds of change that feed it.
TRIGGERS = {
    "a revision goes live (published, republished, an approved revision, a scheduled one's time)": "live_copy_refresh",
    "a correction is added": "live_copy_refresh",
    "the story is unpublished or trashed (the copy is deleted)": "live_copy_refresh",
    "a section, author, tag or picture it shows is edited, or a picture's renditions made": "live_stories_refresh",
    "its related candidates are recomputed (no piece shows them; refreshed with the rest)": "live_stories_refresh",
    "a list's card: the same triggers (its section and picture are read from the library, as a list reads them)": (
        "live_copy_refresh, live_stories_refresh"
    ),
    "the templates, translations, TIME_ZONE, MEDIA_URL, the pictures' storage or the site name change": (
        "version() (story_render)"
    ),
}

# Raise when a piece's or a card's drawing changes in Python (a template
# tag, the metadata): the templates and translations are counted by ``version()``.
DRAWING = 3  # 2: the copy holds the cards; 3: fingerprints put texts in as they are (``_digest``)


@dataclass(frozen=True)
class Drawn:
    """The pieces of one edition of a story, as the page prints them."""

    pieces: dict[str, SafeString]


def _sources() -> bytes:
    """What the pieces are drawn from on disk: their templates and the compiled translations."""
    found = []
    for name in (*PIECES.values(), CARD):
        found.append(Path(get_template(name).origin.name).read_bytes())
    for path in settings.LOCALE_PATHS:
        for catalog in sorted(Path(path).glob("*/LC_MESSAGES/django.mo")):
            found.append(catalog.read_bytes())
    return b"\0".join(found)


_VERSIONS: dict[tuple, str] = {}


def _media_address() -> str:
    """Where this process's pictures are served from, as the pieces write it (the storage decides, not MEDIA_URL alone)."""
    from .models import Rendition
    from .models.media import rendition_url  # remembered per storage address

    storage = Rendition._meta.get_field("file").storage
    return f"{type(storage).__module__}.{type(storage).__qualname__} {rendition_url('renditions/probe.webp')}"


def version() -> str:
    """The version of the pieces this process would draw: templates, translations and settings.

    The pictures' address is part of it: pieces drawn by a process whose
    storage serves them elsewhere (another bucket, a CDN's domain) are never
    printed by this one.
    """
    key = (settings.TIME_ZONE, settings.MEDIA_URL, _media_address(), repr(settings.NEWSROOM_SITE_NAME), DRAWING)
    found = _VERSIONS.get(key)
    if found is None:
        digest = hashlib.sha256(_sources() + repr(key).encode()).hexdigest()[:32]
        found = _VERSIONS[key] = f"{DRAWING}-{digest}"
    return found


class _Origin:
    """Stands for the request while pieces are drawn: absolute addresses go under ``origin``."""

    def __init__(self, origin: str):
        self.origin = origin

    def build_absolute_uri(self, location: str) -> str:
        return urljoin(f"{self.origin}/", location)


def draw(article: Article, language: str) -> dict:
    """The pieces of ``article``'s page in ``language``, as stored (``RenderedStory.pieces``).

    ``article`` is read as the page reads it (``selectors.article_live_detail``'s
    query), so the pieces are what the page would have drawn.
    """
    origin = f"https://r{secrets.token_hex(12)}.invalid"
    request = _Origin(origin)
    with translation.override(language):
        page = StoryPage.live(article)
        context = {
            "story": page,
            "site_name": site_name(language),
            "canonical": request.build_absolute_uri(article.get_absolute_url()),
            **story_metadata(page, request, language),
        }
        pieces = {name: get_template(template).render(context) for name, template in PIECES.items()}
    return {"version": version(), "origin": origin, "drawn_from": fingerprint(article, language), **pieces}


def fingerprint(article: Article, language: str) -> str:
    """What the pieces of ``article`` in ``language`` are drawn from, as a digest: every value of its row they read.

    The row holds all of it (its text, its dates, and its section, picture,
    bylines, tags and corrections as ``live_extras``), so pieces whose
    fingerprint matches the row's are what the page would draw now, however
    the row was last written.
    """
    values = (
        article.pk,
        article.slug,
        article.section_id,
        article.has_english,
        article.first_published_at,
        article.last_updated_at,
        article.live_revision_id,
    )
    texts = [getattr(article, f"{name}_{language}") for name in TRANSLATED_FIELDS]
    texts.append(json.dumps(article.live_extras, sort_keys=True, ensure_ascii=False, default=str))
    return _digest(texts, values, 16)


def _digest(texts, values: tuple, size: int) -> str:
    """A digest of ``size`` bytes, in hexadecimal, of some texts (or None) and other values.

    The texts go in as they are, each after its length (so no two lists of
    texts read alike); the other values as ``repr`` writes them. ``repr``
    of a long Arabic text looked at each of its characters and was most of
    a card's fingerprint.
    """
    written = "".join("-;" if text is None else f"{len(text)};{text}" for text in texts)
    return hashlib.blake2b(f"{written}\0{values!r}".encode(), digest_size=size).hexdigest()


def story_rendered_refresh(article: Article) -> None:
    """Bring ``article``'s drawn copy in line with its live copy: drawn again per edition, or deleted.

    Called by ``services.live.live_copy_refresh`` inside its transaction,
    after the live copy (``live_extras``) is written, so a refresh that
    fails rolls back with the change that fed it.
    """
    if not article.is_live:
        RenderedStory.objects.filter(article_id=article.pk).delete()
        return
    languages = article.live_languages()
    RenderedStory.objects.filter(article_id=article.pk).exclude(language__in=languages).delete()
    rows = []
    for language in languages:
        rows.extend(_rows([article.pk], language))
    _store(rows)


def _rows(ids: list[int], language: str) -> list[RenderedStory]:
    """These live stories' drawn copies in ``language``: pieces and cards, each drawn from its page's query."""
    from .selectors.public import article_card_rows, article_live_rows

    cards = {story.pk: draw_cards(story, language) for story in article_card_rows(ids, language)}
    now = timezone.now()
    rows = []
    for found in article_live_rows(ids, language):
        drawn = draw(found, language)
        rows.append(
            RenderedStory(
                article_id=found.pk,
                language=language,
                version=drawn["version"],
                pieces=json.dumps(drawn, ensure_ascii=False),
                cards=cards.get(found.pk, {}),
                rendered_at=now,
            )
        )
    return rows


def _store(rows: list[RenderedStory]) -> None:
    if rows:
        RenderedStory.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["article", "language"],
            update_fields=["version", "pieces", "cards", "rendered_at"],
        )


def stories_render(
    *, everything: bool = False, batch: int = 200, progress=None, shard: tuple[int, int] = (0, 1)
) -> int:
    """Draw the copy of every live story whose copy is missing or of another version (or of all); returns how many.

    For after a deployment that changed ``version()``, and for stories
    loaded in bulk (the benchmark's corpus). Each batch is a transaction of
    its own; the pages print a story's own drawing meanwhile. ``shard``
    (index, count) takes only the stories whose id modulo count is index,
    so that several processes can share the work.
    """
    current = version()
    drawn = 0
    for language in _languages():
        stories = Article.objects.live().in_language(language)
        if not everything:
            up_to_date = RenderedStory.objects.filter(language=language, version=current).values("article_id")
            stories = stories.exclude(pk__in=up_to_date)
        index, count = shard
        ids = [pk for pk in stories.order_by("pk").values_list("pk", flat=True) if pk % count == index]
        for start in range(0, len(ids), batch):
            with transaction.atomic():
                rows = _rows(ids[start : start + batch], language)
                _store(rows)
            drawn += len(rows)
            if progress:
                progress(drawn)
    return drawn


def _languages() -> list[str]:
    return list(edition_languages())


def stored_pieces(article: Article, request, language: str, replaced: set[str]) -> Drawn | None:
    """The drawn pieces the story's query read with it (``rendered``), fit to print, or None.

    None when there are none, when they were drawn from other values than
    the row now holds (``fingerprint``) or by another version; the page then draws its own. ``replaced``
    names the page values other apps replaced: the head is then drawn by
    the page too.
    """
    text = getattr(article, "rendered", None)
    if not text:
        return None
    stored = json.loads(text)
    if stored.get("version") != version() or stored.get("drawn_from") != fingerprint(article, language):
        return None
    pieces = {}
    for name in PIECES:
        if name == "head":
            if replaced.intersection(HEAD_READS):
                continue
            origin = request.build_absolute_uri("/")[:-1]
            pieces[name] = mark_safe(stored[name].replace(stored["origin"], origin))  # noqa: S308 - drawn escaped
        else:
            pieces[name] = mark_safe(stored[name])  # noqa: S308 - drawn by the piece's template, which escaped it
    return Drawn(pieces=pieces)


# --- The cards -------------------------------------------------------------------


def draw_cards(story: Article, language: str) -> dict[str, dict[str, str]]:
    """Every card of ``story`` in ``language`` by list (``LISTS``), as stored (``RenderedStory.cards``).

    Each card is kept after the fingerprint of what it was drawn from.
    ``story`` is read as the lists read it (``selectors.article_card_rows``,
    the lists' own query), so the cards are what a list would have drawn.
    """
    template = get_template(CARD)
    with translation.override(language):
        drawn_from = card_fingerprint(story)
        return {
            kind: {name: drawn_from + template.render({"story": story, **CARDS[name]}) for name in names}
            for kind, names in LISTS.items()
        }


FINGERPRINT_LENGTH = 32  # hexadecimal digits of ``card_fingerprint``
CARD_TEXT = ("headline", "standfirst")  # the story's translated fields a card prints


def card_fingerprint(story: Article) -> str:
    """What ``story``'s cards are drawn from in the active language, as a digest: every value the card reads.

    The story's address, headline, standfirst and date, its section's
    address and name and its picture's renditions and alt text, each as
    the list's query read it (the section and the picture from the
    library), so cards drawn from anything else are never printed. The
    translated values are taken in every edition, as their columns hold
    them (what a fallback prints is one of them); the time zone the dates
    are printed in is ``TIME_ZONE``, part of the version.
    """
    codes = edition_languages()
    section = story.section if story.section_id else None
    image = story.lead_image if story.lead_image_id else None
    published = story.first_published_at
    texts = [getattr(story, f"{name}_{code}") for name in CARD_TEXT for code in codes]
    if section is not None:
        texts += [getattr(section, f"name_{code}") for code in codes]
    if image is not None:
        texts.append(story.lead_image_alt)
    values = (
        translation.get_language(),
        story.pk,
        story.slug,
        published.isoformat() if published else None,
        (section.pk, section.slug) if section else None,
        (image.pk, image.sources.get("webp"), image.sources.get("jpeg")) if image else None,
    )
    return _digest(texts, values, FINGERPRINT_LENGTH // 2)


def stored_card(story: Article, name: str) -> SafeString | None:
    """``story``'s card ``name`` as the list read it with the story (``rendered_cards``), fit to print, or None.

    The list's query reads its own cards of this version
    (``selectors.article_live_list``); None when there is none of that
    name, or when it was drawn from other values than the list read
    (``card_fingerprint``). They are read once per story and page.
    """
    cards = story.__dict__.get("_stored_cards")
    if cards is None:
        text = getattr(story, "rendered_cards", None)
        cards = story.__dict__["_stored_cards"] = json.loads(text) if text else {}
    text = cards.get(name)
    if not text:
        return None
    fingerprint = story.__dict__.get("_card_fingerprint")
    if fingerprint is None:
        fingerprint = story.__dict__["_card_fingerprint"] = card_fingerprint(story)
    if text[:FINGERPRINT_LENGTH] != fingerprint:
        return None
    return mark_safe(text[FINGERPRINT_LENGTH:])  # noqa: S308 - drawn by the card's template, which escaped it


def card(story: Article, name: str) -> SafeString:
    """``story``'s card ``name`` (``CARDS``) in the active language: the stored one when it fits, else drawn now."""
    found = stored_card(story, name)
    if found is None:
        found = get_template(CARD).render({"story": story, **CARDS[name]})
    return found
