"""Where a commented phrase is, in the revision it was written on and in every later one.

A phrase is held as character offsets into a field's plain text (its words,
spaces and punctuation, without markup). To find it in a later revision,
the two texts are compared with the newsroom's own word diff
(``articles.diff.diff_text``) and the offsets are carried through its
operations: text kept moves with what was inserted or deleted before it,
and a phrase whose every character was deleted is reported as gone. Pure
functions over loaded revisions; no queries.
"""

from dataclasses import dataclass

from articles.diff import diff_text, tokenize_html
from articles.models.content import content_field

# How far before a selection the browser sends text to tell repeated phrases apart.
PREFIX_LENGTH = 32


@dataclass(frozen=True)
class Anchor:
    """Where a thread's phrase is in one revision's text."""

    start: int
    end: int
    text: str  # the phrase as it reads in that revision
    deleted: bool = False  # every character of the phrase was deleted
    changed: bool = False  # the phrase is still there, but edited


def plain(value: str, *, rich: bool) -> str:
    """A field's text without markup, as offsets count it (rich text as the browser's ``textContent``)."""
    if not rich:
        return value or ""
    return "".join(token for token, is_tag in tokenize_html(value or "") if not is_tag)


def field_text(revision, field: str) -> str:
    """The plain text of ``field`` (``body_ar``, ...) in ``revision``, as phrase offsets count it."""
    name = field.rsplit("_", 1)[0]
    return plain(getattr(revision, field, "") or "", rich=content_field(name).rich)


def locate(text: str, quote: str, *, prefix: str = "", position: int | None = None) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text``: the occurrence after ``prefix``, else the one nearest ``position``."""
    if not quote:
        return None
    found = []
    at = text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    if not found:
        return None

    def fit(start: int) -> tuple[int, int]:
        before = text[max(0, start - len(prefix)) : start]
        matched = 0
        while matched < min(len(before), len(prefix)) and before[-1 - matched] == prefix[-1 - matched]:
            matched += 1
        return (-matched, abs(start - position) if position is not None else 0)

    start = min(found, key=fit)
    return start, start + len(quote)


def carry(old: str, new: str, start: int, end: int) -> Anchor:
    """Carry the phrase ``old[start:end]`` into ``new`` through the word diff of the two texts."""
    if old == new:
        return Anchor(start, end, new[start:end])
    new_start = new_last = None
    kept = 0
    old_at = new_at = 0
    for op in diff_text(old, new):
        length = len(op.text)
        if op.kind == "insert":
            new_at += length
            continue
        old_end = old_at + length
        if op.kind == "equal":
            overlap_start, overlap_end = max(start, old_at), min(end, old_end)
            if overlap_start < overlap_end:
                kept += overlap_end - overlap_start
                if new_start is None:
                    new_start = new_at + (overlap_start - old_at)
                new_last = new_at + (overlap_end - old_at)
            new_at += length
        old_at = old_end
        if old_at >= end and new_start is not None:
            break
    if new_start is None:
        # Nothing of the phrase is left: point at where it was.
        at = _where_deleted(old, new, start)
        return Anchor(at, at, "", deleted=True)
    text = new[new_start:new_last]
    return Anchor(new_start, new_last, text, changed=kept < end - start or text != old[start:end])


def _where_deleted(old: str, new: str, start: int) -> int:
    old_at = new_at = 0
    for op in diff_text(old, new):
        if old_at >= start:
            break
        if op.kind != "insert":
            taken = min(len(op.text), start - old_at)
            old_at += taken
            if op.kind == "equal":
                new_at += taken
        else:
            new_at += len(op.text)
    return new_at
