"""The site's front door: Arabic by default, English at /en/."""

import pytest
from django.test import override_settings

from tests.factories import published

pytestmark = pytest.mark.django_db


def test_root_leads_to_the_arabic_home_page(client):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/ar/"
    assert response.status_code == 200
    assert b'<html lang="ar" dir="rtl">' in response.content


def test_root_follows_the_readers_language_when_they_ask_for_english(client):
    response = client.get("/", headers={"accept-language": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_english_edition_is_left_to_right(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert b'<html lang="en" dir="ltr">' in response.content


def test_arabic_home_links_a_live_story(client):
    article = published()
    response = client.get("/ar/")
    assert article.get_absolute_url().encode() in response.content
    assert article.headline_ar.encode() in response.content


@override_settings(LANGUAGE_CODE="ar")
def test_admin_is_served_in_the_editors_language(client, editor):
    client.force_login(editor)
    arabic = client.get("/admin/", headers={"accept-language": "ar"})
    english = client.get("/admin/", headers={"accept-language": "en"})
    assert b'lang="ar" dir="rtl"' in arabic.content
    assert b'lang="en" dir="ltr"' in english.content
