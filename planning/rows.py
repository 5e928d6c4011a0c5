"""The budget's table rows, as HTML written in Python.

A week's budget can hold 2,000 lines and must answer in under 300 ms;
Django's template engine takes seconds for that many rows of a dozen cells
(every variable, tag and include is resolved node by node). So the one
repeated piece, the row, is written here with every value escaped, and the
page around it stays a template. ``tests/planning/test_rows.py`` holds the
escaping to account.
"""

from dataclasses import dataclass
from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Labels:
    """Everything a row prints that does not depend on the row, translated once per page."""

    move_up: str
    move_down: str
    tick: str
    top: str
    late: str
    event: str
    take: str
    start: str
    kinds: dict
    statuses: dict
    line_url: str  # ends in "0/change/", the 0 replaced by the line's id
    story_url: str
    week: bool

    @classmethod
    def now(cls, *, week: bool) -> "Labels":
        from .models import BudgetLine

        return cls(
            move_up=escape(_("Move up")),
            move_down=escape(_("Move down")),
            tick=escape(_("Tick")),
            top=escape(_("top")),
            late=escape(_("late")),
            event=escape(_("Event:")),
            take=escape(_("Take it")),
            start=escape(_("Start the story")),
            kinds={value: escape(str(label)) for value, label in BudgetLine.Kind.choices},
            statuses={value: escape(str(label)) for value, label in BudgetLine.Status.choices},
            line_url=reverse("admin:planning_budgetline_change", args=[0]),
            story_url=reverse("admin:articles_article_change", args=[0]),
            week=week,
        )


def _url(template: str, pk: int) -> str:
    return template.replace("/0/", f"/{pk}/", 1)


def _time(shown) -> str:
    if shown is None:
        return "—"
    text = f'<time datetime="{shown.iso}">{escape(shown.newsroom)}</time>'
    if shown.viewer:
        zone = escape(shown.viewer_zone)
        text += f' <span class="planning-viewer-time" title="{zone}">({escape(shown.viewer)} {zone})</span>'
    return text


def row_html(row, labels: Labels) -> str:
    line = row.line
    pk = line.pk
    classes = f"planning-line planning-line--{line.status}"
    if row.late:
        classes += " planning-line--late"
    if line.priority == 1:
        classes += " planning-line--top"
    drag = ' draggable="true"' if row.can_plan else ""
    order = ""
    if row.can_plan:
        order = (
            f'<label class="visually-hidden" for="tick-{pk}">{labels.tick}</label>'
            f'<input id="tick-{pk}" type="checkbox" name="line" value="{pk}">'
            f'<button type="submit" name="move" value="{pk}:up" class="planning-move" title="{labels.move_up}" '
            f'aria-label="{labels.move_up}">▲</button>'
            f'<button type="submit" name="move" value="{pk}:down" class="planning-move" title="{labels.move_down}" '
            f'aria-label="{labels.move_down}">▼</button>'
        )
    title = ""
    if line.title_ar:
        title += f'<span lang="ar" dir="rtl">{escape(line.title_ar)}</span>'
    if line.title_en:
        secondary = ' class="desk-secondary"' if line.title_ar else ""
        title += f'<span{secondary} lang="en" dir="ltr">{escape(line.title_en)}</span>'
    if row.can_plan:
        title = f'<a href="{_url(labels.line_url, pk)}">{title}</a>'
    if line.priority == 1:
        title += f' <span class="desk-mark desk-mark--warning">{labels.top}</span>'
    if row.late:
        title += f' <span class="desk-mark desk-mark--warning">{labels.late}</span>'
    event = line.event_title_ar or line.event_title_en
    if event:
        title += f'<span class="desk-secondary">{labels.event} {escape(event)}</span>'
    if line.notes:
        notes = line.notes if len(line.notes) <= 140 else line.notes[:139] + "…"
        title += f'<span class="desk-secondary planning-notes" dir="auto">{escape(notes)}</span>'
    if line.assignee_id:
        assignee = escape(line.assignee_username)
    elif row.can_take:
        assignee = f'<button type="submit" name="take" value="{pk}" class="button planning-take">{labels.take}</button>'
    else:
        assignee = "—"
    if line.article_id:
        story = (
            f'<a href="{_url(labels.story_url, line.article_id)}"><span class="desk-state '
            f'desk-state--{escape(line.story_status or "")}">{escape(str(row.story_state))}</span></a>'
        )
    elif row.can_work and line.status != "dropped":
        story = f'<button type="submit" name="draft" value="{pk}" class="button">{labels.start}</button>'
    else:
        story = "—"
    day = f"<td>{line.day:%d/%m}</td>" if labels.week else ""
    words = "—" if line.words is None else str(line.words)
    return (
        f'<tr id="line-{pk}" class="{classes}" data-line="{pk}" data-section="{line.section_id}" '
        f'data-day="{line.day.isoformat()}"{drag}>'
        f'<td class="planning-col-order">{order}</td>'
        f'<th scope="row">{title}</th>{day}'
        f"<td>{labels.kinds.get(line.kind, '')}</td>"
        f'<td class="planning-assignee">{assignee}</td>'
        f"<td>{_time(row.due)}</td><td>{_time(row.slot)}</td><td>{words}</td>"
        f'<td><span class="planning-status planning-status--{line.status}">{labels.statuses.get(line.status, "")}</span></td>'
        f'<td class="planning-story">{story}</td></tr>'
    )


def rows_html(rows, labels: Labels) -> SafeString:
    """The ``<tbody>`` content for ``rows``; every value in it has been escaped above."""
    return mark_safe("\n".join(row_html(row, labels) for row in rows))  # noqa: S308
