"""Bad input anywhere gets a clear 4xx (or the form again, with the reason) in the reader's language; never a 500.

One table lists every bad input with the answer expected and the words the
page must say. Under ``/en/`` (and in the English admin) the English text
is checked; under ``/ar/`` the status and the language of the page (the
Arabic wording is translated separately).
"""

import pytest

from tests.articles.admin.helpers import story_post
from tests.factories import AuthorFactory, ModeratorFactory, TagFactory, draft, edit, published, submitted

pytestmark = pytest.mark.django_db

NO_PAGE = "There is no such page in this list."
NO_DATE = "There is no such date."
LONG = "A" * 10_000
MANY = "&".join(f"f{number}=1" for number in range(3000))
DIACRITICS = "ًٌٍَُِّْ"

# (address, status, English words on the page). ``{story}``, ``{slug}``
# and ``{tag}`` are filled in with a live story's id and slug and a tag.
PUBLIC = [
    ("archive/2026/13/40/", 404, NO_DATE),
    ("archive/2026/13/", 404, NO_DATE),
    ("archive/2026/2/30/", 404, NO_DATE),
    ("archive/2026/0/", 404, NO_DATE),
    ("archive/2026/1/0/", 404, NO_DATE),
    ("archive/0/", 404, NO_DATE),
    ("archive/99999/", 404, NO_DATE),
    ("archive/9999/12/", 200, "There are no stories here yet."),
    ("archive/9999/12/31/", 200, "There are no stories here yet."),
    ("archive/1/", 200, "There are no stories here yet."),
    ("archive/1/1/1/", 200, "There are no stories here yet."),
    ("archive/2026/99999999999999999999/", 404, NO_DATE),
    ("section/no-such-section/", 404, "There is no section at this address."),
    ("tag/no-such-tag/", 404, "There is no tag at this address."),
    ("tag/%00/", 400, "The address or the form contains a character that is not allowed."),
    ("author/no-such-author/", 404, "There is no author at this address."),
    ("news/999999/no-such-story/", 404, "There is no story at this address."),
    ("news/99999999999999999999/x/", 404, "There is no story at this address."),
    ("section/no-such-section/rss/", 404, "There is no section at this address."),
    ("section/no-such-section/atom/", 404, "There is no section at this address."),
    ("section/politics/?page=abc", 404, NO_PAGE),
    ("section/politics/?page=-1", 404, NO_PAGE),
    ("section/politics/?page=0", 404, NO_PAGE),
    ("section/politics/?page=1.5", 404, NO_PAGE),
    ("section/politics/?page=999999", 404, NO_PAGE),
    ("section/politics/?page=99999999999999999999999", 404, NO_PAGE),
    ("tag/{tag}/?page=abc", 404, NO_PAGE),
    ("archive/2026/?page=-1", 404, NO_PAGE),
    ("search/?q=Iraq&page=abc", 404, NO_PAGE),
    ("search/?q=Iraq&page=999999", 404, NO_PAGE),
    (f"search/?q={LONG}", 200, "Your search was long, so only its beginning was used."),
    ("search/?q=%27%20OR%201%3D1%3B%20--", 200, "No stories found for “' OR 1=1; --”."),
    ("search/?q=%22%3B%20DROP%20TABLE%20articles_article%3B%20--", 200, "No stories found for"),
    ("search/?q=a%27)%20%7C%20!(b%20%26%20c", 200, ""),  # tsquery syntax is never parsed
    (f"search/?q={DIACRITICS}", 200, "There were no words to look for in your search."),
    ("search/?q=%00", 400, "The address or the form contains a character that is not allowed."),
    ("search/?q=Iraq%00Iraq", 400, "The address or the form contains a character that is not allowed."),
    ("search/?q=%ED%A0%80", 200, "There were no words to look for"),  # an unpaired surrogate, UTF-8 encoded
    ("search/?q=%FF%FE", 200, "There were no words to look for"),  # not UTF-8 at all
    ("search/?q=%E2%80%AE", 200, "Type a word or two to find stories."),  # a bidi control only
    ("search/?q=Iraq&q=Cairo", 200, "story found"),
    (f"search/?q=Iraq&{MANY}", 400, "The address or the form has more parameters than any page reads (at most 1000)."),
    (f"?{MANY}", 400, "The address or the form has more parameters than any page reads"),
    (f"news/{{story}}/{{slug}}/?{MANY}", 400, "more parameters than any page reads"),
    ("news/{story}/{slug}/?page=abc", 200, ""),  # ignored where there is no list
]


