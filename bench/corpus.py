"""A realistic newsroom archive for the benchmark, made in minutes.

Stories are written straight into the tables with bulk inserts (the services
make one story at a time, which is right for a newsroom and far too slow for
100,000 stories), but the result is what the services would have made: every
story published through a submitted and approved revision, its live copy equal
to its last revision, its history recorded and its search index built.

Arabic bodies of 600 to 1,200 words are built from the relevance corpus of
the search tests (its subjects, sentence shapes and vocabulary, with people,
places and numbers drawn per story: see ``Text``); a third of the stories
have an English edition.
"""

import random
import re
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
    Correction,
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
COMMON_WORD = "الحكومة"  # in most stories (the "said" sentences name it)
PHRASE = "قناة السويس"  # a subject's two words, searched in quotes
BATCH = 500


FIRST_NAMES = (
    ("أحمد", "Ahmed"),
    ("محمد", "Mohammed"),
    ("علي", "Ali"),
    ("عمر", "Omar"),
    ("خالد", "Khaled"),
    ("يوسف", "Youssef"),
    ("حسن", "Hassan"),
    ("كريم", "Karim"),
    ("سامي", "Sami"),
    ("طارق", "Tarek"),
    ("ماجد", "Majed"),
    ("نبيل", "Nabil"),
    ("وليد", "Walid"),
    ("هشام", "Hisham"),
    ("زياد", "Ziad"),
    ("فادي", "Fadi"),
    ("رامي", "Rami"),
    ("باسل", "Basel"),
    ("عادل", "Adel"),
    ("مروان", "Marwan"),
    ("سلمى", "Salma"),
    ("ليلى", "Layla"),
    ("هدى", "Huda"),
    ("منى", "Mona"),
    ("نادية", "Nadia"),
    ("ريم", "Reem"),
    ("سارة", "Sara"),
    ("دينا", "Dina"),
    ("رنا", "Rana"),
    ("لينا", "Lina"),
    ("فاطمة", "Fatima"),
    ("مريم", "Maryam"),
    ("نور", "Nour"),
    ("هالة", "Hala"),
    ("جميلة", "Jamila"),
)
FAMILY_NAMES = (
    ("الحسيني", "al-Husseini"),
    ("المطيري", "al-Mutairi"),
    ("العتيبي", "al-Otaibi"),
    ("الشريف", "al-Sharif"),
    ("منصور", "Mansour"),
    ("حداد", "Haddad"),
    ("الخطيب", "al-Khatib"),
    ("النجار", "al-Najjar"),
    ("الصالح", "al-Saleh"),
    ("الفارس", "al-Fares"),
    ("يوسف", "Youssef"),
    ("عبد الله", "Abdullah"),
    ("الرفاعي", "al-Rifai"),
    ("الدوسري", "al-Dosari"),
    ("الهمامي", "al-Hammami"),
    ("الشناوي", "al-Shennawi"),
    ("البيطار", "al-Bitar"),
    ("القاسم", "al-Qasim"),
    ("العلي", "al-Ali"),
    ("سعد", "Saad"),
    ("الزين", "al-Zein"),
    ("عيسى", "Issa"),
    ("خليل", "Khalil"),
    ("جابر", "Jaber"),
    ("التميمي", "al-Tamimi"),
)
PLACES = (
    ("القاهرة", "Cairo"),
    ("الإسكندرية", "Alexandria"),
    ("بغداد", "Baghdad"),
    ("البصرة", "Basra"),
    ("الموصل", "Mosul"),
    ("دمشق", "Damascus"),
    ("حلب", "Aleppo"),
    ("بيروت", "Beirut"),
    ("عمّان", "Amman"),
    ("إربد", "Irbid"),
    ("الرياض", "Riyadh"),
    ("جدة", "Jeddah"),
    ("الدوحة", "Doha"),
    ("الكويت", "Kuwait"),
    ("دبي", "Dubai"),
    ("مسقط", "Muscat"),
    ("المنامة", "Manama"),
    ("صنعاء", "Sanaa"),
    ("عدن", "Aden"),
    ("الخرطوم", "Khartoum"),
    ("طرابلس", "Tripoli"),
    ("تونس", "Tunis"),
    ("الجزائر", "Algiers"),
    ("الرباط", "Rabat"),
    ("فاس", "Fez"),
    ("نواكشوط", "Nouakchott"),
    ("رام الله", "Ramallah"),
    ("أسيوط", "Assiut"),
    ("الأقصر", "Luxor"),
    ("أربيل", "Erbil"),
)
ROLES = (
    ("المتحدث باسم الحكومة", "the government spokesman"),
    ("وزير المالية في الحكومة", "the government's finance minister"),
    ("رئيس البلدية", "the mayor"),
    ("مدير المشروع", "the project's director"),
    ("الخبير الاقتصادي", "the economist"),
    ("مسؤول في الحكومة المحلية", "an official of the local government"),
    ("رئيس اللجنة", "the committee's chairman"),
)
MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر")
NUMBER = re.compile(r"\d+")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _sentences(text: str) -> list[str]:
    return [piece.strip(" .") for piece in re.split(r"[.!؟?]\s+|\.$", text) if len(piece.split()) > 3]


