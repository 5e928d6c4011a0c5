"""The Arabic catalogue: complete, faithful to its placeholders, compiled, and in use.

Arabic is the site's default language, so a string left untranslated is a
string every editor and reader sees in English. These tests keep the
catalogue whole as the code changes: every marked string translated, no
fuzzy guesses, placeholders intact, the committed ``.mo`` compiled from the
committed ``.po``, and the pages and services actually speaking Arabic.
"""

import gettext as gnu_gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.utils import translation

from articles import services, workflow
from tests.factories import AuthorFactory, EditorFactory, TagFactory, published, submitted

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "ar" / "LC_MESSAGES"
PO = CATALOGUE / "django.po"
MO = CATALOGUE / "django.mo"

# %(name)s and the like, as Python's % operator reads them; "%%" is a literal.
PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]+)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")
# Latin names that Arabic keeps as they are.
SAME_IN_ARABIC = {"RSS", "Atom"}
ARABIC = re.compile(r"[\u0600-\u06FF]")  # letters, and Arabic punctuation such as "،"
# In Arabic's plural rule the first three forms each stand for exactly one
# number (0, 1, 2), which Arabic writes as words: "خبر واحد", "خبران".
# Those forms may leave the count out, as Django's own Arabic catalogue does;
# every other form must carry every placeholder.
SINGLE_NUMBER_FORMS = {0, 1, 2}


def placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text) if match.group(0) != "%%")


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(PO))


def entries(po):
    return [entry for entry in po if not entry.obsolete]


def label(entry) -> str:
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


# --- (a) the catalogue itself ------------------------------------------------------


def test_every_entry_is_translated_and_none_is_fuzzy(po):
    assert len(entries(po)) > 400
    assert not po.metadata_is_fuzzy
    assert [label(e) for e in po.untranslated_entries()] == []
    assert [label(e) for e in po.fuzzy_entries()] == []
    assert [label(e) for e in po.obsolete_entries()] == []
    for entry in entries(po):
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == 6, label(entry)
            assert all(form.strip() for form in entry.msgstr_plural.values()), label(entry)


def test_every_translation_is_arabic(po):
    """A msgstr that is the msgid again, or has no Arabic in it, was not translated."""
    for entry in entries(po):
        if entry.msgid in SAME_IN_ARABIC:
            continue
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for form in forms:
            assert form != entry.msgid, label(entry)
            assert ARABIC.search(form), label(entry)


def test_every_translation_keeps_the_placeholders(po):
    for entry in entries(po):
        if not entry.msgid_plural:
            assert placeholders(entry.msgstr) == placeholders(entry.msgid), label(entry)
            continue
        wanted = placeholders(entry.msgid_plural)
        assert placeholders(entry.msgid) == wanted, label(entry)
        for index, form in entry.msgstr_plural.items():
            found = placeholders(form)
            if int(index) in SINGLE_NUMBER_FORMS:
                assert set(found) <= set(wanted), f"{label(entry)} [{index}]"
            else:
                assert found == wanted, f"{label(entry)} [{index}]"


def test_the_plural_rule_is_djangos_own_for_arabic(po):
    django_arabic = Path(django.__file__).parent / "conf" / "locale" / "ar" / "LC_MESSAGES" / "django.po"
    assert po.metadata["Plural-Forms"] == polib.pofile(str(django_arabic)).metadata["Plural-Forms"]
    assert po.metadata["Language"] == "ar"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"


@pytest.mark.skipif(not shutil.which("xgettext") or not shutil.which("msgmerge"), reason="needs GNU gettext")
def test_every_marked_string_in_the_code_is_in_the_catalogue(po, tmp_path):
    """``makemessages`` on a copy of the code finds nothing the catalogue lacks."""
    root = Path(settings.BASE_DIR)
    # Every app of the project (any top-level package), its templates and the catalogue itself.
    apps = [path.name for path in root.iterdir() if (path / "apps.py").exists() or path.name == "newsroom"]
    for name in [*apps, "templates", "locale"]:
        shutil.copytree(root / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(root / "manage.py", tmp_path)
    without_pythonpath = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ar", "--no-obsolete", "-v", "0"],
        cwd=tmp_path,
        env={**without_pythonpath, "DJANGO_SETTINGS_MODULE": "newsroom.settings.test"},
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(tmp_path / "locale" / "ar" / "LC_MESSAGES" / "django.po"))
    assert sorted(label(e) for e in entries(fresh)) == sorted(label(e) for e in entries(po))
    assert [label(e) for e in fresh.untranslated_entries()] == []


