"""Every read of the notification centre: followers, unread counts, a person's list and choices."""

from django.db import connection
from django.db.models import QuerySet

from articles.models import Article, RevisionAuthor

from .models import Channel, Event, Follower, Notification, Preference, Profile


def followers_of(article: Article) -> set[int]:
    """Who hears of a story: its creator and the byline's staff, everyone who followed it, less those who stopped."""
    people = {article.created_by_id}
    if article.latest_revision_id:
        people |= set(
            RevisionAuthor.objects.filter(
                revision_id=article.latest_revision_id, author__user__isnull=False
            ).values_list("author__user_id", flat=True)
        )
    rows = dict(Follower.objects.filter(article=article).values_list("user_id", "following"))
    people |= {user_id for user_id, following in rows.items() if following}
    return people - {user_id for user_id, following in rows.items() if not following}


def is_following(article: Article, user) -> bool:
    return user.pk in followers_of(article)


def preferences(user_ids) -> dict[tuple[int, str, str], bool]:
    """Each person's explicit choices, by (person, event, channel)."""
    rows = Preference.objects.filter(user_id__in=user_ids).values_list("user_id", "event", "channel", "enabled")
    return {(user_id, event, channel): enabled for user_id, event, channel, enabled in rows}


def preferences_of(user) -> dict[tuple[str, str], bool]:
    """Every (event, channel) with the person's choice, on where they made none."""
    chosen = preferences([user.pk])
    return {
        (event, channel): chosen.get((user.pk, event, channel), True)
        for event in Event.values
        for channel in Channel.values
    }


def profile_of(user) -> Profile:
    """The person's settings, unsaved defaults when they never chose."""
    return Profile.objects.filter(user=user).first() or Profile(user=user)


_UNREAD_SQL: dict[str, str] = {}


def _unread_sql() -> str:
    """The unread count's query for this database, written once from the model's table.

    Asked with every heartbeat of every open story form (the bell rides on
    it): building the count with the ORM cost more than the rest of the
    heartbeat's reads. The channel is written in, so the partial index
    (desk, unread) serves any plan PostgreSQL keeps for it.
    """
    found = _UNREAD_SQL.get(connection.vendor)
    if found is None:
        quote, column = connection.ops.quote_name, lambda name: quote(Notification._meta.get_field(name).column)
        desk = Channel.DESK.value  # a word of the model's own choices, written in as a literal
        found = _UNREAD_SQL[connection.vendor] = (
            f"SELECT COUNT(*) FROM {quote(Notification._meta.db_table)}"
            f" WHERE {column('recipient')} = %s AND {column('channel')} = '{desk}' AND {column('read_at')} IS NULL"
        )
    return found


def unread_count_sql(user) -> tuple[str, list]:
    """``unread_count`` as a SQL expression of one value and its parameters, for another query to read with its own."""
    return f"({_unread_sql()})", [user.pk]


def unread_count(user) -> int:
    """How many desk notifications the person has not read (one query on a partial index)."""
    with connection.cursor() as cursor:
        cursor.execute(_unread_sql(), [user.pk])
        return cursor.fetchone()[0]


def desk_notifications(user) -> QuerySet[Notification]:
    """The person's desk notifications, newest first."""
    return Notification.objects.filter(recipient=user, channel=Channel.DESK).order_by("-created_at", "-pk")
