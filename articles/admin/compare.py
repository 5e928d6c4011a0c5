"""Drawing a diff: ``articles.diff`` says what changed, this turns it into accessible HTML.

Insertions and deletions are ``<ins>`` and ``<del>`` with words a screen
reader speaks ("inserted", "deleted"), tinted and outlined by the desk's
sheet, never struck through (a line through Arabic letters hides their
dots), so a change is never shown by colour alone. Formatting and link changes, which have no words of their own, are
drawn as labelled badges ("bold", "link to https://…").
"""

import re
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from .. import editions
from ..dates import digits
from ..diff import FieldChange, Op

# Tags after which the reader sees a new line: kept as line breaks in the diff.
BLOCK_END = re.compile(r"^(</(p|h[1-6]|li|blockquote|ul|ol)>|<br>|<hr>)$")


@dataclass(frozen=True)
class Piece:
    """A run of a diff as drawn: kept, inserted or deleted text, or a formatting badge."""

    kind: str  # "equal", "insert" or "delete"
    text: str = ""
    badge: str = ""
    line_break: bool = False


def pieces(ops: list[Op], *, side: str = "both") -> list[Piece]:
    """The runs to draw for ``ops``: ``side`` is ``"old"``, ``"new"`` or ``"both"`` (inline)."""
    hidden = {"old": "insert", "new": "delete"}.get(side)
    drawn = []
    for op in ops:
        if op.kind == hidden:
            continue
        if not op.markup:
            drawn.append(Piece(op.kind, text=op.text))
        elif op.kind == "equal":
            if BLOCK_END.match(op.text):
                drawn.append(Piece("equal", line_break=True))
        else:
            drawn.append(Piece(op.kind, badge=op.label, line_break=bool(BLOCK_END.match(op.text))))
    return drawn


def render(runs: list[Piece]) -> SafeString:
    """HTML for the runs: ``<ins>``/``<del>`` with spoken labels, badges, line breaks."""
    ui = get_language()
    spoken = {
        "insert": (_("inserted:"), _("end of insertion")),
        "delete": (_("deleted:"), _("end of deletion")),
    }
    badge_dir = editions.direction(ui)
    html = []
    for run in runs:
        if run.kind == "equal":
            html.append(format_html("{}", run.text) if not run.line_break else mark_safe('<br class="diff-break">'))
            continue
        tag = "ins" if run.kind == "insert" else "del"
        before, after = spoken[run.kind]
        if run.badge:
            inner = format_html('<span class="diff-badge" lang="{}" dir="{}">{}</span>', ui, badge_dir, run.badge)
        else:
            inner = format_html("{}", run.text)
        html.append(
            format_html(
                '<{} class="diff-{}"><span class="visually-hidden" lang="{}">{} </span>{}'
                '<span class="visually-hidden" lang="{}"> ({})</span></{}>',
                mark_safe(tag),
                run.kind,
                ui,
                before,
                inner,
                ui,
                after,
                mark_safe(tag),
            )
        )
        if run.line_break:
            html.append(mark_safe('<br class="diff-break">'))
    return mark_safe("".join(html))


def paragraphs(runs: list[Piece]) -> list[list[Piece]]:
    """The runs cut into the paragraphs (and lines) a reader sees."""
    cut: list[list[Piece]] = [[]]
    for run in runs:
        cut[-1].append(run)
        if run.line_break:
            cut.append([])
    return [paragraph for paragraph in cut if paragraph]


# A text of fewer paragraphs than this is shown whole: folding would hide little.
KEEP_WHOLE_BELOW = 4


def _side(paragraph: list[Piece], side: str) -> list[Piece]:
    """One side's runs of a paragraph of the inline view: ``"old"``, ``"new"`` or ``"both"``."""
    if side == "both":
        return paragraph
    hidden = "insert" if side == "old" else "delete"
    runs = [run for run in paragraph if run.kind != hidden]
    if runs and paragraph[-1].line_break and not runs[-1].line_break:
        runs.append(Piece("equal", line_break=True))  # the paragraph still ends on this side
    return runs


