"""Widgets of the story form: the ordered byline picker, the body editor, date and time."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..editions import direction

# The body editor offers what a news story needs and nothing the server
# would strip again: headings, bold, italic, links, lists and quotations
# (``articles.richtext`` keeps the same tags, and sanitises whatever arrives).
# Its typing direction comes from the ``dir`` of the element around it (see
# the story form template), so the Arabic body is typed right to left in
# either admin language.
BODY_EDITOR = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Heading": {"levels": [2, 3]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
        # Reporters want the browser's spelling checker, in either language.
        "NoSpellCheck": False,
    }
}


def language_attrs(language: str) -> dict[str, str]:
    """The HTML attributes that make an input type in ``language``'s direction, whatever the admin's."""
    return {"lang": language, "dir": direction(language)}


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's own date and time picker; Django's field reads its ISO value."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class OrderedAuthorsWidget(forms.SelectMultiple):
    """A byline picker that keeps the order names are printed in.

    The chosen authors are a numbered list of hidden inputs, submitted in
    order; ``static/newsroom_admin/story_form.js`` moves them up and down and
    removes them. Adding uses a select with the same name, so without
    JavaScript a chosen name is still added at the end of the byline.
    """

    template_name = "admin/articles/widgets/ordered_authors.html"

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        labels = {str(choice): str(label) for choice, label in self.choices if str(choice)}
        chosen = [str(pk) for pk in context["widget"]["value"] if str(pk) in labels]
        context["widget"].update(
            chosen=[(pk, labels[pk]) for pk in chosen],
            available=list(labels.items()),
        )
        return context

    def format_value(self, value):
        if value is None:
            return []
        if not isinstance(value, (tuple, list)):
            value = [value]
        return [str(getattr(item, "pk", item)) for item in value if item not in ("", None)]

    def render(self, name, value, attrs=None, renderer=None):
        # Rendered with the site's template engine, where the admin's
        # templates live, rather than the form renderer's.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))  # noqa: S308


# The largest id a bigint column holds. An id past it is no object at all,
# and some databases' drivers fail on it rather than find nothing, so the
# pickers refuse it as an unknown choice before any query is made.
LARGEST_ID = 2**63 - 1


def plausible_id(value) -> bool:
    """Whether ``value`` could be the id of a row: a positive whole number a bigint holds."""
    text = str(getattr(value, "pk", value)).strip()
    return text.isdigit() and 0 < int(text) <= LARGEST_ID


def past_the_largest_id(value) -> bool:
    """Whether ``value`` is a whole number too large to be any row's id."""
    text = str(getattr(value, "pk", value)).strip()
    return text.isdigit() and int(text) > LARGEST_ID


def _plausible(values) -> list[str]:
    return [value for value in values if plausible_id(value)]


class PlausibleAutocompleteSelect(AutocompleteSelect):
    """The admin's search-as-you-type picker, redrawing a refused form without querying impossible ids.

    The form is drawn again with what was posted; Django's picker looks the
    posted ids up to label them, and a driver that cannot hold an id past
    the bigint range fails there instead of finding nothing.
    """

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _plausible(value), attr)


class PlausibleAutocompleteMultiple(AutocompleteSelectMultiple):
    """The several-objects picker, with the same care as ``PlausibleAutocompleteSelect``."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _plausible(value), attr)


class LeadPictureSelect(PlausibleAutocompleteSelect):
    """The lead-picture picker: the admin's search-as-you-type, with the picture shown and a button to the dialog.

    The dialog (``{% picture_dialog %}``, ``static/newsroom_admin/picture_dialog.js``)
    lists the library with thumbnails and takes uploads, then sets this
    select; without JavaScript the select alone still works.
    """

    def render(self, name, value, attrs=None, renderer=None):
        picker = super().render(name, value, attrs, renderer)
        # The button is drawn with the site's template engine, where the admin's templates live.
        return mark_safe(render_to_string("admin/articles/widgets/lead_picture.html", {"picker": picker}))  # noqa: S308