class Text:
    """Stories on the relevance corpus's subjects, in its sentence shapes, with names and numbers drawn per story.

    Each story takes one subject of ``tests/articles/search/corpus.py`` (or
    the sample story) for its headline, standfirst and opening, then
    sentences of other subjects; every story has its own people, place and
    numbers (a tenth of them written in Arabic-Indic digits), and a tenth of
    its words are swapped for others of the corpus. So a name, a number or
    a subject's words are found in some stories and not in most, as in an
    archive, and ranking has something to choose between.
    """

    def __init__(self, rng: random.Random):
        from tests.articles.search.corpus import STORIES

        self.rng = rng
        arabic = (DEMO / "sample_story_ar.txt").read_text(encoding="utf-8").splitlines()[1:]
        english = (DEMO / "sample_story_en.txt").read_text(encoding="utf-8").splitlines()[1:]
        self.subjects = [
            {
                "headline": story["headline"],
                "standfirst": story["standfirst"],
                "ar": _sentences(story["body"]),
                "en": story.get("en"),
                "section": story["section"],
            }
            for story in STORIES
        ]
        self.subjects.append(
            {
                "headline": "العراق والولايات المتحدة يبحثان انسحاب قوات التحالف",
                "standfirst": "محادثات لتحديد جدول زمني لانسحاب قوات التحالف",
                "ar": [s for line in arabic for s in _sentences(line)],
                "section": "politics",
                "en": {
                    "headline": "Iraq and the US discuss the coalition's withdrawal",
                    "standfirst": "Talks on a timetable for the withdrawal of coalition forces",
                    "body": " ".join(english),
                },
            }
        )
        self.ar_sentences = [s for subject in self.subjects for s in subject["ar"]]
        self.en_sentences = [s for subject in self.subjects if subject["en"] for s in _sentences(subject["en"]["body"])]
        self.ar_words = sorted({w for s in self.ar_sentences for w in s.split() if len(w) > 2})
        self.en_words = sorted({w for s in self.en_sentences for w in s.split() if len(w) > 2})

    def _people(self) -> dict:
        rng = self.rng
        first, family = rng.sample(FIRST_NAMES, 2), rng.sample(FAMILY_NAMES, 2)
        return {
            "people": [(f"{f[0]} {g[0]}", f"{f[1]} {g[1]}") for f, g in zip(first, family, strict=True)],
            "place": rng.choice(PLACES),
            "indic": rng.random() < 0.1,
        }

    def _number(self, match: re.Match, cast: dict) -> str:
        digits = len(match.group())
        number = str(self.rng.randint(10 ** (digits - 1) if digits > 1 else 1, 10**digits - 1))
        return number.translate(ARABIC_INDIC) if cast["indic"] else number

    def _rewrite(self, sentence: str, cast: dict, words: list[str] | None = None) -> str:
        """``sentence`` with this story's numbers and, given ``words``, a tenth of its words swapped for them."""
        if words:
            sentence = " ".join(w if self.rng.random() > 0.1 else self.rng.choice(words) for w in sentence.split())
        return NUMBER.sub(lambda match: self._number(match, cast), sentence)

    def _said(self, cast: dict) -> str:
        (person, _en), place, role = self.rng.choice(cast["people"]), cast["place"][0], self.rng.choice(ROLES)[0]
        day, month = self.rng.randint(1, 28), self.rng.choice(MONTHS_AR)
        shapes = (
            f"وقال {person}، {role}، في {place} إن العمل سيستمر حتى {day} {month}",
            f"وأكد {person} أن الحكومة تتابع ما يجري في {place}",
            f"وفي {place}، التقى {person} ممثلين عن الحكومة والسكان",
        )
        return self.rng.choice(shapes)

    def _paragraphs(self, subject: dict, cast: dict, target_words: int, rare: bool) -> str:
        """The body: the subject's own sentences, then sentences of two subjects of its section, reworded.

        A long story keeps to its subject, as a real one does, so that its
        words are found in some stories and not in most.
        """
        neighbours = [
            other for other in self.subjects if other["section"] == subject["section"] and other is not subject
        ]
        pool = subject["ar"] + [
            s for other in self.rng.sample(neighbours, k=min(2, len(neighbours))) for s in other["ar"]
        ]
        words = sorted({w for sentence in pool for w in sentence.split() if len(w) > 2})
        paragraphs, count, pending = [], 0, list(subject["ar"])
        while count < target_words:
            chosen = []
            for _ in range(4):
                if pending:
                    chosen.append(self._rewrite(pending.pop(0), cast))
                elif self.rng.random() < 0.25:
                    chosen.append(self._said(cast))
                else:
                    chosen.append(self._rewrite(self.rng.choice(pool), cast, words))
            text = ". ".join(chosen)
            paragraphs.append(text + ".")
            count += len(text.split())
        if rare:
            paragraphs[self.rng.randrange(len(paragraphs))] += f" {RARE_WORD}"
        return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)

    def story(self, *, english: bool, rare: bool) -> dict:
        """One story's fields in both languages (English ones empty unless ``english``)."""
        subject = self.rng.choice(self.subjects)
        cast = self._people()
        person_ar, person_en = cast["people"][0]
        place_ar, place_en = cast["place"]
        fields = {
            "headline_ar": self._rewrite(
                f"{place_ar}: {subject['headline']}" if self.rng.random() < 0.5 else subject["headline"], cast
            ),
            "standfirst_ar": self._rewrite(f"{subject['standfirst']}، بحسب {person_ar}", cast),
            "body_ar": self._paragraphs(subject, cast, self.rng.randint(600, 1200), rare),
            "dateline_ar": place_ar,
            "headline_en": "",
            "standfirst_en": "",
            "body_en": "",
            "dateline_en": "",
        }
        if english:
            source = subject["en"] or self.rng.choice([s for s in self.subjects if s["en"]])["en"]
            fields.update(
                headline_en=NUMBER.sub(lambda m: str(self.rng.randint(2, 999)), source["headline"]),
                standfirst_en=f"{source['standfirst']}, says {person_en}",
                body_en=self._english_body(source, cast, self.rng.randint(400, 900)),
                dateline_en=place_en,
            )
        return fields

    def _english_body(self, source: dict, cast: dict, target_words: int) -> str:
        paragraphs, count, pending = [], 0, _sentences(source["body"])
        while count < target_words:
            chosen = []
            for _ in range(4):
                if pending:
                    chosen.append(pending.pop(0))
                elif self.rng.random() < 0.25:
                    person = self.rng.choice(cast["people"])[1]
                    chosen.append(f"{person} said in {cast['place'][1]} that the work would go on")
                else:
                    chosen.append(self.rng.choice(self.en_sentences))
            text = NUMBER.sub(lambda m: str(self.rng.randint(2, 999)), ". ".join(chosen))
            paragraphs.append(text + ".")
            count += len(text.split())
        return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)

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
                    # About one story in twenty carries a public note or two.
                    "corrections": rng.choices([0, 1, 2], weights=[95, 4, 1])[0],
                }
            )
        revision_rows = []
        for plan in plans:
            fields = text.story(english=plan["english"], rare=plan["rare"])
            headline_ar = fields["headline_ar"]
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
                        headline_en=fields["headline_en"],
                        standfirst_ar=fields["standfirst_ar"],
                        standfirst_en=fields["standfirst_en"],
                        body_ar=fields["body_ar"],
                        body_en=fields["body_en"],
                        dateline_ar=fields["dateline_ar"],
                        dateline_en=fields["dateline_en"],
                        slug=slugify(fields["headline_en"] or headline_ar, allow_unicode=True)[:200],
                        section=plan["section"],
                        lead_image=plan["image"],
                    )
                )
        saved = Revision.objects.bulk_create(revision_rows)
        by_article = {}
        for revision in saved:
            by_article.setdefault(revision.article_id, []).append(revision)
        revision_authors, revision_tags, live_authors, live_tags, moves, updated = [], [], [], [], [], []
        notes = []
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
            corrections = [
                Correction(
                    article=article,
                    kind=rng.choice(Correction.Kind.values),
                    text_ar=f"صُحّح في نسخة سابقة من هذا الخبر: {text.arabic_line(6, 12)}",
                    text_en=f"An earlier version of this story said: {text.english_line(6, 12)}"
                    if plan["english"]
                    else "",
                    published_at=plan["at"] + timedelta(hours=index + 1),
                    created_by=moderator,
                )
                for index in range(plan["corrections"])
            ]
            notes += corrections
            moves += [
                Transition(
                    article=article,
                    revision=last,
                    action=Action.CORRECT,
                    from_state=State.PUBLISHED,
                    to_state=State.PUBLISHED,
                    actor=moderator,
                    comment=correction.text_ar,
                    created_at=correction.published_at,
                )
                for correction in corrections
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
                corrections=corrections,
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
        Correction.objects.bulk_create(notes)
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
            # Small batches: each is one UPDATE with a CASE per column, whose
            # cost grows with the square of the batch in PostgreSQL.
            batch_size=50,
        )
        # The search index as publishing writes it: terms, vectors and the plain body of each edition.
        for article in Article.objects.filter(pk__in=[a.pk for a in updated]).prefetch_related("tags"):
            search.index_article(article)


