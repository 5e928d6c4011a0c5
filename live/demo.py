"""The demo newsroom's live story: a regional summit in Cairo, followed live, in both languages.

Hooked to ``articles.signals.demo_loaded``, so ``manage.py load_demo`` fills
it. Idempotent: the story is found by its external id; entries are posted
only while the coverage has none. No banner is raised: the desk raises one.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Author
from articles.services import article_create, article_submit, revision_approve

from . import services
from .models import Coverage

EXTERNAL_ID = "demo-live-cairo-summit"

STORY = {
    "headline_ar": "مباشر: قمة إقليمية في القاهرة لبحث التهدئة وإعادة الإعمار",
    "headline_en": "Live: regional summit in Cairo on a ceasefire and reconstruction",
    "standfirst_ar": "قادة ووزراء خارجية من المنطقة يجتمعون في العاصمة المصرية. نتابع التطورات لحظة بلحظة.",
    "standfirst_en": "Leaders and foreign ministers from across the region meet in the Egyptian capital. Follow it as it happens.",
    "dateline_ar": "القاهرة",
    "dateline_en": "Cairo",
    "body_ar": "<p>تنطلق اليوم في القاهرة قمة إقليمية يشارك فيها قادة ووزراء خارجية من دول المنطقة، "
    "لبحث تثبيت التهدئة وخطط إعادة الإعمار والممرات الإنسانية.</p>",
    "body_en": "<p>A regional summit opens in Cairo today, bringing together leaders and foreign ministers "
    "to discuss a lasting ceasefire, reconstruction plans and humanitarian corridors.</p>",
}

# (minutes ago, Arabic, English, pinned, key event, quote in Arabic, quote in English, said by)
ENTRIES = [
    (175, "وصول الوفود إلى مقر القمة في شرق القاهرة وسط إجراءات أمنية مشددة.",
     "Delegations arrive at the summit venue in east Cairo under tight security.", False, False, "", "", ""),
    (160, "وزير الخارجية المصري يستقبل نظراءه العرب في الجلسة التمهيدية.",
     "Egypt's foreign minister welcomes his Arab counterparts to the preparatory session.", False, False, "", "", ""),
    (150, "افتتاح القمة رسمياً بكلمة للرئيس المصري.",
     "The summit formally opens with a speech by the Egyptian president.", False, True, "", "", ""),
    (140, "", "", False, False, "لا سلام دائماً من دون إعادة إعمار عادلة وسريعة.",
     "There is no lasting peace without fair and swift reconstruction.", ("الرئيس المصري", "Egypt's president")),
    (125, "الأمين العام لجامعة الدول العربية يدعو إلى آلية متابعة مشتركة لتنفيذ المقررات.",
     "The Arab League's secretary-general calls for a joint mechanism to follow up on the decisions.", False, False, "", "", ""),
    (110, "مصادر دبلوماسية: مسودة البيان الختامي تتضمن بنداً عن الممرات الإنسانية.",
     "Diplomatic sources: the draft final statement includes a clause on humanitarian corridors.", False, False, "", "", ""),
    (95, "استراحة قصيرة قبل الجلسة المغلقة المخصصة لملف إعادة الإعمار.",
     "", False, False, "", "", ""),
    (80, "", "Closed session on reconstruction begins; reporters are asked to leave the hall.", False, False, "", "", ""),
    (60, "الوفود تتفق على إنشاء صندوق إقليمي لإعادة الإعمار بمساهمة أولية.",
     "Delegations agree to set up a regional reconstruction fund with an initial contribution.", False, True, "", "", ""),
    (45, "وزير الخارجية العراقي: بغداد مستعدة لاستضافة الاجتماع المقبل.",
     "Iraq's foreign minister: Baghdad is ready to host the next meeting.", False, False, "", "", ""),
    (25, "مؤتمر صحفي مشترك متوقع خلال نصف ساعة.",
     "A joint press conference is expected within half an hour.", False, False, "", "", ""),
    (10, "ما نعرفه حتى الآن: اتفاق على صندوق لإعادة الإعمار، ومسودة بيان تدعو إلى تثبيت التهدئة وفتح الممرات الإنسانية.",
     "What we know so far: agreement on a reconstruction fund, and a draft statement calling for a lasting "
     "ceasefire and open humanitarian corridors.", True, False, "", "", ""),
]  # fmt: skip


def on_demo_loaded(sender, *, users, sections, **kwargs):
    demo_live_load(users=users, sections=sections)


def demo_live_load(*, users, sections) -> Coverage:
    """The demo's live story, approved, with its coverage open and a dozen entries; returns the coverage."""
    editor, moderator = users["editor"], users["moderator"]
    article = Article.objects.filter(external_id=EXTERNAL_ID).first()
    if article is None:
        with transaction.atomic():
            article = article_create(
                user=editor,
                content={**STORY, "section": sections.get("world") or next(iter(sections.values()))},
                authors=list(Author.objects.filter(slug="sara-hassan")),
                note="Demo live story",
                external_id=EXTERNAL_ID,
            )
            article_submit(article=article, revision=article.latest_revision, user=editor)
            article = revision_approve(article=article, revision=article.latest_revision, user=moderator)
    coverage = Coverage.objects.filter(article=article).first()
    if coverage is None:
        coverage = services.coverage_open(article=article, user=moderator, staff=[editor], comment="Demo")
    if not coverage.entries.exists():
        author = Author.objects.filter(slug="sara-hassan").first()
        now = timezone.now()
        for minutes, body_ar, body_en, pinned, key_event, quote_ar, quote_en, said_by in ENTRIES:
            services.entry_post(
                coverage=coverage,
                user=editor if minutes % 2 else moderator,
                posted_at=now - timedelta(minutes=minutes),
                body_ar=f"<p>{body_ar}</p>" if body_ar else "",
                body_en=f"<p>{body_en}</p>" if body_en else "",
                quote_ar=quote_ar,
                quote_en=quote_en,
                quote_by_ar=said_by[0] if said_by else "",
                quote_by_en=said_by[1] if said_by else "",
                author=author,
                pinned=pinned,
                key_event=key_event,
            )
    return coverage