@pytest.fixture
def place():
    article = published(headline_en="Talks in Baghdad")
    return {"story": article.pk, "slug": article.slug, "tag": TagFactory(slug="baghdad").slug}


@pytest.mark.parametrize(("address", "status", "words"), PUBLIC)
def test_public_bad_input_in_english(client, place, address, status, words):
    response = client.get("/en/" + address.format(**place))
    assert response.status_code == status
    page = response.content.decode()
    assert '<html lang="en" dir="ltr">' in page
    assert words in page.replace("&#x27;", "'").replace("&quot;", '"')


@pytest.mark.parametrize(("address", "status", "words"), PUBLIC)
def test_public_bad_input_in_arabic(client, place, address, status, words):
    response = client.get("/ar/" + address.format(**place))
    assert response.status_code == status
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    if status == 404:
        assert 'class="error-page__reason"' in page  # the reason, in the page's language
    if status == 400:
        assert 'class="error-page"' in page


# --- The desk ------------------------------------------------------------------------

ADMIN = [
    ("/admin/articles/article/?o=999", 200, ""),
    ("/admin/articles/article/?o=abc.-", 200, ""),
    ("/admin/articles/article/?status__exact=%3Cscript%3E", 200, "0 stories"),
    ("/admin/articles/article/?section=abc", 200, "0 stories"),
    ("/admin/articles/article/?author=%3Cscript%3E", 200, "0 stories"),
    ("/admin/articles/article/?section=99999999999999999999999", 200, "0 stories"),
    ("/admin/articles/article/?english=maybe", 200, ""),
    ("/admin/articles/article/?p=abc", 200, ""),
    ("/admin/articles/article/?q=" + "A" * 10_000, 200, "0 stories"),
    ("/admin/articles/article/?q=%27%20OR%201%3D1%3B%20--", 200, "0 stories"),
    ("/admin/articles/article/?q=%00", 400, "The address or the form contains a character that is not allowed."),
    ("/admin/articles/article/review/?section=abc", 200, "Review queue"),
    ("/admin/articles/article/review/?english=%3Cscript%3E&updated=x", 200, "Review queue"),
    ("/admin/articles/article/abc/change/", 302, ""),  # Django's own: back to the desk, saying why
    ("/admin/articles/article/abc/history/", 404, "There is no story with the ID “abc”."),
    ("/admin/articles/article/abc/compare/", 404, "There is no story with the ID “abc”."),
    ("/admin/articles/article/99999999999999999999/history/", 404, "There is no story with the ID"),
    ("/admin/articles/article/{story}/revision/99/", 404, "This story has no revision 99."),
    ("/admin/articles/article/{story}/revision/99999999999999999999/preview/", 404, "This story has no revision"),
    ("/admin/articles/article/{story}/compare/?old=abc&new=-5&view=%3Cb%3E", 200, "Compare revisions"),
    ("/admin/articles/article/{story}/change/?from_revision=abc", 200, ""),
    ("/admin/articles/article/{story}/change/?from_revision=99999999999999999999", 200, ""),
    ("/admin/articles/image/original/..%2F..%2Fetc%2Fpasswd", 404, ""),
    ("/admin/articles/image/original/images/2026/01/none.jpg", 404, "There is no such picture."),
]


@pytest.mark.parametrize(("address", "status", "words"), ADMIN)
def test_desk_bad_input(client, address, status, words):
    moderator = ModeratorFactory(username="moderator")
    article = draft(authors=[AuthorFactory()])  # so the author filter is offered
    client.force_login(moderator)
    response = client.get(address.format(story=article.pk), headers={"accept-language": "en"})
    assert response.status_code == status
    assert words in response.content.decode()


def post_story(client, article, **changes):
    revision = article.latest_revision
    base = changes.pop("base_revision", None)
    data = story_post(revision, base=revision, **changes)
    if base is not None:
        data["base_revision"] = base
    return client.post(f"/admin/articles/article/{article.pk}/change/", data, headers={"accept-language": "en"})


