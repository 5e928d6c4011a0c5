"""A realistic newsroom archive for the benchmark, made in minutes.

Stories are written straight into the tables with bulk inserts (the services
make one story at a time, which is right for a newsroom and far too slow for
100,000 stories), but the result is what the services would have made: every
story published through a submitted and approved revision, its live copy equal
to its last revision, its history recorded and its search index built.

Arabic bodies of 600 to 1,200 words are built from the sample story's own
sentences and vocabulary; a third of the stories have an English edition.
"""

import random
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from articles import roles, search
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleTag,
    Author,
    Image,
    Revision,
    RevisionAuthor,
    RevisionTag,
    Section,
    Tag,
    Transition,
)
from articles.models.content import translated_names
from articles.models.extras import LiveExtras
from articles.services.demo import demo_newsroom_load
from articles.workflow import Action, State

DEMO = Path(settings.BASE_DIR) / "articles" / "demo"
RARE_WORD = "الفسيفساء"  # planted in about one story in a thousand
COMMON_WORD = "التحالف"
BATCH = 500


class Text:
    """Sentences and words of the sample story, recombined."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        arabic = (DEMO / "sample_story_ar.txt").read_text(encoding="utf-8").splitlines()[1:]
        english = (DEMO / "sample_story_en.txt").read_text(encoding="utf-8").splitlines()[1:]
        self.ar_sentences = [s.strip() for line in arabic for s in line.split(".") if len(s.split()) > 4]
        self.en_sentences = [s.strip() for line in english for s in line.split(". ") if len(s.split()) > 4]
        self.ar_words = sorted({w for s in self.ar_sentences for w in s.split() if len(w) > 2})
        self.en_words = sorted({w for s in self.en_sentences for w in s.split() if len(w) > 2})

    def _paragraphs(self, sentences, words, target_words: int, rare: bool) -> str:
        paragraphs, count = [], 0
        while count < target_words:
            chosen = self.rng.sample(sentences, k=min(4, len(sentences)))
            text = ". ".join(
                " ".join(w if self.rng.random() > 0.1 else self.rng.choice(words) for w in s.split()) for s in chosen
            )
            paragraphs.append(text + ".")
            count += len(text.split())
        if rare:
            paragraphs[self.rng.randrange(len(paragraphs))] += f" {RARE_WORD}"
        return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)

    def arabic_body(self, rare: bool) -> str:
        return self._paragraphs(self.ar_sentences, self.ar_words, self.rng.randint(600, 1200), rare)

    def english_body(self) -> str:
        return self._paragraphs(self.en_sentences, self.en_words, self.rng.randint(400, 900), False)

    def arabic_line(self, low: int, high: int) -> str:
        return " ".join(self.rng.sample(self.ar_words, k=self.rng.randint(low, high)))

    def english_line(self, low: int, high: int) -> str:
        return " ".join(self.rng.sample(self.en_words, k=self.rng.randint(low, high))).capitalize()


def _progress(done: int, total: int, started: float) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    elapsed = time.monotonic() - started
    rate = done / elapsed if elapsed else 0
    eta = (total - done) / rate if rate else 0
    sys.stderr.write(
        f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total} stories  {elapsed:5.0f} s  eta {eta:4.0f} s"
    )
    sys.stderr.flush()
    if done >= total:
        sys.stderr.write("\n")


def _people_and_topics(rng: random.Random, text: Text) -> tuple[list, list, list, list]:
    """Sections, 300 authors, 2,000 tags and 40 pictures to draw from."""
    sections = list(Section.objects.all())
    authors = list(Author.objects.filter(slug__startswith="bench-"))
    if not authors:
        Author.objects.bulk_create(
            Author(slug=f"bench-author-{i}", name_ar=text.arabic_line(2, 3), name_en=text.english_line(2, 2))
            for i in range(300)
        )
        authors = list(Author.objects.filter(slug__startswith="bench-"))
    tags = list(Tag.objects.filter(slug__startswith="bench-"))
    if not tags:
        Tag.objects.bulk_create(
            Tag(slug=f"bench-tag-{i}", name_ar=text.arabic_line(1, 2), name_en=text.english_line(1, 2))
            for i in range(2000)
        )
        tags = list(Tag.objects.filter(slug__startswith="bench-"))
    images = list(Image.objects.filter(file__contains="/bench-"))
    if not images:
        images = _pictures(40)
    return sections, authors, tags, images


def _pictures(count: int) -> list[Image]:
    """Drawn pictures, each with its renditions, shared by many stories as agency photos are."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image as Picture
    from PIL import ImageDraw

    from articles.services.media import image_create

    editor = get_user_model().objects.get(username="editor")
    made = []
    for index in range(count):
        picture = Picture.new("RGB", (1600, 900), (40 + index * 5 % 200, 90, 140))
        ImageDraw.Draw(picture).ellipse([(400 + index * 10, 200), (1200, 700)], fill=(220, 180, 90))
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=80)
        made.append(
            image_create(
                user=editor,
                file=ContentFile(buffer.getvalue(), name=f"bench-{index}.jpg"),
                alt_ar=f"صورة توضيحية رقم {index}",
                alt_en=f"Illustration number {index}",
                caption_ar="صورة من الأرشيف",
                credit_ar="الخبر",
            )
        )
    # As stored once their renditions were made (after each upload's commit).
    return list(Image.objects.filter(pk__in=[image.pk for image in made]).order_by("pk"))


