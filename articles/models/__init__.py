from .article import Article, ArticleAuthor, ArticleQuerySet, ArticleTag
from .content import RELATIONS, SHARED_FIELDS, STORY_CONTENT, TRANSLATED_FIELDS, ContentField, StoryContent
from .corrections import Correction
from .media import Image, Rendition
from .people import Author
from .rendered import RenderedStory
from .reviews import Transition
from .revisions import Revision, RevisionAuthor, RevisionImmutable, RevisionTag
from .taxonomy import Section, Tag

__all__ = [
    "Article",
    "ArticleAuthor",
    "ArticleQuerySet",
    "ArticleTag",
    "Author",
    "ContentField",
    "Correction",
    "Image",
    "Rendition",
    "RenderedStory",
    "Revision",
    "RevisionAuthor",
    "RevisionImmutable",
    "RevisionTag",
    "RELATIONS",
    "SHARED_FIELDS",
    "STORY_CONTENT",
    "Section",
    "StoryContent",
    "TRANSLATED_FIELDS",
    "Tag",
    "Transition",
]