HUGE_ID = "99999999999999999999"  # past the bigint range: no row can have it
NOT_A_CHOICE = "Select a valid choice."
NO_TIME = "Enter a valid date/time."
OUT_OF_RANGE = "Enter a time between the years 1900 and 2999."

# Every field of the story form, with its own bad values: (field, value, the
# form's message for that field). ``test_every_story_field_has_bad_values``
# keeps the list whole as fields are added.
STORY_FORM = [
    ("publish_at", "2026-13-40T25:99", NO_TIME),
    ("publish_at", "tomorrow", NO_TIME),
    ("publish_at", "0001-01-01T00:00", OUT_OF_RANGE),
    ("publish_at", "1899-12-31T23:59", OUT_OF_RANGE),
    ("publish_at", "9999-12-31T23:59", OUT_OF_RANGE),
    ("publish_at", "99999-01-01T00:00", NO_TIME),
    ("embargo_until", "99999-01-01T00:00", NO_TIME),
    ("embargo_until", "0001-01-01T00:00", OUT_OF_RANGE),
    ("embargo_until", "9999-12-31T23:59", OUT_OF_RANGE),
    ("embargo_until", "2026-02-30T10:00", NO_TIME),
    ("headline_ar", "ع" * 300, "Ensure this value has at most 255 characters (it has 300)."),
    ("headline_ar", "عنوان\x00", "Null characters are not allowed."),
    ("headline_en", "H" * 300, "Ensure this value has at most 255 characters (it has 300)."),
    ("headline_en", "Iraq\x00talks", "Null characters are not allowed."),
    ("standfirst_ar", "موجز\x00", "Null characters are not allowed."),
    ("standfirst_en", "Summary\x00", "Null characters are not allowed."),
    ("body_ar", "<p>نص\x00</p>", "Null characters are not allowed."),
    ("body_en", "<p>Body\x00</p>", "Null characters are not allowed."),
    ("dateline_ar", "ب" * 101, "Ensure this value has at most 100 characters (it has 101)."),
    ("dateline_en", "D" * 101, "Ensure this value has at most 100 characters (it has 101)."),
    ("dateline_en", "Cairo\x00", "Null characters are not allowed."),
    ("slug", "not a slug!", "Enter a valid “slug”"),
    ("slug", "s" * 201, "Ensure this value has at most 200 characters (it has 201)."),
    ("section", "abc", NOT_A_CHOICE),
    ("section", HUGE_ID, NOT_A_CHOICE),
    ("section", "-1", NOT_A_CHOICE),
    ("lead_image", "99999999", NOT_A_CHOICE),
    ("lead_image", HUGE_ID, NOT_A_CHOICE),
    ("lead_image", "-5", NOT_A_CHOICE),
    ("lead_image", "1e3", NOT_A_CHOICE),
    ("authors", ["abc"], "is not a valid value"),
    ("authors", [HUGE_ID], NOT_A_CHOICE),
    ("authors", ["99999999"], NOT_A_CHOICE),
    ("tags", ["abc"], "is not a valid value"),
    ("tags", [HUGE_ID], NOT_A_CHOICE),
    ("tags", ["-1"], NOT_A_CHOICE),
    ("note", "N" * 501, "Ensure this value has at most 500 characters (it has 501)."),
    ("note", "note\x00", "Null characters are not allowed."),
    ("base_revision", HUGE_ID, NOT_A_CHOICE),
    ("base_revision", "abc", NOT_A_CHOICE),
    ("english_reviewed", "\x00", ""),  # a checkbox: any value ticks it, and the save goes on
]
# Fields whose every value is some answer: a ticked or empty checkbox.
ANY_VALUE_FIELDS = {"english_reviewed"}


def test_every_story_field_has_bad_values():
    from articles.admin.forms import StoryForm

    assert {field for field, _value, _message in STORY_FORM} == set(StoryForm.base_fields)


@pytest.mark.parametrize(
    ("field", "value", "message"), [case for case in STORY_FORM if case[0] not in ANY_VALUE_FIELDS]
)
def test_the_story_form_says_what_is_wrong_and_keeps_the_text(client, field, value, message):
    moderator = ModeratorFactory(username="moderator")
    article = draft()
    client.force_login(moderator)
    kept = "standfirst_ar" if field == "standfirst_en" else "standfirst_en"
    response = post_story(client, article, **{kept: "Kept text", field: value})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(str(error) for error in errors.get(field, [])), errors
    assert "Kept text" in response.content.decode()
    if field.startswith("headline"):
        assert value in response.content.decode()  # the 300 characters are still there to shorten
    article.refresh_from_db()
    assert article.revisions.count() == 1


