"""Test data built through factories and, for stories, through the services.

Stories are never built by writing rows directly: a test that needs a
published story gets one the way the newsroom makes one (create, submit,
approve), so the data always satisfies the workflow's rules.
"""

import io
import random
from pathlib import Path

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from PIL import Image as Picture

from articles import roles, services
from articles.models import Author, Image, Section, Tag

SAMPLE_TEXT_AR = (Path(__file__).resolve().parent.parent / "articles" / "demo" / "sample_story_ar.txt").read_text()
SAMPLE_BODY_AR = (
    "<p>قال المتحدث باسم الجيش العراقي اليوم الأحد إن العراق والولايات المتحدة أجريا محادثات لتحديد جدول زمني "
    "للانسحاب التدريجي لقوات التحالف التي تقودها الولايات المتحدة من العراق.</p>"
    "<p>وبدأت المحادثات في يناير/كانون الثاني، لكن بعد أقل من 24 ساعة قُتل ثلاثة جنود أمريكيين في هجوم بالأردن.</p>"
)
SAMPLE_BODY_EN = (
    "<p>Iraq and the United States have held talks to set a timetable for the gradual withdrawal of the "
    "US-led coalition forces from Iraq, the Iraqi army's spokesman said on Sunday.</p>"
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@newsroom.test")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "pass")

    groups = factory.PostGeneration(lambda user, create, extracted, **kwargs: _join(user, create, extracted or ()))


def _join(user, create, group_names):
    if create:
        user.groups.add(*[Group.objects.get(name=name) for name in group_names])
        user.save()


class EditorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"editor{n}")
    groups = factory.PostGeneration(
        lambda user, create, extracted, **kwargs: _join(user, create, extracted or [roles.EDITORS])
    )


class ModeratorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"moderator{n}")
    groups = factory.PostGeneration(
        lambda user, create, extracted, **kwargs: _join(user, create, extracted or [roles.MODERATORS])
    )


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"section-{n}")
    name_ar = factory.Sequence(lambda n: f"قسم {n}")
    name_en = factory.Sequence(lambda n: f"Section {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"tag-{n}")
    name_ar = factory.Sequence(lambda n: f"وسم {n}")
    name_en = factory.Sequence(lambda n: f"Tag {n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"author-{n}")
    name_ar = factory.Sequence(lambda n: f"كاتب {n}")
    name_en = factory.Sequence(lambda n: f"Writer {n}")


def image_bytes(fmt="JPEG", size=(64, 48), color=(200, 120, 40)) -> bytes:
    buffer = io.BytesIO()
    Picture.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    file = factory.LazyFunction(lambda: ContentFile(image_bytes(), name="picture.jpg"))
    alt_ar = "صورة لاجتماع"
    alt_en = "A photograph of a meeting"
    caption_ar = "اجتماع في بغداد"
    credit_ar = "رويترز"


def story_content(**overrides) -> dict:
    """A complete, publishable story's fields; override any of them."""
    content = {
        "headline_ar": "العراق والولايات المتحدة يبحثان انسحاب قوات التحالف",
        "headline_en": "Iraq and US discuss coalition withdrawal",
        "standfirst_ar": "محادثات لتحديد جدول زمني",
        "standfirst_en": "Talks to set a timetable",
        "dateline_ar": "القاهرة",
        "dateline_en": "Cairo",
        "body_ar": SAMPLE_BODY_AR,
        "body_en": SAMPLE_BODY_EN,
    }
    if "section" not in overrides:
        content["section"] = SectionFactory(slug="politics", name_ar="سياسة", name_en="Politics")
    content.update(overrides)
    return content


def draft(editor=None, *, authors=(), tags=(), **content):
    """A new story saved once by ``editor``."""
    editor = editor or EditorFactory()
    return services.article_create(
        user=editor, content=story_content(**content), authors=list(authors), tags=list(tags)
    )


def submitted(editor=None, **kwargs):
    editor = editor or EditorFactory()
    article = draft(editor, **kwargs)
    return services.article_submit(article=article, revision=article.latest_revision, user=editor)


def published(editor=None, moderator=None, **kwargs):
    """A live story, made the way the newsroom makes one."""
    article = submitted(editor, **kwargs)
    moderator = moderator or ModeratorFactory()
    return services.revision_approve(article=article, revision=article.review_revision, user=moderator)


def edit(article, user, *, base=None, authors=None, tags=None, **changes):
    """Save a new revision of ``article`` changing only ``changes``."""
    from articles.models.content import content_names

    article.refresh_from_db()
    base = base or article.latest_revision
    content = {name: getattr(base, name) for name in content_names()}
    content.update(changes)
    return services.revision_create(
        article=article,
        user=user,
        content=content,
        authors=base.ordered_authors() if authors is None else authors,
        tags=list(base.tags.all()) if tags is None else tags,
        base_revision=base,
    )


# --- Helpers for the public site's tests (added with issue 5) ---------------------


def sample_story_content(**overrides) -> dict:
    """The demo newsroom's sample report (Arabic and English), as ``published`` takes it."""
    from articles.demo.data import sample_story

    content = dict(sample_story()["content"])
    content.update(overrides)
    return content


def scheduled(editor=None, moderator=None, *, at=None, **kwargs):
    """A story approved to go live at ``at`` (tomorrow by default)."""
    from datetime import timedelta

    from django.utils import timezone

    article = submitted(editor, **kwargs)
    return services.revision_approve(
        article=article,
        revision=article.review_revision,
        user=moderator or ModeratorFactory(),
        publish_at=at or timezone.now() + timedelta(days=1),
    )


def unpublished(editor=None, moderator=None, **kwargs):
    """A story that was live and has been withdrawn."""
    moderator = moderator or ModeratorFactory()
    article = published(editor, moderator, **kwargs)
    return services.article_unpublish(article=article, user=moderator, reason="Withdrawn for the test")


def trashed(editor=None, **kwargs):
    """A draft moved to the trash."""
    editor = editor or EditorFactory()
    article = draft(editor, **kwargs)
    return services.article_trash(article=article, user=editor)


def republished(article, editor=None, moderator=None, *, authors=None, tags=None, **changes):
    """Edit a live story, submit and approve the edit: the new revision goes live."""
    editor = editor or EditorFactory()
    result = edit(article, editor, authors=authors, tags=tags, **changes)
    article = services.article_submit(article=article, revision=result.revision, user=editor)
    return services.revision_approve(
        article=article, revision=article.review_revision, user=moderator or ModeratorFactory()
    )


def pending_edit(article, editor=None, **changes):
    """Edit a live story and submit the edit; it waits for review and is not live."""
    editor = editor or EditorFactory()
    result = edit(article, editor, **changes)
    return services.article_submit(article=article, revision=result.revision, user=editor)


def corrected(
    article,
    moderator=None,
    *,
    text_ar="تصحيح: ورد خطأ في الرقم.",
    text_en="Correction: a number was wrong.",
    kind="correction",
):
    """Add a public correction to a live story."""
    return services.correction_add(
        article=article, user=moderator or ModeratorFactory(), kind=kind, text_ar=text_ar, text_en=text_en
    )


def long_arabic_bodies(words: int = 30_000, *, seed: int = 7) -> tuple[str, str]:
    """Two revisions' bodies of an Arabic story about ``words`` words long.

    Paragraphs are the sample story's sentences recombined. The second body is
    what a day on the desk does to the first: a word changed or a diacritic
    added in every seventh paragraph, paragraphs inserted and deleted, one
    rewritten, and a link added.
    """
    rng = random.Random(seed)
    sentences = [line.strip() for line in SAMPLE_TEXT_AR.splitlines() if len(line.split()) > 6]
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(rng.sample(sentences, k=2))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    edited = []
    for index, paragraph in enumerate(paragraphs):
        if index % 61 == 30:
            continue  # deleted
        if index % 7 == 0:
            wording = paragraph.split()
            wording[len(wording) // 2] = "قُتل" if index % 2 else "المفاوضات"
            paragraph = " ".join(wording)
        if index == len(paragraphs) // 2:
            paragraph = " ".join(rng.sample(sentences, k=3))  # rewritten
        if index % 97 == 0:
            paragraph = paragraph.replace(" ", ' <a href="https://example.com/iraq">', 1) + "</a>"
        edited.append(paragraph)
        if index % 50 == 25:
            edited.append(rng.choice(sentences))  # inserted
    return "".join(f"<p>{p}</p>" for p in paragraphs), "".join(f"<p>{p}</p>" for p in edited)
