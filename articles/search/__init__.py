"""Search: the words of live stories, normalised once when they go live.

Three modules side by side: ``normalise`` (the Arabic rules, pure: folding
spellings, clitics and endings off), ``index`` (the stems stored on a story's
row when it goes live) and ``query`` (reading what a reader typed, the
database half of finding matches, and marking them in results). The names
callers use are gathered here.
"""

from .index import index_article
from .normalise import arabic_terms, english_terms, fold, normalize, stem, words
from .query import (
    MAX_TERMS,
    SEARCH_CANDIDATES,
    Query,
    article_search,
    article_search_ids,
    article_search_page,
    excerpt,
    highlight,
)

__all__ = [
    "MAX_TERMS",
    "SEARCH_CANDIDATES",
    "Query",
    "arabic_terms",
    "article_search",
    "article_search_ids",
    "article_search_page",
    "english_terms",
    "excerpt",
    "fold",
    "highlight",
    "index_article",
    "normalize",
    "stem",
    "words",
]
