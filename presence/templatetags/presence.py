"""Small filters for the presence panel."""

from django import template
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.dates import digits

register = template.Library()


@register.filter
def desk_time(moment) -> str:
    """A time of today as the desk reads it: "10:42", with Arabic-Indic digits in the Arabic desk."""
    if moment is None:
        return ""
    return digits(timezone.localtime(moment).strftime("%H:%M"), (get_language() or "ar")[:2])


@register.filter
def names(people) -> str:
    return get_text_list([person.name for person in people], _("and"))
