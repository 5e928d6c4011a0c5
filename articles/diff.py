"""Comparing two revisions, as plain data.

``diff_revisions`` answers with a list of ``FieldChange`` rows (field,
language, old, new and the operations that turn one into the other); the
admin's compare screen renders them, and tests read them directly.

Text is compared word by word. A word is a run of letters together with
the marks written on them, so Arabic diacritics (harakat, shadda, tanwin)
never come apart from their letter. Rich text is compared as words *and*
tags, so a changed link target or a word made bold shows up even when the
visible words are the same.

A word-by-word comparison costs about the product of the two lengths, which
for a 30,000-word story is minutes. So text is compared in two passes:
first its blocks (paragraphs, headings, list items, lines, and sentences
within them) as wholes, which finds everything left alone; then words, only
inside the runs of blocks that changed, and never more than
``WORD_DIFF_LIMIT`` tokens at a time. A changed run longer than that is
compared in slices of about that size, aligned by position: the diff is then
coarser than it could be, but it is still exact (its kept and deleted text is
the old text, its kept and inserted text the new) and no text an editor can
save makes the comparison run for more than a moment.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from . import editions
from .models import STORY_CONTENT, ContentField, Revision
from .models.content import content_of

# Combining marks used with Arabic script (and general Latin accents), and
# the tatweel, which belong to the letter they follow.
MARKS = "\u0300-\u036f\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
TOKEN = re.compile(rf"[\w{MARKS}]+|\s+|[^\w\s]", re.UNICODE)
TAG = re.compile(r"(<[^>]*>)")


@dataclass(frozen=True)
class Op:
    """One step of a diff: text kept, inserted or deleted.

    ``markup`` is set for an HTML tag, with ``label`` saying in words what
    it does ("link to https://…", "bold"), so formatting can be shown to
    editors without showing them HTML.
    """

    kind: str  # "equal", "insert" or "delete"
    text: str
    markup: bool = False
    label: str = ""


@dataclass(frozen=True)
class FieldChange:
    name: str  # the model field, e.g. "headline" or "section"
    label: str  # what editors call it
    language: str | None = None  # "ar", "en", or None for fields in no language
    old: str = ""
    new: str = ""
    ops: list[Op] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # relations only
    removed: list[str] = field(default_factory=list)
    reordered: bool = False

    @property
    def direction(self) -> str:
        return editions.direction(self.language)

    @property
    def key(self) -> str:
        return f"{self.name}_{self.language}" if self.language else self.name


def tokenize_text(text: str) -> list[str]:
    """Split plain text into words (with their marks), spaces and punctuation."""
    return TOKEN.findall(text or "")


def tokenize_html(markup: str) -> list[tuple[str, bool]]:
    """Split HTML into ``(token, is_tag)``; text between tags is split into words."""
    tokens: list[tuple[str, bool]] = []
    for part in TAG.split(markup or ""):
        if not part:
            continue
        if part.startswith("<"):
            tokens.append((_normalise_tag(part), True))
        else:
            tokens.extend((token, False) for token in tokenize_text(unescape(part)))
    return tokens


# The most tokens (words, spaces, punctuation, tags) compared word by word
# at once; a run of changed blocks longer than this is compared in slices.
WORD_DIFF_LIMIT = 1000
# Pairs of equal items a matcher may weigh before repeated items stop
# anchoring matches (see ``_matcher``): for words within a slice, and for
# the blocks of a whole text, which are far fewer and rarely repeat.
WORD_PAIRS_LIMIT = 50_000
BLOCK_PAIRS_LIMIT = 2_000_000
# Tokens after which a block ends: the end of a paragraph, heading, list item
# or quotation, a line break, a new line in plain text, or a sentence's end.
BLOCK_END_TAGS = {
    f"</{name}>" for name in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "ul", "ol", "div")
} | {"<br>", "<hr>"}
SENTENCE_END = {".", "!", "?", "؟", "۔", "…"}

Token = tuple[str, bool]


@dataclass
class DiffWork:
    """How much word-by-word comparing a diff did: the tokens handed to it, and in how many runs."""

    tokens: int = 0
    runs: int = 0
    largest_run: int = 0


def diff_text(old: str, new: str, *, work: DiffWork | None = None) -> list[Op]:
    return _diff([(t, False) for t in tokenize_text(old)], [(t, False) for t in tokenize_text(new)], work)


def diff_html(old: str, new: str, *, work: DiffWork | None = None) -> list[Op]:
    return _diff(tokenize_html(old), tokenize_html(new), work)


def blocks(tokens: list[Token]) -> list[tuple[Token, ...]]:
    """Cut a token list into blocks: paragraphs and lines, and the sentences within them."""
    cut: list[tuple[Token, ...]] = []
    start = 0
    previous = ""
    for index, (token, is_tag) in enumerate(tokens):
        if is_tag:
            ends = token in BLOCK_END_TAGS  # tags are normalised, so a set finds them
        elif token[0].isspace():
            ends = "\n" in token or previous in SENTENCE_END
        else:
            ends = False
        previous = token
        if ends:
            cut.append(tuple(tokens[start : index + 1]))
            start = index + 1
    if start < len(tokens):
        cut.append(tuple(tokens[start:]))
    return cut


def _diff(old: list[Token], new: list[Token], work: DiffWork | None = None) -> list[Op]:
    work = work if work is not None else DiffWork()
    old_blocks, new_blocks = blocks(old), blocks(new)
    # Blocks are matched by a string standing for them: a string keeps its
    # hash, a tuple of tokens would be hashed again at every comparison.
    matcher = _matcher(_keys(old_blocks), _keys(new_blocks), pairs_limit=BLOCK_PAIRS_LIMIT)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _emit(ops, "equal", [token for block in old_blocks[i1:i2] for token in block])
        else:
            _diff_changed_run(ops, old_blocks[i1:i2], new_blocks[j1:j2], work)
    return ops


def _matcher(old: list, new: list, *, pairs_limit: int = WORD_PAIRS_LIMIT) -> SequenceMatcher:
    """A matcher whose work stays bounded however repetitive the text.

    Without junk, matching costs about the number of pairs of equal items,
    which is the product of the lengths for a word or a sentence pasted a
    thousand times. Past ``pairs_limit`` pairs, items that fill
    more than one per cent of the sequence stop anchoring matches: the diff
    stays exact, only coarser. Ordinary text stays far below the limit.
    """
    counts = Counter(new)
    pairs = sum(counts[item] for item in old)
    return SequenceMatcher(None, old, new, autojunk=pairs > pairs_limit)


def _keys(run: list[tuple[Token, ...]]) -> list[str]:
    return ["\x00".join(f"<{token}" if is_tag else token for token, is_tag in block) for block in run]


def _diff_changed_run(
    ops: list[Op], old_blocks: list[tuple[Token, ...]], new_blocks: list[tuple[Token, ...]], work: DiffWork
) -> None:
    """Word by word, in slices of at most ``WORD_DIFF_LIMIT`` tokens, aligned by position."""
    old_slices, new_slices = _slices(old_blocks), _slices(new_blocks)
    for index in range(max(len(old_slices), len(new_slices))):
        before = old_slices[index] if index < len(old_slices) else []
        after = new_slices[index] if index < len(new_slices) else []
        _diff_words(ops, before, after, work)


def _slices(run: list[tuple[Token, ...]]) -> list[list[Token]]:
    """Whole blocks gathered into slices of about half the limit; a block longer than that is cut."""
    size = WORD_DIFF_LIMIT // 2
    slices: list[list[Token]] = [[]]
    for block in run:
        for start in range(0, len(block), size):
            piece = block[start : start + size]
            if slices[-1] and len(slices[-1]) + len(piece) > size:
                slices.append([])
            slices[-1].extend(piece)
    return [piece for piece in slices if piece]


def _diff_words(ops: list[Op], old: list[Token], new: list[Token], work: DiffWork) -> None:
    work.tokens += len(old) + len(new)
    work.runs += 1
    work.largest_run = max(work.largest_run, len(old) + len(new))
    matcher = _matcher(old, new)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _emit(ops, "equal", old[i1:i2])
            continue
        if tag in ("delete", "replace"):
            _emit(ops, "delete", old[i1:i2])
        if tag in ("insert", "replace"):
            _emit(ops, "insert", new[j1:j2])


def _emit(ops: list[Op], kind: str, tokens: list[tuple[str, bool]]) -> None:
    """Append tokens as ops, merging neighbouring text of the same kind.

    Text is gathered and joined once per run: adding it to the last op
    token by token would copy a long story's text once per word.
    """
    text: list[str] = []
    for token, is_tag in tokens:
        if not is_tag:
            text.append(token)
            continue
        _emit_text(ops, kind, text)
        text = []
        ops.append(Op(kind, token, markup=True, label=describe_tag(token)))
    _emit_text(ops, kind, text)


def _emit_text(ops: list[Op], kind: str, text: list[str]) -> None:
    if not text:
        return
    joined = "".join(text)
    if ops and ops[-1].kind == kind and not ops[-1].markup:
        ops[-1] = Op(kind, ops[-1].text + joined)
    else:
        ops.append(Op(kind, joined))


class _TagReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.name = ""
        self.attrs: dict[str, str] = {}
        self.closing = False

    def handle_starttag(self, tag, attrs):
        self.name, self.attrs = tag, {key: value or "" for key, value in attrs}

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.name, self.closing = tag, True


TAG_NAMES = {
    "strong": gettext_lazy("bold"),
    "b": gettext_lazy("bold"),
    "em": gettext_lazy("italic"),
    "i": gettext_lazy("italic"),
    "u": gettext_lazy("underline"),
    "s": gettext_lazy("strikethrough"),
    "h2": gettext_lazy("heading"),
    "h3": gettext_lazy("subheading"),
    "h4": gettext_lazy("small heading"),
    "blockquote": gettext_lazy("quotation"),
    "ul": gettext_lazy("bulleted list"),
    "ol": gettext_lazy("numbered list"),
    "li": gettext_lazy("list item"),
    "p": gettext_lazy("paragraph"),
    "sub": gettext_lazy("subscript"),
    "sup": gettext_lazy("superscript"),
}


def _read_tag(tag: str) -> _TagReader:
    reader = _TagReader()
    reader.feed(tag)
    reader.close()
    return reader


@lru_cache(maxsize=4096)
def _normalise_tag(tag: str) -> str:
    """Write a tag in one canonical form, so attribute order or quoting is no change."""
    reader = _read_tag(tag)
    if reader.closing:
        return f"</{reader.name}>"
    attrs = "".join(f' {key}="{value}"' for key, value in sorted(reader.attrs.items()) if key != "rel")
    return f"<{reader.name}{attrs}>"


def describe_tag(tag: str) -> str:
    """Say in words what a tag does: "link to https://…", "end of bold", ..."""
    return _describe_tag(tag, get_language())


@lru_cache(maxsize=4096)
def _describe_tag(tag: str, language: str | None) -> str:
    # A story repeats a few tags thousands of times; the words depend on
    # the tag and the language they are said in, so both are the key.
    reader = _read_tag(tag)
    if reader.name == "a":
        if reader.closing:
            return _("end of link")
        return _("link to %(href)s") % {"href": reader.attrs.get("href", "")}
    if reader.name == "br":
        return _("line break")
    if reader.name == "hr":
        return _("dividing line")
    name = str(TAG_NAMES.get(reader.name, reader.name))
    return _("end of %(name)s") % {"name": name} if reader.closing else name


def _labels(objects) -> list[str]:
    return [str(obj) for obj in objects]


def diff_revisions(old: Revision | None, new: Revision) -> list[FieldChange]:
    """What changed from ``old`` to ``new``, field by field and language by language.

    Every field of ``STORY_CONTENT``, in its order. ``old`` may be ``None``
    (a first revision), in which case everything in ``new`` is an
    insertion. Only changed fields are listed. Load both revisions
    ``with_relations()`` and this reads nothing more from the database.
    """
    changes: list[FieldChange] = []
    before, after = content_of(old) if old else {}, content_of(new)
    for spec in STORY_CONTENT:
        label = str(Revision._meta.get_field(spec.name).verbose_name)
        if spec.translated:
            for code in editions.languages():
                key = f"{spec.name}_{code}"
                old_text, new_text = before.get(key) or "", after[key] or ""
                if old_text == new_text:
                    continue
                ops = diff_html(old_text, new_text) if spec.rich else diff_text(old_text, new_text)
                changes.append(
                    FieldChange(name=spec.name, label=label, language=code, old=old_text, new=new_text, ops=ops)
                )
        elif spec.relation:
            change = _relation_change(spec, label, before.get(spec.name, []), after[spec.name])
            if change is not None:
                changes.append(change)
        elif before.get(spec.name) != after[spec.name]:
            changes.append(
                FieldChange(
                    name=spec.name, label=label, old=_shown(before.get(spec.name)), new=_shown(after[spec.name])
                )
            )
    return changes


def _shown(value) -> str:
    return "" if value is None else str(value)


def _relation_change(spec: ContentField, label: str, old: list, new: list) -> FieldChange | None:
    """The byline's or the tags' change: who or what was added, removed, or (in a byline) moved."""
    if not spec.ordered:
        old, new = sorted(old, key=lambda obj: obj.pk), sorted(new, key=lambda obj: obj.pk)
    if [obj.pk for obj in old] == [obj.pk for obj in new]:
        return None
    old_ids = {obj.pk for obj in old}
    new_ids = {obj.pk for obj in new}
    kept_before = [obj.pk for obj in old if obj.pk in new_ids]
    kept_after = [obj.pk for obj in new if obj.pk in old_ids]
    return FieldChange(
        name=spec.name,
        label=label,
        old=", ".join(_labels(old)),
        new=", ".join(_labels(new)),
        added=_labels(obj for obj in new if obj.pk not in old_ids),
        removed=_labels(obj for obj in old if obj.pk not in new_ids),
        reordered=spec.ordered and kept_before != kept_after,
    )
