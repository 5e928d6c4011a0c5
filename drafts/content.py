"""A draft copy read as a story: what the story form would make of it, for compare.

``articles.diff.diff_revisions`` compares anything shaped like a revision;
``DraftStory`` is a draft copy in that shape, its values read by the story
form's own fields (so a half-typed date or an unknown tag counts as empty,
as the form would refuse it) and cleaned as a save would clean them.
"""

from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict

from articles.admin.forms import StoryContentFields
from articles.models.content import RELATIONS, content_names
from articles.services.content import TIME_FIELDS, clean_content


class _Related(list):
    def all(self):
        return self


class DraftStory:
    """The content of a draft copy with the attributes ``articles.models.content.content_of`` reads."""

    def __init__(self, values: dict[str, list[str]]):
        form = StoryContentFields(data=_as_form_data(values))
        form.is_valid()
        cleaned = form.cleaned_data
        content = {name: cleaned.get(name) for name in content_names()}
        try:
            content = clean_content(content)
        except ValidationError:
            # A time out of range (year 1, say): compared as no time, as a save would refuse it.
            content = clean_content({**content, **dict.fromkeys(TIME_FIELDS)})
        self._content = content
        self._relations = {name: list(cleaned.get(name) or []) for name in RELATIONS}

    def __getattr__(self, name):
        try:
            return self.__dict__["_content"][name]
        except KeyError:
            raise AttributeError(name) from None

    def ordered_authors(self) -> list:
        return self._relations["authors"]

    @property
    def tags(self) -> _Related:
        return _Related(self._relations["tags"])

    def labels(self) -> dict[str, dict[str, str]]:
        """The names of the objects it points at, by field and id, for putting it back into a form."""
        labels = {name: {str(obj.pk): str(obj) for obj in objects} for name, objects in self._relations.items()}
        for name in ("section", "lead_image"):
            obj = self._content.get(name)
            labels[name] = {str(obj.pk): str(obj)} if obj is not None else {}
        return labels


def _as_form_data(values: dict[str, list[str]]) -> MultiValueDict:
    return MultiValueDict({name: list(given) for name, given in values.items()})