def _fold(html: list[str], folded: list[list[Piece]]) -> None:
    if not folded:
        return
    ui = get_language()
    count = digits(len(folded), "ar" if (ui or "").startswith("ar") else "en")
    summary = ngettext("%(count)s unchanged paragraph", "%(count)s unchanged paragraphs", len(folded)) % {
        "count": count
    }
    html.append(
        format_html(
            '<details class="diff-unchanged"><summary lang="{}" dir="{}">{}</summary>{}</details>',
            ui,
            editions.direction(ui),
            summary,
            render([run for paragraph in folded for run in paragraph]),
        )
    )
    folded.clear()


def render_sides(runs: list[Piece], sides=("old", "new", "both")) -> dict[str, SafeString]:
    """The inline view's runs drawn as the old side, the new side and inline, with unchanged paragraphs folded.

    A moderator reading one changed word in a long story should not have to
    scroll past every paragraph around it; the unchanged ones stay a click
    away, in a ``<details>`` saying how many there are. A paragraph is
    unchanged when neither side changed it, so both sides fold the same
    paragraphs into the same folds, line for line, however the text changed
    (a paragraph appended, a word inserted). A text of fewer than
    ``KEEP_WHOLE_BELOW`` paragraphs is shown whole on every side.
    """
    cut = paragraphs(runs)
    fold = len(cut) >= KEEP_WHOLE_BELOW
    drawn = {}
    for side in sides:
        if not fold:
            drawn[side] = render([run for paragraph in cut for run in _side(paragraph, side)])
            continue
        html: list[str] = []
        folded: list[list[Piece]] = []
        for paragraph in cut:
            if all(run.kind == "equal" for run in paragraph):
                folded.append(paragraph)
                continue
            _fold(html, folded)
            html.append(render(_side(paragraph, side)))
        _fold(html, folded)
        drawn[side] = mark_safe("".join(html))
    return drawn


@dataclass
class ChangeRow:
    """One changed field in one language, ready for the compare template."""

    change: FieldChange
    language_name: str = ""
    direction: str = ""
    old: SafeString = field(default_factory=SafeString)
    new: SafeString = field(default_factory=SafeString)
    inline: SafeString = field(default_factory=SafeString)

    @property
    def is_relation(self) -> bool:
        return self.change.name in ("authors", "tags")

    @property
    def added_html(self) -> SafeString:
        return list_html(self.change.added, "insert")

    @property
    def removed_html(self) -> SafeString:
        return list_html(self.change.removed, "delete")


def _whole(kind: str, text: str) -> list[Piece]:
    return [Piece(kind, text=text)] if text else []


def change_rows(changes: list[FieldChange], *, view: str | None = None) -> list[ChangeRow]:
    """Every change of ``diff_revisions``, drawn side by side and inline, or only as ``view`` (``"side"``, ``"inline"``).

    A long story's sides take a while to draw; the screen draws only the view it shows.
    """
    sides = {"side": ("old", "new"), "inline": ("both",)}.get(view, ("old", "new", "both"))
    rows = []
    for change in changes:
        if change.ops:
            drawn = render_sides(pieces(change.ops), sides)
        else:
            old, new = _whole("delete", change.old), _whole("insert", change.new)
            drawn = {"old": render(old), "new": render(new), "both": render(old + new)}
        language = change.language
        rows.append(
            ChangeRow(
                change=change,
                language_name=editions.translated_name(language) if language else "",
                direction=change.direction if language else "auto",
                old=drawn.get("old", SafeString()),
                new=drawn.get("new", SafeString()),
                inline=drawn.get("both", SafeString()),
            )
        )
    return rows


def list_html(names: list[str], kind: str) -> SafeString:
    """Names added to or removed from a byline or the tags, each marked as such."""
    return format_html_join(" ", "{}", ((render([Piece(kind, text=name)]),) for name in names))
