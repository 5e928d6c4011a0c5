"""What webhooks listen to: ``articles.signals.story_changed``, inside the change's transaction.

Only writes the outbox; delivering is the task worker's job after commit.
"""

from django.conf import settings

from api.ninjs import story_ninjs, withdrawn_ninjs
from api.representation import SiteAddress, live_view, story_data
from api.selectors import live_story
from articles import editions

from .models import Subscription
from .services import event_record


def on_story_changed(sender, *, article_id: int, event: str, **kwargs) -> None:
    event_type = f"story.{event}"
    subscriptions = [sub for sub in Subscription.objects.filter(active=True) if sub.wants(event_type)]
    if not subscriptions:
        return
    event_record(
        event_type=event_type, article_id=article_id, data=event_data(article_id, event), subscriptions=subscriptions
    )


def event_data(article_id: int, event: str) -> dict:
    """What a partner is sent: the story as the API prints it and as ninjs, or only its withdrawal."""
    article = live_story(article_id)
    if event == "unpublished" or article is None:
        return {
            "story_id": article_id,
            "story": None,
            "ninjs": [withdrawn_ninjs(article_id, code, "withdrawn") for code in editions.languages()],
        }
    view = live_view(article)
    story = story_data(view, SiteAddress(settings.NEWSROOM_SITE_URL))
    return {
        "story_id": article_id,
        "story": story,
        "ninjs": [story_ninjs(story, code) for code in view.languages()],
    }
