"""What the public story template reads, whether the story is live or a preview.

The public site renders the live copy of a story; the admin's preview renders
any revision with the same template. ``StoryPage`` gives both one shape, so
the template never needs to know which it was given.
"""

from dataclasses import dataclass, field
from datetime import datetime

from .models import Article, Author, Correction, Revision, StoryContent, Tag


@dataclass
class StoryPage:
    article: Article
    content: StoryContent  # the Article's live copy, or a Revision
    authors: list[Author] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    published_at: datetime | None = None
    updated_at: datetime | None = None
    is_preview: bool = False
    revision: Revision | None = None

    @classmethod
    def live(cls, article: Article) -> "StoryPage":
        """The story as readers see it (expects ``selectors.article_live_detail``)."""
        return cls(
            article=article,
            content=article,
            authors=[byline.author for byline in article.bylines.all()],
            tags=list(article.tags.all()),
            corrections=list(article.corrections.all()),
            published_at=article.first_published_at,
            updated_at=article.last_updated_at,
            revision=article.live_revision,
        )

    @classmethod
    def preview(cls, revision: Revision) -> "StoryPage":
        """Any revision, as it would look if it went live now (expects ``Revision.objects.with_relations``)."""
        article = revision.article
        return cls(
            article=article,
            content=revision,
            authors=revision.ordered_authors(),
            tags=list(revision.tags.all()),
            corrections=list(article.corrections.all()),
            published_at=article.first_published_at or revision.created_at,
            updated_at=revision.created_at if article.first_published_at else None,
            is_preview=True,
            revision=revision,
        )