def test_a_schedule_with_a_bad_time_is_refused_with_the_reason(client):
    moderator = ModeratorFactory(username="moderator")
    article = submitted()
    client.force_login(moderator)
    for value in ("2026-13-40T25:99", "", "tomorrow"):
        response = client.post(
            f"/admin/articles/article/{article.pk}/move/schedule/",
            {"schedule-revision": article.review_revision_id, "schedule-publish_at": value},
            headers={"accept-language": "en"},
            follow=True,
        )
        shown = [str(m) for m in response.context["messages"]]
        assert response.status_code == 200 and shown, value
        assert any("valid date/time" in m or "required" in m for m in shown), shown
        article.refresh_from_db()
        assert article.status == "in_review"


def test_the_number_of_bad_inputs():
    # Public addresses in two languages, desk addresses, story-form fields, schedule times.
    assert len(PUBLIC) * 2 + len(ADMIN) + len(STORY_FORM) + 3 >= 100


# --- The workflow's forms: each move's every field ----------------------------------

PAST_NOW = "That publish time has already passed"
# (move, the story's state before, field, value, words in the message shown).
MOVE_FORMS = [
    ("schedule", "submitted", "publish_at", "0001-01-01T00:00", OUT_OF_RANGE),
    ("schedule", "submitted", "publish_at", "9999-12-31T23:59", OUT_OF_RANGE),
    ("schedule", "submitted", "publish_at", "99999-01-01T00:00", NO_TIME),
    ("schedule", "submitted", "publish_at", "2020-01-01T09:30", PAST_NOW),
    ("schedule", "submitted", "publish_at", "", "This field is required."),
    ("schedule", "submitted", "revision", HUGE_ID, NOT_A_CHOICE),
    ("schedule", "submitted", "revision", "abc", NOT_A_CHOICE),
    ("schedule", "submitted", "comment", "C" * 2001, "Ensure this value has at most 2000 characters (it has 2001)."),
    ("publish", "submitted", "revision", HUGE_ID, NOT_A_CHOICE),
    ("publish", "submitted", "revision", "-1", NOT_A_CHOICE),
    ("publish", "submitted", "comment", "ok\x00", "Null characters are not allowed."),
    ("submit", "draft", "revision", HUGE_ID, NOT_A_CHOICE),
    ("submit", "draft", "comment", "C" * 2001, "Ensure this value has at most 2000 characters (it has 2001)."),
    ("request_changes", "submitted", "comment", "", "This field is required."),
    ("request_changes", "submitted", "comment", "   ", "This field is required."),
    ("request_changes", "submitted", "comment", "C" * 2001, "Ensure this value has at most 2000 characters"),
    ("withdraw", "submitted", "comment", "x\x00", "Null characters are not allowed."),
    ("unpublish", "published", "comment", "", "This field is required."),
    ("unpublish", "published", "comment", "C" * 2001, "Ensure this value has at most 2000 characters"),
    ("trash", "draft", "comment", "x\x00", "Null characters are not allowed."),
    ("correct", "published", "kind", "nonsense", NOT_A_CHOICE),
    ("correct", "published", "kind", "", "This field is required."),
    ("correct", "published", "text_ar", "", "This field is required."),
    ("correct", "published", "text_ar", "تصحيح\x00", "Null characters are not allowed."),
    ("correct", "published", "text_en", "Fix\x00", "Null characters are not allowed."),
]


@pytest.mark.parametrize(("action", "state", "field", "value", "words"), MOVE_FORMS)
def test_a_move_with_a_bad_value_is_refused_with_the_reason(client, action, state, field, value, words):
    from tests.factories import EditorFactory

    article = {"draft": draft, "submitted": submitted, "published": published}[state](EditorFactory())
    before = (article.status, article.live_revision_id, article.transitions.count())
    revision = article.review_revision or article.latest_revision
    data = {
        f"{action}-revision": revision.pk,
        f"{action}-comment": "a note",
        f"{action}-publish_at": "2099-01-01T10:00",
        f"{action}-kind": "correction",
        f"{action}-text_ar": "نص التصحيح",
        f"{action}-{field}": value,
    }
    client.force_login(ModeratorFactory(username="moderator"))
    response = client.post(
        f"/admin/articles/article/{article.pk}/move/{action}/", data, headers={"accept-language": "en"}, follow=True
    )
    assert response.status_code == 200
    shown = " ".join(str(message) for message in response.context["messages"])
    assert words in shown, shown
    article.refresh_from_db()
    assert (article.status, article.live_revision_id, article.transitions.count()) == before
    assert not article.corrections.exists()


