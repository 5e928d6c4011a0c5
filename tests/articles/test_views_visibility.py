"""Nothing that is not live appears anywhere public.

One newsroom with a live story and, beside it, a story in every state a
reader must never see: a draft, a pending revision of a live story, a
scheduled story, an unpublished one and a trashed one. They all share the
live story's section, tag and author, so any surface that forgot the rule
would list them. Every public surface is checked for their marks.
"""

import io
from unittest import mock

import pytest
from django.utils import timezone

from tests.comments.conversation import CONVERSATION, converse
from tests.conftest import built_for_module
from tests.factories import (
    AuthorFactory,
    TagFactory,
    draft,
    pending_edit,
    published,
    scheduled,
    trashed,
    unpublished,
)

pytestmark = pytest.mark.django_db

# A word that search can find, in each hidden story's headline and body.
HIDDEN = {
    "draft": "zdraftmark",
    "pending": "zpendingmark",
    "scheduled": "zschedmark",
    "unpublished": "zunpubmark",
    "trashed": "ztrashmark",
}
# The budget never reaches readers: a planned line (its title and notes) and
# a planned event, in the live story's section, carry these.
PLANNED = {"budget line": "zbudgetmark", "budget notes": "zbudgetnotesmark", "event": "zeventmark"}


def _content(mark):
    return {
        "headline_ar": f"خبر {mark} عن التحالف",
        "headline_en": f"Story {mark} about the coalition",
        "body_ar": f"<p>نص {mark} عن التحالف</p>",
        "body_en": f"<p>Text {mark} about the coalition</p>",
    }


@pytest.fixture(scope="module")
def newsroom(django_db_setup, django_db_blocker):
    """Built once for the module (each test reads it, none changes it) and rolled back after it."""
    with built_for_module(django_db_blocker):
        yield _newsroom()


def _newsroom():
    tag = TagFactory(slug="iraq")
    author = AuthorFactory(slug="sara")
    shared = {"tags": [tag], "authors": [author]}
    live = published(**shared, headline_ar="الخبر المنشور عن التحالف", headline_en="The live coalition story")
    hidden = {
        "draft": draft(**shared, **_content(HIDDEN["draft"])),
        "scheduled": scheduled(**shared, **_content(HIDDEN["scheduled"])),
        "unpublished": unpublished(**shared, **_content(HIDDEN["unpublished"])),
        "trashed": trashed(**shared, **_content(HIDDEN["trashed"])),
    }
    # A live story whose newer revision waits for review: the live text is
    # public, the pending one is not.
    still_live = published(**shared, headline_ar="خبر حي قبل التعديل", headline_en="Live before the edit")
    pending_edit(still_live, **_content(HIDDEN["pending"]))
    _plan(live.section)
    converse(live)
    converse(still_live)
    return {"live": live, "still_live": still_live, "hidden": hidden}


def _plan(section):
    from datetime import timedelta

    from planning import services as planning
    from planning.models import Event
    from tests.factories import ModeratorFactory

    chief = ModeratorFactory(username="planner")
    now = timezone.now()
    event = planning.event_save(
        user=chief,
        event=Event(
            title_ar=f"قمة {PLANNED['event']}",
            title_en=f"Summit {PLANNED['event']}",
            section=section,
            starts_at=now,
            ends_at=now + timedelta(hours=2),
            time_zone="Asia/Baghdad",
        ),
    )
    for day in (timezone.localdate(), timezone.localdate() + timedelta(days=1)):
        planning.budget_line_create(
            user=chief,
            section=section,
            day=day,
            title_ar=f"خطة {PLANNED['budget line']} عن التحالف",
            title_en=f"Plan {PLANNED['budget line']} about the coalition",
            notes=f"ملاحظة {PLANNED['budget notes']}",
            slot_at=now - timedelta(hours=1),
            event=event,
        )


def _surfaces(newsroom):
    live = newsroom["live"]
    local = timezone.localtime(live.first_published_at)
    day = f"{local.year}/{local.month}/{local.day}"
    paths = []
    for language in ("ar", "en"):
        paths += [
            f"/{language}/",
            f"/{language}/news/{live.pk}/{live.slug}/",  # its related list
            f"/{language}/section/politics/",
            f"/{language}/tag/iraq/",
            f"/{language}/author/sara/",
            f"/{language}/archive/{local.year}/",
            f"/{language}/archive/{day}/",
            f"/{language}/feeds/rss/",
            f"/{language}/feeds/atom/",
            f"/{language}/section/politics/rss/",
            f"/{language}/section/politics/atom/",
            *(f"/{language}/search/?q={mark}" for mark in HIDDEN.values()),
            *(f"/{language}/search/?q={mark}" for mark in PLANNED.values()),
            *(f"/{language}/search/?q={mark}" for mark in CONVERSATION.values()),
            f"/{language}/search/?q=" + ("التحالف" if language == "ar" else "coalition"),
        ]
    return [*paths, "/sitemap.xml", "/sitemap-stories-ar.xml", "/sitemap-stories-en.xml", "/sitemap-news.xml"]


SURFACES = [
    "home",
    "story (related)",
    "section",
    "tag",
    "author",
    "archive (year)",
    "archive (day)",
    "RSS",
    "Atom",
    "section RSS",
    "section Atom",
    *(f"search {state}" for state in HIDDEN),
    *(f"search {kind}" for kind in PLANNED),
    *(f"search {kind}" for kind in CONVERSATION),
    "search shared word",
]
NAMES = [f"{language} {name}" for language in ("ar", "en") for name in SURFACES] + [
    "sitemap index",
    "sitemap stories",
    "news sitemap",
]


