"""The budget rows written in Python escape every value, as a template would."""

from datetime import date

import pytest

from planning.admin import Row
from planning.rows import Labels, row_html
from planning.selectors import ROW_COLUMNS, LineView

pytestmark = pytest.mark.django_db


def _line(**values):
    base = dict.fromkeys(ROW_COLUMNS)
    base.update(id=7, section_id=1, day=date(2026, 12, 2), kind="story", priority=2, status="idea", title_ar="")
    base.update(values)
    return LineView([base[name] for name in ROW_COLUMNS])


def _row(line, **rights):
    return Row(line=line, due=None, slot=None, late=False, story_state="", **{
        "can_plan": False, "can_work": False, "can_take": False, **rights
    })  # fmt: skip


def test_titles_notes_names_and_events_are_escaped():
    line = _line(
        title_ar='<script>alert("x")</script>',
        title_en='"><img src=x onerror=alert(1)>',
        notes="<b>bold</b> & more",
        assignee_id=3,
        assignee_username="<eve>",
        event_title_ar="<i>قمة</i>",
    )
    html = row_html(_row(line, can_plan=True), Labels.now(week=False))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "&quot;&gt;&lt;img" in html
    assert "<b>" not in html and "&lt;b&gt;bold&lt;/b&gt; &amp; more" in html
    assert "&lt;eve&gt;" in html and "&lt;i&gt;قمة&lt;/i&gt;" in html


def test_a_reader_of_the_budget_gets_no_controls():
    html = row_html(_row(_line(title_ar="خبر")), Labels.now(week=False))
    assert 'name="move"' not in html and 'name="line"' not in html and "draggable" not in html
    assert 'name="take"' not in html and 'name="draft"' not in html


def test_a_planner_gets_the_form_controls_and_the_drag_handle():
    html = row_html(_row(_line(title_ar="خبر"), can_plan=True, can_work=True, can_take=True), Labels.now(week=True))
    for control in ('value="7:up"', 'value="7:down"', 'name="line" value="7"', 'name="take" value="7"',
                    'name="draft" value="7"', 'draggable="true"', "<td>02/12</td>"):  # fmt: skip
        assert control in html, control