# --- copies made in SQL ------------------------------------------------------------
#
# Two cores make about twenty stories a second through ``generate``; a
# 100,000-story archive would take over an hour. ``multiply`` copies the
# generated stories in the database instead, each copy older than the last,
# with every row a story is made of (revisions, bylines, tags, history,
# corrections, search index, live copy): what the pages read is what
# ``generate`` wrote, so the stories are as complete, only repeated.
# ``deepen`` gives every story a longer history, for the revision table at
# a million rows.


def _columns(model, *, pk: str, shifted: str, moved: dict[type, str]) -> tuple[list[str], list[str]]:
    """The column names of ``model`` and, for each, what to select to copy it.

    The primary key and every key to a model in ``moved`` go up by that
    model's offset (``moved[model]``, an SQL expression); every date and
    time goes back by ``shifted``.
    """
    from django.db import models as fields

    names, values = [], []
    for field in model._meta.concrete_fields:
        column = connection.ops.quote_name(field.column)
        names.append(column)
        if field.primary_key:
            values.append(f"{column} + {pk}")
        elif field.is_relation and field.related_model in moved:
            values.append(f"{column} + {moved[field.related_model]}")
        elif isinstance(field, fields.DateTimeField):
            values.append(f"{column} - {shifted}")
        else:
            values.append(column)
    return names, values