@pytest.mark.parametrize("index", range(len(NAMES)), ids=NAMES)
def test_hidden_stories_appear_on_no_public_surface(client, newsroom, index):
    path = _surfaces(newsroom)[index]
    response = client.get(path)
    assert response.status_code == 200, path
    body = response.content.decode()
    if "/search/?q=" in path:
        # The search page repeats what was typed; only its results count.
        body = body.replace(path.split("?q=")[1], "")
    for state, mark in HIDDEN.items():
        assert mark not in body, f"{state} story leaked on {path}"
    for kind, mark in PLANNED.items():
        assert mark not in body, f"a {kind} leaked on {path}"
    for kind, mark in CONVERSATION.items():
        assert mark not in body, f"a {kind} leaked on {path}"
    for state, article in newsroom["hidden"].items():
        assert f"/news/{article.pk}/" not in body, f"{state} story linked from {path}"


def test_the_surfaces_do_show_live_stories(client, newsroom):
    """The check above means something: the same surfaces list the live stories."""
    live, still_live = newsroom["live"], newsroom["still_live"]
    for path in _surfaces(newsroom):
        if "search/?q=z" in path or f"/news/{live.pk}/" in path or path == "/sitemap.xml":
            continue  # (the sitemap index lists sitemap pages, not stories)
        body = client.get(path).content.decode()
        assert f"/news/{live.pk}/" in body or f"/news/{still_live.pk}/" in body, path


def test_hidden_story_addresses_are_not_pages(client, newsroom):
    for state, article in newsroom["hidden"].items():
        for language in ("ar", "en"):
            status = client.get(f"/{language}/news/{article.pk}/{article.slug or '-'}/").status_code
            assert status == (410 if state == "unpublished" else 404), state


def test_pending_revision_leaves_the_live_text_on_the_story_page(client, newsroom):
    still_live = newsroom["still_live"]
    body = client.get(f"/ar/news/{still_live.pk}/{still_live.slug}/").content.decode()
    assert "خبر حي قبل التعديل" in body
    assert HIDDEN["pending"] not in body


# --- Pictures of stories that are not live ------------------------------------------------


def test_a_hidden_storys_picture_has_no_rendition_at_an_address_made_from_its_upload_name(client):
    """An embargoed story's picture: its renditions exist (made after upload) but cannot be guessed."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from articles.models import Rendition
    from articles.services.media import renditions_ensure
    from tests.factories import ImageFactory, image_bytes

    picture = ImageFactory(file=ContentFile(image_bytes(size=(900, 600)), name="minister-resigns.jpg"))
    embargoed = scheduled(lead_image=picture, **_content("zembargomark"))
    live = published(headline_ar="خبر منشور", headline_en="A live story")
    renditions_ensure(image=picture)
    renditions = list(Rendition.objects.filter(image=picture))
    assert renditions  # made ahead, ready for the moment the story goes live
    stem = picture.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    folder = renditions[0].file.name.rsplit("/", 1)[0]
    for rendition in renditions:
        name = rendition.file.name.rsplit("/", 1)[-1]
        assert "minister" not in name and stem not in name
        assert len(name.split("-", 1)[0]) == 32  # 128 random bits, in hex
    for suffix in ("-480w.jpg", "-480w.webp", "-800w.jpg", "-16x9-1200w.jpg", "-1x1-900w.jpg"):
        assert not default_storage.exists(f"{folder}/{stem}{suffix}")
    for language in ("ar", "en"):
        for path in (f"/{language}/", f"/{language}/news/{live.pk}/{live.slug}/", f"/{language}/section/politics/"):
            body = client.get(path).content.decode()
            assert not any(rendition.file.name in body for rendition in renditions), path
    assert embargoed.status == "scheduled"


def test_renditions_with_guessable_names_are_made_again_under_random_ones(client, django_capture_on_commit_callbacks):
    """Renditions made before names were random: the unpublished picture's are renamed, the live one's kept."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    from articles.models import Rendition
    from articles.services import media
    from tests.factories import ImageFactory, image_bytes

    hidden_picture = ImageFactory(file=ContentFile(image_bytes(size=(500, 300)), name="leak.jpg"))
    live_picture = ImageFactory(file=ContentFile(image_bytes(size=(500, 300)), name="public.jpg"))
    stems = {}
    for picture in (hidden_picture, live_picture):
        stems[picture.pk] = picture.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        with mock.patch.object(media, "unguessable_stem", lambda stem=stems[picture.pk]: stem):
            media.renditions_ensure(image=picture)  # the old way: named after the upload
    draft(lead_image=hidden_picture, **_content("zoldnamemark"))
    published(lead_image=live_picture)
    old_hidden = [r.file.name for r in Rendition.objects.filter(image=hidden_picture)]
    old_live = sorted(r.file.name for r in Rendition.objects.filter(image=live_picture))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("make_renditions", "--rename-unpublished", stdout=io.StringIO())

    new_hidden = [r.file.name for r in Rendition.objects.filter(image=hidden_picture)]
    assert len(new_hidden) == len(old_hidden)
    assert not any(stems[hidden_picture.pk] in name for name in new_hidden)
    assert not any(default_storage.exists(name) for name in old_hidden)
    assert sorted(r.file.name for r in Rendition.objects.filter(image=live_picture)) == old_live
