"""The demo newsroom's parallel revision and take-over, so ``make run`` shows them at once.

Hooked to ``articles.signals.demo_loaded``. On the Red Sea story the editor
saves an edit while the moderator, who opened the story before it, saves
theirs: the moderator's is kept beside it as a parallel revision, the editor
is told on the desk, and compare offers to take paragraphs from both. The
moderator had taken the story over from the editor first, so its history
shows a take-over. Idempotent: nothing is made twice.
"""

from django.db import transaction
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.models.content import content_names

from .models import TakeOver

STORY = "demo-world-red-sea"


def _content(revision, **replacements) -> dict:
    content = {name: getattr(revision, name) for name in content_names()}
    for name, (old, new) in replacements.items():
        content[name] = content[name].replace(old, new, 1)
    return content


def on_demo_loaded(sender, *, users, sections, **kwargs):
    article = Article.objects.filter(external_id=STORY).first()
    editor, moderator = users.get("editor"), users.get("moderator")
    if article is None or editor is None or moderator is None:
        return
    if TakeOver.objects.filter(article=article).exists():
        return
    with transaction.atomic():
        start = article.latest_revision
        authors, tags = start.ordered_authors(), list(start.tags.all())
        TakeOver.objects.create(article=article, by=moderator, previous=editor, created_at=timezone.now())
        services.revision_create(
            article=article,
            user=editor,
            content=_content(start, body_ar=("اجتماع عقد اليوم", "اجتماع عقد صباح اليوم في القاهرة")),
            authors=authors,
            tags=tags,
            base_revision=start,
            note="The place and time of the meeting",
        )
        services.revision_create(
            article=article,
            user=moderator,
            content=_content(
                start,
                body_ar=("لضمان استمرار حركة التجارة", "لضمان استمرار حركة التجارة وخفض كلفة التأمين على السفن"),
            ),
            authors=authors,
            tags=tags,
            base_revision=start,
            note="What the shipping companies asked for",
        )
