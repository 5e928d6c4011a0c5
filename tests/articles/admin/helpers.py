"""What the desk's tests share: the story form's POST data, messages, URLs."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

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


@dataclass
class OfferedMove:
    """One move as a page's action area draws it, read from the HTML."""

    action: str
    enabled: bool
    reasons: list[str] = field(default_factory=list)
    url: str = ""
    hidden: dict[str, str] = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)


class _ActionAreaReader(HTMLParser):
    VOID = {"input", "br", "img", "hr", "meta", "link"}

    def __init__(self):
        super().__init__()
        self.moves: dict[str, OfferedMove] = {}
        self.current: OfferedMove | None = None
        self.depth = 0
        self.in_reason = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.current is None:
            if "data-move" in attrs:
                self.current = OfferedMove(attrs["data-move"], enabled="data-blocked" not in attrs)
                self.moves[self.current.action] = self.current
                self.depth = 0
            else:
                return
        if tag not in self.VOID:
            self.depth += 1
        move = self.current
        if tag == "form":
            move.url = attrs.get("action", "")
        elif tag == "input" and attrs.get("type") == "hidden":
            move.hidden[attrs["name"]] = attrs.get("value", "")
        elif tag in ("input", "textarea", "select") and attrs.get("name"):
            move.inputs.append(attrs["name"])
        elif tag == "button" and "disabled" in attrs:
            move.enabled = False
        elif tag == "li":
            self.in_reason = True
            move.reasons.append("")

    def handle_endtag(self, tag):
        if self.current is None or tag in self.VOID:
            return
        if tag == "li":
            self.in_reason = False
        self.depth -= 1
        if self.depth == 0:
            self.current = None

    def handle_data(self, data):
        if self.current is not None and self.in_reason:
            self.current.reasons[-1] += data


def action_area(response) -> dict[str, OfferedMove]:
    """The moves ``response``'s page offers, by action: enabled ones with their form, blocked ones with reasons."""
    reader = _ActionAreaReader()
    reader.feed(response.content.decode())
    return reader.moves
