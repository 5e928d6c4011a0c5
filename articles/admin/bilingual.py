"""Translated fields typed in their own language's direction, in any admin language."""

from modeltranslation.admin import TranslationAdmin

from .widgets import language_attrs


class BilingualAdmin(TranslationAdmin):
    """django-modeltranslation's admin, with ``lang`` and ``dir`` on every translated input.

    An Arabic field is typed right to left even in the English admin, and an
    English one left to right in the Arabic admin; spelling checkers and
    screen readers take the language from ``lang``.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if field is not None and language:
            field.widget.attrs.update(language_attrs(language))
        return field
