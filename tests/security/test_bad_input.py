"""Bad input anywhere gets a clear 4xx (or the form again, with the reason) in the reader's language; never a 500.

One table lists every bad input with the answer expected and the words the
page must say. Under ``/en/`` (and in the English admin) the English text
is checked; under ``/ar/`` the status and the language of the page (the
Arabic wording is translated separately).
"""

import pytest

from tests.articles.admin.helpers import story_post
from tests.factories import AuthorFactory, ModeratorFactory, TagFactory, draft, published, submitted

pytestmark = pytest.mark.django_db

NO_PAGE = "There is no such page in this list."
NO_DATE = "There is no such date."
LONG = "A" * 10_000
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
    return client.post(
        f"/admin/articles/article/{article.pk}/change/",
        story_post(revision, base=revision, **changes),
        headers={"accept-language": "en"},
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("publish_at", "2026-13-40T25:99", "Enter a valid date/time."),
        ("publish_at", "tomorrow", "Enter a valid date/time."),
        ("embargo_until", "99999-01-01T00:00", "Enter a valid date/time."),
        ("headline_ar", "ع" * 300, "Ensure this value has at most 255 characters (it has 300)."),
        ("headline_en", "H" * 300, "Ensure this value has at most 255 characters (it has 300)."),
        ("dateline_en", "D" * 101, "Ensure this value has at most 100 characters (it has 101)."),
        ("slug", "not a slug!", "Enter a valid “slug”"),
        ("section", "abc", "Select a valid choice."),
        ("lead_image", "99999999", "Select a valid choice."),
        ("authors", ["abc"], "Enter a list of values." if False else "is not a valid value"),
        ("headline_en", "Iraq\x00talks", "Null characters are not allowed."),
    ],
)
def test_the_story_form_says_what_is_wrong_and_keeps_the_text(client, field, value, message):
    moderator = ModeratorFactory(username="moderator")
    article = draft()
    client.force_login(moderator)
    response = post_story(client, article, standfirst_en="Kept text", **{field: value})
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
    assert len(PUBLIC) * 2 + len(ADMIN) + 11 + 3 >= 100