def generate(*, stories: int, revisions: int = 5, seed: int = 1) -> dict:
    """Add ``stories`` published stories with ``revisions`` revisions each; returns counts and timings."""
    rng = random.Random(seed)
    text = Text(rng)
    started = time.monotonic()
    if not Group.objects.filter(name=roles.EDITORS).exists():
        raise RuntimeError("Run migrations first.")
    demo_newsroom_load(allow_accounts_without_debug=True)
    editor = get_user_model().objects.get(username="editor")
    moderator = get_user_model().objects.get(username="moderator")
    sections, authors, tags, images = _people_and_topics(rng, text)
    now = timezone.now()
    done = 0
    tag_index: dict[int, list[int]] = {}
    while done < stories:
        size = min(BATCH, stories - done)
        _batch(
            size,
            revisions,
            rng,
            text,
            sections,
            authors,
            tags,
            images,
            editor,
            moderator,
            now,
            offset=done,
            tag_index=tag_index,
        )
        done += size
        _progress(done, stories, started)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    return {"stories": stories, "revisions_per_story": revisions, "seconds": round(time.monotonic() - started, 1)}


def _related(plan, tag_index) -> list[int]:
    """Up to twelve stories sharing the most tags with this one, among the latest made per tag."""
    shared = Counter()
    for tag in plan["tags"]:
        shared.update(tag_index.get(tag.pk, [])[-100:])
    return [pk for pk, _count in sorted(shared.items(), key=lambda item: (-item[1], -item[0]))[:12]]