def _copy(cursor, model, *, where: str, pk: str | None, shifted: str, moved: dict[type, str], params=()) -> int:
    names, values = _columns(model, pk=pk or "0", shifted=shifted, moved=moved)
    if pk is None:  # rows whose own id does not matter: a fresh one each
        keep = [i for i, field in enumerate(model._meta.concrete_fields) if not field.primary_key]
        names, values = [names[i] for i in keep], [values[i] for i in keep]
    table = connection.ops.quote_name(model._meta.db_table)
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(values)} FROM {table} WHERE {where}", params
    )
    return cursor.rowcount


def _reset_sequences(cursor, *models) -> None:
    for model in models:
        table = model._meta.db_table
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {connection.ops.quote_name(table)}))"
        )


def multiply(*, stories: int) -> dict:
    """Copy the generated live stories in SQL until ``stories`` are live (PostgreSQL only); returns counts."""
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(id), max(id), count(*), max(first_published_at) - min(first_published_at) "
            "FROM articles_article WHERE live_revision_id IS NOT NULL AND external_id = '' "
            "AND id IN (SELECT article_id FROM articles_articleauthor a JOIN articles_author w "
            "ON w.id = a.author_id WHERE w.slug LIKE 'bench-%%')"
        )
        low, high, count, span = cursor.fetchone()
    if not count:
        raise RuntimeError("Generate some stories first: multiply copies them.")
    copies = 0
    while Article.objects.live().count() < stories:
        wanted = stories - Article.objects.live().count()
        copies += 1
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT max(id) FROM articles_article")
            article_offset = cursor.fetchone()[0] - low + 1
            cursor.execute("SELECT max(id) FROM articles_revision")
            revision_offset = cursor.fetchone()[0]
            # The first ``wanted`` generated stories, copied ``span`` earlier
            # for each round, so the archive goes back further each time.
            cursor.execute(
                "CREATE TEMP TABLE bench_source ON COMMIT DROP AS SELECT id FROM articles_article "
                "WHERE live_revision_id IS NOT NULL AND external_id = '' AND id BETWEEN %s AND %s "
                "ORDER BY id LIMIT %s",
                [low, high, min(wanted, count)],
            )
            shifted = f"interval '{copies * (span.total_seconds() + 3600)} seconds'"
            moved = {Article: str(article_offset), Revision: str(revision_offset)}
            source = "id IN (SELECT id FROM bench_source)"
            of_source = "article_id IN (SELECT id FROM bench_source)"
            revisions = f"revision_id IN (SELECT id FROM articles_revision WHERE {of_source})"
            _copy(cursor, Article, where=source, pk=str(article_offset), shifted=shifted, moved=moved)
            _copy(cursor, Revision, where=of_source, pk=str(revision_offset), shifted=shifted, moved=moved)
            for model in (RevisionAuthor, RevisionTag):
                _copy(cursor, model, where=revisions, pk=None, shifted=shifted, moved=moved)
            for model in (ArticleAuthor, ArticleTag, Transition, Correction):
                _copy(cursor, model, where=of_source, pk=None, shifted=shifted, moved=moved)
            # The live copy names related stories by id: those of the copy.
            cursor.execute(
                "UPDATE articles_article SET live_extras = jsonb_set(live_extras, '{related}', "
                "(SELECT coalesce(jsonb_agg(to_jsonb(r::bigint + %s)), '[]'::jsonb) "
                "FROM jsonb_array_elements_text(live_extras->'related') r)) "
                "WHERE id - %s IN (SELECT id FROM bench_source)",
                [article_offset, article_offset],
            )
            _reset_sequences(
                cursor,
                Article,
                Revision,
                RevisionAuthor,
                RevisionTag,
                ArticleAuthor,
                ArticleTag,
                Transition,
                Correction,
            )
        log_line = f"  copy {copies}: {Article.objects.live().count()} live stories"
        sys.stderr.write(log_line + "\n")
    return {"copies": copies, "seconds": round(time.monotonic() - started, 1)}


