"""Taking paragraphs from two revisions into one, as plain data.

A body is split into its top-level blocks (paragraphs, headings, lists,
quotes, figures). Two bodies are lined up block by block; where they differ,
the editor picks one side, the other, or both, and ``merge_apply`` joins the
picks in order. Nothing here writes: ``services.revision_combine`` saves the
result as a new revision.
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from html.parser import HTMLParser

from .richtext import plain_text

OLD, NEW, BOTH = "old", "new", "both"
PICKS = (OLD, NEW, BOTH)
VOID = {"br", "hr", "img", "wbr"}


class _Blocks(HTMLParser):
    def __init__(self, markup: str):
        super().__init__(convert_charrefs=False)
        self.markup = markup
        self.lines = [0]
        for index, char in enumerate(markup):
            if char == "\n":
                self.lines.append(index + 1)
        self.depth = 0
        self.start = None
        self.blocks: list[str] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.start = self._offset()
        if tag in VOID:
            if self.depth == 0:
                self._close_at(self._offset() + len(self.get_starttag_text()))
            return
        self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            self._close_at(self._offset() + len(self.get_starttag_text()))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.depth = max(0, self.depth - 1)
        if self.depth == 0 and self.start is not None:
            end = self.markup.find(">", self._offset()) + 1
            self._close_at(end)

    def handle_data(self, data):
        if self.depth == 0 and data.strip():
            self.blocks.append(f"<p>{data.strip()}</p>")
            self.start = None

    def _close_at(self, end: int) -> None:
        self.blocks.append(self.markup[self.start : end])
        self.start = None


def paragraphs(markup: str) -> list[str]:
    """The top-level blocks of a body, as HTML strings; loose text becomes a paragraph of its own."""
    parser = _Blocks(markup or "")
    parser.feed(markup or "")
    parser.close()
    return parser.blocks


@dataclass
class Chunk:
    """A run of blocks: the same on both sides, or different (then the editor picks)."""

    index: int
    same: bool
    old: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)

    @property
    def old_text(self) -> list[str]:
        return [plain_text(block) for block in self.old]

    @property
    def new_text(self) -> list[str]:
        return [plain_text(block) for block in self.new]


def merge_plan(old: str, new: str) -> list[Chunk]:
    """Line up two bodies block by block: runs that are the same, and runs to pick from."""
    before, after = paragraphs(old), paragraphs(new)
    chunks = []
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    for kind, i1, i2, j1, j2 in matcher.get_opcodes():
        old_run, new_run = before[i1:i2], after[j1:j2]
        if kind == "replace":
            # Paragraphs rewritten on both sides are offered one pair at a
            # time, so an editor can take the first from one side and the
            # second from the other; what is left over on the longer side
            # is offered on its own.
            paired = min(len(old_run), len(new_run))
            for old_block, new_block in zip(old_run[:paired], new_run[:paired], strict=True):
                chunks.append(Chunk(index=len(chunks), same=False, old=[old_block], new=[new_block]))
            old_run, new_run = old_run[paired:], new_run[paired:]
            if not old_run and not new_run:
                continue
        chunks.append(Chunk(index=len(chunks), same=kind == "equal", old=old_run, new=new_run))
    return chunks


def merge_apply(plan: list[Chunk], picks: dict[int, str]) -> str:
    """The body made of ``plan`` with each differing run taken as picked (the new side when not said)."""
    blocks: list[str] = []
    for chunk in plan:
        if chunk.same:
            blocks += chunk.new
            continue
        pick = picks.get(chunk.index, NEW)
        if pick in (OLD, BOTH):
            blocks += chunk.old
        if pick in (NEW, BOTH):
            blocks += chunk.new
    return "".join(blocks)