def _batch(size, revisions, rng, text, sections, authors, tags, images, editor, moderator, now, *, offset, tag_index):
    with transaction.atomic():
        published = [now - timedelta(minutes=7 * (offset + i) + rng.randint(0, 6)) for i in range(size)]
        articles = Article.objects.bulk_create(
            # Drafts until their live revision exists: the table's constraints
            # hold at every step, as they do for stories the services make.
            Article(status=State.DRAFT, created_by=editor, created_at=at - timedelta(hours=2))
            for at in published
        )
        plans = []
        for article, at in zip(articles, published, strict=True):
            has_english = rng.random() < 0.33
            plans.append(
                {
                    "article": article,
                    "at": at,
                    "section": rng.choice(sections),
                    "authors": rng.sample(authors, k=rng.randint(1, 3)),
                    "tags": rng.sample(tags, k=rng.randint(3, 6)),
                    "image": rng.choice(images),
                    "english": has_english,
                    "rare": rng.random() < 0.001,
                }
            )
        revision_rows = []
        for plan in plans:
            headline_ar = text.arabic_line(6, 10)
            headline_en = text.english_line(6, 10) if plan["english"] else ""
            body_ar = text.arabic_body(plan["rare"])
            body_en = text.english_body() if plan["english"] else ""
            for number in range(1, revisions + 1):
                # Each save changes a little: the headline, or a paragraph added.
                revision_rows.append(
                    Revision(
                        article=plan["article"],
                        number=number,
                        created_by=editor,
                        created_at=plan["at"] - timedelta(minutes=10 * (revisions - number)),
                        note="" if number > 1 else "First draft",
                        headline_ar=headline_ar if number == revisions else f"{headline_ar} {number}",
                        headline_en=headline_en,
                        standfirst_ar=text.arabic_line(12, 20),
                        standfirst_en=text.english_line(12, 20) if plan["english"] else "",
                        body_ar=body_ar,
                        body_en=body_en,
                        dateline_ar="القاهرة",
                        dateline_en="Cairo" if plan["english"] else "",
                        slug=slugify(headline_en or headline_ar, allow_unicode=True)[:200],
                        section=plan["section"],
                        lead_image=plan["image"],
                    )
                )
        saved = Revision.objects.bulk_create(revision_rows)
        by_article = {}
        for revision in saved:
            by_article.setdefault(revision.article_id, []).append(revision)
        revision_authors, revision_tags, live_authors, live_tags, moves, updated = [], [], [], [], [], []
        for plan in plans:
            article = plan["article"]
            history = by_article[article.pk]
            last = history[-1]
            for revision in history:
                revision_authors += [
                    RevisionAuthor(revision=revision, author=a, position=i) for i, a in enumerate(plan["authors"])
                ]
                revision_tags += [RevisionTag(revision=revision, tag=t) for t in plan["tags"]]
            live_authors += [
                ArticleAuthor(article=article, author=a, position=i) for i, a in enumerate(plan["authors"])
            ]
            live_tags += [ArticleTag(article=article, tag=t) for t in plan["tags"]]
            moves += [
                Transition(
                    article=article,
                    revision=last,
                    action=Action.SUBMIT,
                    from_state=State.DRAFT,
                    to_state=State.IN_REVIEW,
                    actor=editor,
                    created_at=plan["at"] - timedelta(minutes=5),
                ),
                Transition(
                    article=article,
                    revision=last,
                    action=Action.PUBLISH,
                    from_state=State.IN_REVIEW,
                    to_state=State.PUBLISHED,
                    actor=moderator,
                    created_at=plan["at"],
                ),
            ]
            for name in translated_names():
                setattr(article, name, getattr(last, name))
            article.slug, article.section, article.lead_image = last.slug, last.section, last.lead_image
            article.latest_revision = article.live_revision = last
            article.status = State.PUBLISHED
            article.first_published_at = plan["at"]
            article.has_english = plan["english"]
            # What services.live writes for a story going live: its section
            # and picture too, so a benchmarked page shows what readers get.
            article.live_extras = LiveExtras(
                section=last.section,
                image=last.lead_image,
                authors=list(plan["authors"]),
                tags=sorted(plan["tags"], key=lambda t: t.slug),
                related=_related(plan, tag_index),
            ).to_json()
            for tag in plan["tags"]:
                tag_index.setdefault(tag.pk, []).append(article.pk)
            updated.append(article)
        RevisionAuthor.objects.bulk_create(revision_authors)
        RevisionTag.objects.bulk_create(revision_tags)
        ArticleAuthor.objects.bulk_create(live_authors)
        ArticleTag.objects.bulk_create(live_tags)
        Transition.objects.bulk_create(moves)
        Article.objects.bulk_update(
            updated,
            [
                *translated_names(),
                "slug",
                "section",
                "lead_image",
                "latest_revision",
                "live_revision",
                "status",
                "first_published_at",
                "has_english",
                "live_extras",
            ],
        )
        for article in Article.objects.filter(pk__in=[a.pk for a in updated]).prefetch_related("tags"):
            search.index_article(article)
