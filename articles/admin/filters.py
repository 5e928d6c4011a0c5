"""List filters for stories, by what their current revision says."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..models import Section


class RevisionFilter(admin.SimpleListFilter):
    """A filter on the story's current revision (its working text), not the live copy."""

    revision = "latest_revision"
    option: str = ""

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return selectors.desk_filter(queryset, revision=self.revision, **{self.option: self.value()})


class SectionFilter(RevisionFilter):
    title = _("section")
    parameter_name = "section"
    option = "section"

    def lookups(self, request, model_admin):
        return [(section.pk, str(section)) for section in Section.objects.all()]


class AuthorFilter(RevisionFilter):
    title = _("author")
    parameter_name = "author"
    option = "author"

    def lookups(self, request, model_admin):
        return [(author.pk, str(author)) for author in selectors.desk_author_choices()]


class EnglishFilter(RevisionFilter):
    title = _("languages")
    parameter_name = "english"
    option = "english"

    def lookups(self, request, model_admin):
        return [
            ("yes", _("Arabic and English")),
            ("no", _("Arabic only")),
            ("stale", _("English may be out of date")),
        ]