def test_every_field_of_every_move_form_has_bad_values():
    from articles.admin.moves import MOVE_KINDS

    fields = {(kind.form_class, name) for kind in MOVE_KINDS.values() for name in kind.form_class(article=None).fields}
    covered = set()
    for action, _state, field, _value, _words in MOVE_FORMS:
        covered.add((MOVE_KINDS[action].form_class, field))
    assert fields <= covered, fields - covered


@pytest.mark.parametrize(("value", "words"), [("N" * 501, "at most 500 characters"), ("x\x00", "Null characters")])
def test_a_restore_with_a_bad_note_is_refused_with_the_reason(client, value, words):
    article = draft()
    edit(article, ModeratorFactory(), headline_ar="عنوان ثان")
    client.force_login(ModeratorFactory(username="moderator"))
    response = client.post(
        f"/admin/articles/article/{article.pk}/revision/1/restore/",
        {"note": value},
        headers={"accept-language": "en"},
        follow=True,
    )
    assert response.status_code == 200
    assert words in " ".join(str(message) for message in response.context["messages"])
    assert article.revisions.count() == 2


# --- The library's forms: sections, tags, authors, pictures ---------------------------

TOO_LONG = "Ensure this value has at most"
NULL = "Null characters are not allowed."
# (model, field, value, words in the field's error). The other fields get
# good values, so the field named is the only reason for refusing.
LIBRARY_FORMS = [
    ("section", "name_ar", "ق" * 81, TOO_LONG),
    ("section", "name_ar", "", "This field is required."),
    ("section", "name_en", "S" * 81, TOO_LONG),
    ("section", "name_en", "x\x00", NULL),
    ("section", "slug", "not a slug!", "Enter a valid “slug”"),
    ("section", "slug", "s" * 81, TOO_LONG),
    ("section", "order", "99999999999999999999", "Ensure this value is less than or equal to"),
    ("section", "order", "-1", "Ensure this value is greater than or equal to 0."),
    ("section", "order", "abc", "Enter a whole number."),
    ("tag", "name_ar", "و" * 81, TOO_LONG),
    ("tag", "name_ar", "\x00", NULL),
    ("tag", "name_en", "T" * 81, TOO_LONG),
    ("tag", "slug", "s" * 101, TOO_LONG),
    ("tag", "slug", "a b", "Enter a valid “slug”"),
    ("author", "name_ar", "م" * 121, TOO_LONG),
    ("author", "name_en", "A" * 121, TOO_LONG),
    ("author", "slug", "!!", "Enter a valid “slug”"),
    ("author", "bio_ar", "سيرة\x00", NULL),
    ("author", "bio_en", "Bio\x00", NULL),
    ("author", "photo", HUGE_ID, NOT_A_CHOICE),
    ("author", "photo", "abc", NOT_A_CHOICE),
    ("author", "user", HUGE_ID, NOT_A_CHOICE),
    ("author", "user", "-3", NOT_A_CHOICE),
    ("image", "alt_ar", "ص" * 301, TOO_LONG),
    ("image", "alt_en", "x\x00", NULL),
    ("image", "caption_ar", "ت" * 501, TOO_LONG),
    ("image", "caption_en", "C" * 501, TOO_LONG),
    ("image", "credit_ar", "ر" * 201, TOO_LONG),
    ("image", "credit_en", "R" * 201, TOO_LONG),
    ("image", "focal_x", "2", "Ensure this value is less than or equal to 1."),
    ("image", "focal_x", "inf", "Enter a number."),
    ("image", "focal_y", "-0.5", "Ensure this value is greater than or equal to 0."),
    ("image", "focal_y", "nan", "Enter a number."),
]
GOOD = {
    "section": {"name_ar": "سياسة", "name_en": "Politics", "slug": "politics-2", "order": "3"},
    "tag": {"name_ar": "العراق", "name_en": "Iraq", "slug": "iraq-2"},
    "author": {"name_ar": "كاتب", "name_en": "Writer", "slug": "writer-2", "bio_ar": "", "bio_en": ""},
    "image": {
        "alt_ar": "صورة",
        "alt_en": "",
        "caption_ar": "تعليق الصورة",
        "caption_en": "",
        "credit_ar": "",
        "credit_en": "",
    },
}


