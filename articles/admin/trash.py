"""The trash, as the stories list shows it: each story restored with one button.

The list filtered to "In the trash" gains a column whose button makes the
workflow's "Restore from the trash" move for that row, when the workflow
offers it to this user; the move view answers and comes back to the list.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from .. import selectors
from ..workflow import Action, State


def showing_trash(request) -> bool:
    return request.GET.get("status__exact") == State.TRASHED.value


def restore_column(request):
    """A list column with a one-click restore button per story the workflow lets ``request.user`` restore."""

    @admin.display(description=gettext_lazy("restore"))
    def restore(article):
        offers = selectors.move_offers(article, request.user, [Action.UNTRASH])
        if not any(offer.allowed for offer in offers):
            return "—"
        # The list is one form already (with its CSRF token): the button
        # sends it to the move instead, and names where to come back.
        return format_html(
            '<button type="submit" class="button desk-untrash" formaction="{}" formnovalidate '
            'name="next" value="{}" data-untrash="{}">{}</button>',
            reverse("admin:articles_article_move", kwargs={"object_id": article.pk, "action": Action.UNTRASH.value}),
            request.get_full_path(),
            article.pk,
            Action.UNTRASH.label,
        )

    return restore
