"""Loading the demo newsroom, through the same services editors use."""

import io
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction

from .. import roles
from ..demo import data
from ..models import Article, Author, Image, Section, Tag
from ..signals import demo_loaded
from .moves import article_submit, revision_approve
from .revisions import article_create

# Known passwords, printed by the command and written in the README. They are
# refused on a site with DEBUG off unless the operator insists.
DEMO_ACCOUNTS = [
    # username, password, group, is_superuser
    ("editor", "editor-demo-2026", roles.EDITORS, False),
    ("moderator", "moderator-demo-2026", roles.MODERATORS, False),
    ("admin", "admin-demo-2026", None, True),
]


@dataclass
class DemoSummary:
    created_stories: list[str] = field(default_factory=list)
    existing_stories: list[str] = field(default_factory=list)
    accounts: list[tuple[str, str]] = field(default_factory=list)


def demo_newsroom_load(*, allow_accounts_without_debug: bool = False) -> DemoSummary:
    """Create the demo sections, people and published stories, once.

    Running it again changes nothing: every object is looked up by a stable
    key first. Demo accounts have published passwords, so on a site with
    DEBUG off this refuses unless ``allow_accounts_without_debug`` is set.
    """
    if not settings.DEBUG and not allow_accounts_without_debug:
        raise PermissionDenied(
            "Refusing to create demo accounts with published passwords while DEBUG is off. "
            "Pass --allow-demo-accounts if this really is a demo site."
        )
    summary = DemoSummary()
    with transaction.atomic():
        users = _accounts(summary)
        sections = _named(Section, data.SECTIONS, extra=lambda i: {"order": i})
        tags = _named(Tag, data.TAGS)
        authors = {
            slug: Author.objects.get_or_create(
                slug=slug, defaults={"name_ar": ar, "name_en": en, "bio_ar": bio_ar, "bio_en": bio_en}
            )[0]
            for slug, ar, en, bio_ar, bio_en in data.AUTHORS
        }
    for story in data.stories():
        if Article.objects.filter(external_id=story["key"]).exists():
            summary.existing_stories.append(story["content"]["headline_ar"])
            continue
        _publish(story, users=users, sections=sections, tags=tags, authors=authors)
        summary.created_stories.append(story["content"]["headline_ar"])
    _waiting_for_review(users=users, sections=sections)
    demo_loaded.send(sender=Article, users=users, sections=sections)
    return summary


REVIEW_KEY = "demo-review-bridge"


def _waiting_for_review(*, users, sections) -> None:
    """A story never published, submitted by the editor: the review queue and its reading view have one to show."""
    if Article.objects.filter(external_id=REVIEW_KEY).exists():
        return
    editor = users["editor"]
    with transaction.atomic():
        article = article_create(
            user=editor,
            content={
                "headline_ar": "افتتاح جسر جديد على نهر دجلة في بغداد",
                "standfirst_ar": "الجسر يربط الكرخ بالرصافة ويخفف الزحام في وسط العاصمة",
                "dateline_ar": "بغداد",
                "body_ar": "<p>افتتحت أمانة بغداد اليوم جسرا جديدا على نهر دجلة يربط جانبي الكرخ والرصافة.</p>"
                "<p>وقال مسؤولون إن الجسر سيخفف الزحام في وسط العاصمة.</p>",
                "section": next(iter(sections.values())),
            },
            note="Ready for review",
            external_id=REVIEW_KEY,
        )
        article_submit(article=article, revision=article.latest_revision, user=editor)


def _accounts(summary: DemoSummary) -> dict:
    User = get_user_model()
    users = {}
    for username, password, group_name, is_superuser in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": is_superuser}
        )
        if created:
            user.set_password(password)
            user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        users[username] = user
        summary.accounts.append((username, password))
    return users


def _named(model, rows, extra=lambda index: {}):
    return {
        slug: model.objects.get_or_create(slug=slug, defaults={"name_ar": ar, "name_en": en, **extra(index)})[0]
        for index, (slug, ar, en) in enumerate(rows)
    }


def _publish(story: dict, *, users, sections, tags, authors) -> Article:
    editor, moderator = users["editor"], users["moderator"]
    content = {**story["content"], "section": sections[story["section"]]}
    if "image" in story:
        content["lead_image"] = _illustration(story["image"], uploaded_by=editor)
    with transaction.atomic():
        article = article_create(
            user=editor,
            content=content,
            authors=[authors[slug] for slug in story["authors"]],
            tags=[tags[slug] for slug in story["tags"]],
            note="Demo story",
            external_id=story["key"],
        )
        article_submit(article=article, revision=article.latest_revision, user=editor)
        return revision_approve(article=article, revision=article.latest_revision, user=moderator)


def _illustration(meta: dict, *, uploaded_by) -> Image:
    """A drawn picture for the demo story, so no photograph has to be shipped."""
    from PIL import Image as Picture
    from PIL import ImageDraw

    width, height = 1600, 900
    picture = Picture.new("RGB", (width, height), (226, 218, 200))
    draw = ImageDraw.Draw(picture)
    for step in range(0, height, 6):  # a soft sky-to-sand gradient
        shade = 200 + step * 40 // height
        draw.line([(0, step), (width, step)], fill=(shade, shade - 8, shade - 30), width=6)
    draw.polygon(
        [(620, 170), (900, 140), (1080, 260), (1120, 470), (1010, 700), (820, 760), (700, 600), (560, 420)],
        fill=(176, 150, 110),
        outline=(90, 70, 50),
    )
    draw.line([(760, 250), (860, 520), (930, 690)], fill=(70, 110, 160), width=9)  # the Tigris, roughly
    draw.line([(680, 300), (820, 560), (940, 700)], fill=(70, 110, 160), width=9)  # and the Euphrates
    draw.ellipse([(820, 420), (850, 450)], fill=(150, 40, 40))  # Baghdad
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    fields = {name: value for name, value in meta.items() if name != "name"}
    image = Image(uploaded_by=uploaded_by, **fields)
    image.file.save(meta["name"], ContentFile(buffer.getvalue()), save=False)
    image.full_clean()
    image.save()
    return image