# --- (b) the compiled catalogue ------------------------------------------------------


def test_the_committed_mo_is_compiled_from_the_committed_po(po):
    """Read the .mo as Django does (Python's gettext) and compare every message with the .po."""
    with MO.open("rb") as compiled:
        catalogue = dict(gnu_gettext.GNUTranslations(compiled)._catalog)
    catalogue.pop("", None)  # the header
    expected = {}
    for entry in entries(po):
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            for index, form in entry.msgstr_plural.items():
                expected[(key, int(index))] = form
        else:
            expected[key] = entry.msgstr
    assert catalogue == expected, "Run: manage.py compilemessages -l ar --ignore=.venv"


# --- (c) the site in Arabic ----------------------------------------------------------


def test_arabic_plural_forms_are_chosen_by_number():
    with translation.override("ar"):
        said = {
            n: translation.ngettext("%(counter)s story waits for review", "%(counter)s stories wait for review", n)
            % {"counter": n}
            for n in (1, 2, 3, 11, 100)
        }
    assert said == {
        1: "خبر واحد ينتظر المراجعة",
        2: "خبران ينتظران المراجعة",
        3: "3 أخبار تنتظر المراجعة",
        11: "11 خبرًا تنتظر المراجعة",
        100: "100 خبر تنتظر المراجعة",
    }


@pytest.mark.django_db
def test_the_arabic_story_page_is_labelled_in_arabic(client):
    iraq = TagFactory(slug="iraq", name_ar="العراق", name_en="Iraq")
    published(headline_ar="خبر آخر عن العراق", tags=[iraq])  # earlier coverage: the story's related list
    story = published(authors=[AuthorFactory(slug="sara", name_ar="سارة حسن", name_en="Sara Hassan")], tags=[iraq])
    page = client.get(f"/ar/news/{story.pk}/{story.slug}/").content.decode()
    assert "أخبار ذات صلة" in page and "Related stories" not in page
    assert 'class="story__date">نُشر في <a' in page and 'class="story__date">Published' not in page
    assert "بقلم" in page
    assert "انتقل إلى المحتوى" in page and "Skip to content" not in page
    english = client.get(f"/en/news/{story.pk}/{story.slug}/").content.decode()
    assert "Related stories" in english and 'class="story__date">Published <a' in english


@pytest.mark.django_db
def test_the_arabic_desk_has_arabic_headings(client, editor, moderator):
    submitted(editor)
    submitted(editor)
    client.force_login(moderator)
    page = client.get("/admin/", headers={"accept-language": "ar"}).content.decode()
    assert 'lang="ar"' in page
    for heading in ("مكتب التحرير", "قائمة المراجعة", "أُعيد إليّ", "مسوداتي", "أخباري قيد المراجعة", "نُشر مؤخرًا"):
        assert heading in page
    assert "خبران ينتظران المراجعة" in page
    for english in ("Editorial desk", "Returned to me", "My drafts", "Recently published", "wait for review"):
        assert english not in page


@pytest.mark.django_db
def test_a_refused_move_is_explained_in_arabic():
    editor = EditorFactory()
    article = submitted(editor)
    with translation.override("ar"), pytest.raises(workflow.MoveRefused) as refusal:
        services.revision_approve(article=article, revision=article.review_revision, user=editor)
    assert refusal.value.messages == ["لا يحق لك القيام بهذا: اعتماد ونشر."]


def test_a_state_refusal_names_the_move_and_state_in_arabic():
    ctx = workflow.MoveContext(state=workflow.State.PUBLISHED, has_perm=lambda perm: True)
    with translation.override("ar"), pytest.raises(workflow.MoveRefused) as refusal:
        workflow.check(workflow.Action.TRASH, ctx)
    assert refusal.value.messages == ["لا يمكن تنفيذ «نقل إلى سلة المهملات» على خبر في حالة «منشور»."]
