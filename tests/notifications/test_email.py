"""E-mails through Django's locmem backend, in the person's language and direction."""

import pytest
from django.core import mail

from comments import services as comments
from notifications import services
from tests.factories import draft

pytestmark = pytest.mark.django_db


def sent_to(user):
    [message] = [message for message in mail.outbox if message.to == [user.email]]
    html = (
        message.alternatives[0][0]
        if hasattr(message.alternatives[0], "__getitem__")
        else message.alternatives[0].content
    )
    return message, html


def test_an_arabic_email_reads_right_to_left_in_arabic(editor, moderator):
    services.profile_update(user=editor, language="ar")
    article = draft(editor)
    comments.comment_create(article=article, user=moderator, body="@editor هل نذكر الموعد؟")
    services.outbox_deliver()
    message, html = sent_to(editor)
    assert '<html lang="ar" dir="rtl">' in html
    assert "ذكرك" in message.subject and "الخبر" in message.subject
    assert "هل نذكر الموعد؟" in message.body and "هل نذكر الموعد؟" in html
    assert f"/admin/articles/article/{article.pk}/change/#comment-thread-" in html


def test_an_english_email_reads_left_to_right_in_english(editor, moderator):
    services.profile_update(user=editor, language="en")
    article = draft(editor)
    comments.comment_create(article=article, user=moderator, body="@editor check the date")
    services.outbox_deliver()
    message, html = sent_to(editor)
    assert '<html lang="en" dir="ltr">' in html
    assert message.subject.startswith("Al-Khabar: moderator mentioned you on")
    assert "Iraq and US discuss coalition withdrawal" in message.subject, "the English headline in an English e-mail"


def test_without_a_choice_emails_are_in_arabic_the_newsrooms_language(editor, moderator):
    article = draft(editor)
    comments.comment_create(article=article, user=moderator, body="@editor")
    services.outbox_deliver()
    _message, html = sent_to(editor)
    assert 'dir="rtl"' in html


def test_people_without_an_address_get_no_email(editor, moderator):
    editor.email = ""
    editor.save()
    article = draft(editor)
    comments.comment_create(article=article, user=moderator, body="@editor")
    services.outbox_deliver()
    assert mail.outbox == []
