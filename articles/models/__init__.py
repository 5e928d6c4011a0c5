from .article import Article, ArticleAuthor, ArticleQuerySet, ArticleTag
from .content import SHARED_FIELDS, TRANSLATED_FIELDS, StoryContent
from .corrections import Correction
from .media import Image, Rendition
from .people import Author
from .reviews import Transition
from .revisions import Revision, RevisionAuthor, RevisionImmutable, RevisionTag
from .taxonomy import Section, Tag

__all__ = [
    "Article",
    "ArticleAuthor",
    "ArticleQuerySet",
    "ArticleTag",
    "Author",
    "Correction",
    "Image",
    "Rendition",
    "Revision",
    "RevisionAuthor",
    "RevisionImmutable",
    "RevisionTag",
    "SHARED_FIELDS",
    "Section",
    "StoryContent",
    "TRANSLATED_FIELDS",
    "Tag",
    "Transition",
]
