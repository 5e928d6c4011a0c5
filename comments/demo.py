"""The demo newsroom's conversation: a story in review with a resolved thread and an open one mentioning the moderator.

Hooked to ``articles.signals.demo_loaded``. Idempotent: the story is found
by its external ID, and its threads are written only while it has none.
"""

from django.db import transaction

from articles.models import Article
from articles.services import article_create, article_submit

from . import services

KEY = "demo-talk-in-review"
BODY_AR = (
    "<p>قال المتحدث باسم الجيش العراقي اليوم الأحد إن العراق والولايات المتحدة أجريا محادثات لتحديد جدول زمني "
    "للانسحاب التدريجي لقوات التحالف التي تقودها الولايات المتحدة من العراق.</p>"
    "<p>وبدأت المحادثات في يناير/كانون الثاني، لكن بعد أقل من 24 ساعة قُتل ثلاثة جنود أمريكيين في هجوم بالأردن.</p>"
    "<p>وقال مسؤول عراقي إن الجولة المقبلة من المحادثات ستعقد في بغداد خلال الأسبوع المقبل.</p>"
)
PHRASE = "خلال الأسبوع المقبل"


def on_demo_loaded(sender, *, users, sections, **kwargs):
    demo_conversation_load(users=users, sections=sections)


def demo_conversation_load(*, users, sections) -> Article:
    editor, moderator = users["editor"], users["moderator"]
    with transaction.atomic():
        article = Article.objects.filter(external_id=KEY).first()
        if article is None:
            article = article_create(
                user=editor,
                content={
                    "headline_ar": "جولة جديدة من محادثات انسحاب التحالف في بغداد الأسبوع المقبل",
                    "headline_en": "New round of coalition withdrawal talks in Baghdad next week",
                    "standfirst_ar": "مسؤول عراقي: الجولة المقبلة تبحث الجدول الزمني للانسحاب",
                    "dateline_ar": "القاهرة",
                    "body_ar": BODY_AR,
                    "section": sections.get("politics"),
                },
                note="Demo story in review",
                external_id=KEY,
            )
            article = article_submit(article=article, revision=article.latest_revision, user=editor)
        if article.comment_threads.exists():
            return article
        article = Article.objects.select_related("latest_revision").get(pk=article.pk)
        first = services.comment_create(
            article=article,
            user=moderator,
            field="headline_ar",
            body="العنوان طويل قليلاً، هل يمكن اختصاره؟",
        )
        services.comment_reply(thread=first.thread, user=editor, body="اختصرته في المراجعة التالية، شكراً.")
        services.thread_resolve(thread=first.thread, user=moderator)
        services.comment_create(
            article=article,
            user=editor,
            field="body_ar",
            quote=PHRASE,
            body="@moderator هل نذكر موعد الجولة المقبلة بالتحديد أم ننتظر التأكيد الرسمي؟",
        )
    return article