def _library_change_url(model):
    from tests.factories import AuthorFactory as Author
    from tests.factories import ImageFactory, SectionFactory

    if model == "image":
        return f"/admin/articles/image/{ImageFactory().pk}/change/"
    if model == "author":
        return f"/admin/articles/author/{Author().pk}/change/"
    if model == "section":
        return f"/admin/articles/section/{SectionFactory().pk}/change/"
    return f"/admin/articles/tag/{TagFactory().pk}/change/"


@pytest.mark.parametrize(("model", "field", "value", "words"), LIBRARY_FORMS)
def test_the_library_forms_say_what_is_wrong_and_keep_the_rest(client, superuser, model, field, value, words):
    client.force_login(superuser)
    address = _library_change_url(model)
    data = {**GOOD[model], field: value, "_continue": "Save"}
    response = client.post(address, data, headers={"accept-language": "en"})
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert words in " ".join(str(error) for error in form.errors.get(field, [])), form.errors
    kept = next(name for name in GOOD[model] if name != field and GOOD[model][name])
    assert GOOD[model][kept] in response.content.decode()


def test_every_library_field_has_bad_values(rf, superuser):
    from django.contrib import admin

    from articles.models import Author, Image, Section, Tag

    request = rf.get("/")
    request.user = superuser
    covered = {(model, field) for model, field, _value, _words in LIBRARY_FORMS}
    for name, model in {"section": Section, "tag": Tag, "author": Author, "image": Image}.items():
        model_admin = admin.site._registry[model]
        obj = model(pk=1)
        form = model_admin.get_form(request, obj, change=True)
        editable = set(form.base_fields) - set(model_admin.get_readonly_fields(request, obj))
        assert {(name, field) for field in editable} <= covered, name


# --- After the extremes: the desk still opens the story --------------------------------


def test_a_story_holding_the_extreme_accepted_values_opens_on_every_desk_screen(client):
    from datetime import UTC, datetime

    from articles import services
    from tests.factories import EditorFactory, ImageFactory

    earliest, latest = datetime(1900, 1, 1, tzinfo=UTC), datetime(2999, 12, 31, 23, 59, tzinfo=UTC)
    extremes = {
        "headline_ar": "ع" * 110,
        "headline_en": "H" * 110,
        "dateline_ar": "ب" * 100,
        "dateline_en": "D" * 100,
        "standfirst_ar": "موجز " * 2000,
        "slug": "s" * 200,
        "publish_at": earliest,
        "embargo_until": latest,
        "lead_image": ImageFactory(alt_ar="ص" * 300, caption_ar="ت" * 500, credit_ar="ر" * 200),
    }
    editor = EditorFactory()
    story = submitted(editor, **extremes)
    live = published(editor, **{**extremes, "embargo_until": None})
    edit(live, editor, publish_at=latest, embargo_until=earliest)
    moderator = ModeratorFactory(username="moderator")
    services.revision_approve(article=story, revision=story.review_revision, user=moderator, publish_at=latest)
    client.force_login(moderator)
    for article in (story, live):
        article.refresh_from_db()
        number = article.latest_revision.number
        base = f"/admin/articles/article/{article.pk}"
        for address in (
            "/admin/",
            "/admin/articles/article/",
            "/admin/articles/article/review/",
            f"{base}/change/",
            f"{base}/history/",
            f"{base}/compare/",
            f"{base}/compare/?old=1&new={number}&view=inline",
            f"{base}/revision/{number}/",
            f"{base}/revision/{number}/preview/?language=ar",
            f"{base}/revision/{number}/preview/?language=en",
        ):
            response = client.get(address, headers={"accept-language": "ar"})
            assert response.status_code == 200, address
    assert client.get(live.get_absolute_url()).status_code == 200