def deepen(*, revisions_per_story: int) -> dict:
    """Give every story that has fewer a history of ``revisions_per_story`` revisions (PostgreSQL only).

    The story's own revisions are renumbered to come last, and copies of
    them, saved earlier, come first: live, latest and reviewed revisions
    stay the rows they were, with their numbers raised.
    """
    started = time.monotonic()
    added = 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            # Each short history is doubled (or filled up): its revisions move
            # up by ``step`` numbers and copies of its first ``step`` take the
            # numbers below, saved earlier.
            cursor.execute(
                "CREATE TEMP TABLE bench_short ON COMMIT DROP AS SELECT article_id, "
                "least(max(number), %s - max(number)) AS step "
                "FROM articles_revision GROUP BY article_id HAVING max(number) < %s",
                [revisions_per_story, revisions_per_story],
            )
            cursor.execute("SELECT count(*) FROM bench_short")
            if not cursor.fetchone()[0]:
                break
            cursor.execute(
                "CREATE TEMP TABLE bench_old ON COMMIT DROP AS SELECT r.id FROM articles_revision r "
                "JOIN bench_short s USING (article_id) WHERE r.number <= s.step"
            )
            # In two steps, so that no number is held twice on the way.
            for sql in (
                "UPDATE articles_revision r SET number = r.number + 1000000 + s.step FROM bench_short s "
                "WHERE s.article_id = r.article_id",
                "UPDATE articles_revision SET number = number - 1000000 WHERE number > 1000000",
            ):
                cursor.execute(sql)
            cursor.execute("SELECT max(id) FROM articles_revision")
            offset = cursor.fetchone()[0]
            shifted = "interval '1 hour'"
            names, values = _columns(Revision, pk=str(offset), shifted=shifted, moved={})
            values = [f"r.{value}" for value in values]
            values = [
                "r.number - s.step" if name == '"number"' else value for name, value in zip(names, values, strict=True)
            ]
            # A join, not a subquery per row: the temporary tables have no index.
            cursor.execute(
                f"INSERT INTO articles_revision ({', '.join(names)}) SELECT {', '.join(values)} "
                "FROM articles_revision r JOIN bench_short s USING (article_id) JOIN bench_old o ON o.id = r.id"
            )
            added += cursor.rowcount
            for model in (RevisionAuthor, RevisionTag):
                _copy(
                    cursor,
                    model,
                    where="revision_id IN (SELECT id FROM bench_old)",
                    pk=None,
                    shifted=shifted,
                    moved={Revision: str(offset)},
                )
            _reset_sequences(cursor, Revision, RevisionAuthor, RevisionTag)
        sys.stderr.write(f"  history: {added} revisions added\n")
    return {"added": added, "seconds": round(time.monotonic() - started, 1)}
