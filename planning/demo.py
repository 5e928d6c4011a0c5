"""The demo newsroom's budget: today's and tomorrow's lines for every section.

Hooked to ``articles.signals.demo_loaded``, so ``manage.py load_demo`` fills
it. Idempotent: a line is looked up by its day, section and Arabic title
before it is made, and the one draft is made only while its line has none.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from . import services
from .models import BudgetLine, DeskMember
from .times import local_day, newsroom_zone

# The demo editor sits on these desks; the moderator plans every section.
EDITOR_DESKS = ("politics", "economy", "world")

# section: [(Arabic title, English title, kind, hour due, words, assigned to the demo editor)]
LINES = {
    "politics": [
        ("جولة جديدة من محادثات انسحاب التحالف", "New round of coalition withdrawal talks", "story", 11, 800, True),
        ("البرلمان يناقش قانون الانتخابات", "Parliament debates the election law", "story", 15, 600, False),
        ("صور: الوفد الأمريكي في بغداد", "Pictures: the US delegation in Baghdad", "picture", 17, None, False),
    ],
    "economy": [
        ("أسعار النفط بعد اجتماع أوبك", "Oil prices after the OPEC meeting", "story", 12, 700, True),
        ("الموازنة العامة: ما الذي تغير", "The budget: what changed", "story", 16, 900, False),
    ],
    "world": [
        ("قمة إقليمية في القاهرة", "Regional summit in Cairo", "live", 10, None, True),
        ("الانتخابات في أوروبا: قراءة في النتائج", "Europe's elections: reading the results", "story", 18, 1000, False),
    ],
    "culture": [
        ("معرض الكتاب يفتح أبوابه", "The book fair opens", "story", 13, 650, False),
        ("فيديو: جولة في المتحف الوطني", "Video: a tour of the national museum", "video", 19, None, False),
    ],
    "sport": [
        ("الدوري: مباراة القمة الليلة", "League: tonight's top match", "live", 20, None, False),
        ("المنتخب يعلن قائمته", "The national team names its squad", "story", 14, 500, False),
    ],
}


def on_demo_loaded(sender, *, users, sections, **kwargs):
    demo_budget_load(users=users, sections=sections)


def demo_budget_load(*, users, sections) -> int:
    """Put today's and tomorrow's budget in place; return how many lines were added."""
    editor, moderator = users["editor"], users["moderator"]
    added = 0
    with transaction.atomic():
        for slug in EDITOR_DESKS:
            if slug in sections:
                DeskMember.objects.get_or_create(section=sections[slug], user=editor)
        today = local_day(timezone.now())
        for offset in (0, 1):
            day = today + timedelta(days=offset)
            for slug, lines in LINES.items():
                section = sections.get(slug)
                if section is None:
                    continue
                for title_ar, title_en, kind, hour, words, to_editor in lines:
                    if BudgetLine.objects.filter(day=day, section=section, title_ar=title_ar).exists():
                        continue
                    due = datetime.combine(day, time(hour, 0), tzinfo=newsroom_zone())
                    services.budget_line_create(
                        user=moderator,
                        section=section,
                        day=day,
                        title_ar=title_ar,
                        title_en=title_en,
                        kind=kind,
                        assignee=editor if to_editor else None,
                        editor=moderator,
                        due_at=due,
                        slot_at=due + timedelta(hours=1),
                        words=words,
                    )
                    added += 1
        first = BudgetLine.objects.filter(day=today, section=sections.get("politics"), editor=moderator).first()
        if first is not None and first.article_id is None and first.assignee_id == editor.pk:
            services.budget_line_make_draft(user=editor, line=first)
    return added
