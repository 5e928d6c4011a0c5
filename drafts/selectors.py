"""Reads of draft copies: always one person's own."""

from articles.models import Article

from .models import DraftBuffer


def buffer_for(*, user, article: Article | None) -> DraftBuffer | None:
    """``user``'s draft copy of ``article`` (``None``: of the story they are starting), if they have one."""
    return DraftBuffer.objects.select_related("base_revision").filter(user=user, article=article).first()
