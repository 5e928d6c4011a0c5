"""What the desk's tests share: the story form's POST data, messages, URLs."""

from django.urls import reverse

from articles.models.content import content_names


def story_post(revision=None, *, base=None, authors=None, tags=None, note="", **changes) -> dict:
    """POST data for the story form: ``revision``'s content with ``changes``."""
    data = dict.fromkeys(content_names(), "")
    if revision is not None:
        for name in content_names():
            value = getattr(revision, f"{name}_id" if name in ("section", "lead_image") else name)
            data[name] = "" if value is None else value
        authors = [a.pk for a in revision.ordered_authors()] if authors is None else authors
        tags = [t.pk for t in revision.tags.all()] if tags is None else tags
    data.update(changes)
    data.update(
        authors=[getattr(a, "pk", a) for a in authors or []],
        tags=[getattr(t, "pk", t) for t in tags or []],
        note=note,
        base_revision="" if base is None else base.pk,
        _continue="Save",
    )
    return data


def messages_of(response) -> list[str]:
    """The messages shown on ``response`` (follow the redirect first)."""
    return [str(message) for message in response.context["messages"]] if response.context else []


def url(name: str, article=None, **kwargs) -> str:
    """``admin:articles_article_<name>`` for ``article``."""
    if article is not None:
        if name in ("change", "history", "delete"):
            return reverse(f"admin:articles_article_{name}", args=[article.pk])
        kwargs["object_id"] = article.pk
    return reverse(f"admin:articles_article_{name}", kwargs=kwargs)


def move_post(action: str, article, *, revision=None, comment="", **extra) -> dict:
    """POST data for a workflow move's form."""
    data = {f"{action}-comment": comment, **{f"{action}-{key}": value for key, value in extra.items()}}
    if revision is not None:
        data[f"{action}-revision"] = revision.pk
    return data
