"""A conversation on a live story, for the leak suites: every kind of comment, each carrying a mark.

The site's and the API's visibility tests write it on their live story and
check that no public surface shows any of the marks.
"""

CONVERSATION = {
    "story comment": "zcommentmark",
    "field comment": "zfieldmark",
    "phrase comment": "zphrasemark",
    "reply": "zreplymark",
    "resolved thread": "zresolvedmark",
}


def converse(article) -> None:
    from comments import services
    from tests.factories import EditorFactory, ModeratorFactory

    editor, moderator = EditorFactory(username="talker"), ModeratorFactory(username="talkchief")
    article.refresh_from_db()
    services.comment_create(article=article, user=editor, body=f"ملاحظة {CONVERSATION['story comment']} @talkchief")
    services.comment_create(article=article, user=editor, field="headline_en", body=CONVERSATION["field comment"])
    phrase = services.comment_create(
        article=article, user=moderator, field="body_ar", quote="التحالف", body=CONVERSATION["phrase comment"]
    )
    services.comment_reply(thread=phrase.thread, user=editor, body=CONVERSATION["reply"])
    done = services.comment_create(article=article, user=moderator, body=CONVERSATION["resolved thread"])
    services.thread_resolve(thread=done.thread, user=moderator)
