"""Which fields exist in Arabic and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import TRANSLATED_FIELDS, Article, Author, Correction, Image, Revision, Section, Tag


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar",)


@register(Tag)
class TagTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar",)


@register(Author)
class AuthorTranslation(TranslationOptions):
    fields = ("name", "bio")
    required_languages = ("ar",)


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ("alt", "caption", "credit")


@register(Correction)
class CorrectionTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("ar",)


class StoryTranslation(TranslationOptions):
    fields = TRANSLATED_FIELDS
    # A story's English edition is either written or absent; it never
    # borrows the Arabic text.
    fallback_languages = {"default": ()}


register(Article)(StoryTranslation)
register(Revision)(StoryTranslation)
