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
    """

    name: str
    context: Callable


_story_additions: dict[str, StoryAddition] = {}


def register_story_addition(addition: StoryAddition) -> None:
    """Add ``addition`` to every story page; registering the same name again replaces it."""
    _story_additions[addition.name] = addition


def story_additions() -> tuple[StoryAddition, ...]:
    return tuple(_story_additions.values())
