"""Where the apps built on articles add to its public story page.

An app registers a ``StoryAddition`` from its ``AppConfig.ready()``; the
story view asks each one, so the page shows what the app adds without
articles importing it (live coverage's entries, for one). A leaf module:
it imports nothing of the newsroom's.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class StoryAddition:
    """Something another app adds to a story's public page.

    ``context(request, article, language, page_context)`` returns ``None``
    to add nothing to this story, or a dict: ``template`` (drawn after the
    story's body, with the rest of the dict as ``addition``) and optionally
    ``page``, values that replace the page's own (its ``json_ld``, its
    ``feeds``). Of the request's query it may read ``page`` only (the
    story view declares that parameter, so the page cache keeps each page).

    ``annotations()``, if given, returns query expressions by name
    (``{"live_coverage_pk": Subquery(...)}``) that the story's own query
    reads with the story (``selectors.article_live_detail``), so that
    ``context`` finds them on ``article`` and a story the app adds nothing
    to costs no query of its own. Names must not be the story's fields.
    """

    name: str
    context: Callable
    annotations: Callable[[], dict] | None = None


_story_additions: dict[str, StoryAddition] = {}


def register_story_addition(addition: StoryAddition) -> None:
    """Add ``addition`` to every story page; registering the same name again replaces it."""
    _story_additions[addition.name] = addition


def story_additions() -> tuple[StoryAddition, ...]:
    return tuple(_story_additions.values())


def story_annotations() -> dict:
    """What the story additions read with the story's own query: expressions by name."""
    found = {}
    for addition in _story_additions.values():
        if addition.annotations is not None:
            found.update(addition.annotations())
    return found


def story_annotation_names() -> tuple[str, ...]:
    """A cheap fingerprint of ``story_annotations`` (which additions are registered), to key a compiled query by."""
    return tuple(name for name, addition in _story_additions.items() if addition.annotations is not None)
