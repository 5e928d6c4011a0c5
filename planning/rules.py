"""Who may plan what. One place, read by the services and the screens alike.

Sections have no membership in ``articles``, so planning keeps its own:
``DeskMember`` rows put a person on a section's desk. The rule is then:

- anyone with ``planning.view_budgetline`` (editors, moderators) reads the
  whole budget; readers and signed-out visitors never do;
- an editor plans (adds, edits, reorders, assigns) lines only in the
  sections whose desk they are on, and takes assignments there;
- a moderator (``planning.plan_any_section``) plans every section and
  assigns anyone who may take assignments;
- a person may take an assignment in a section when they are on its desk
  or plan every section; whoever a line is assigned to may move its plan
  status and make its draft.
"""

from dataclasses import dataclass

from .models import DeskMember


def _active_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


@dataclass(frozen=True)
class Planner:
    """What one person may do on the budget, worked out once (one query for their desks)."""

    user: object
    sees_budget: bool
    everywhere: bool
    may_change: bool
    desks: frozenset[int]

    @classmethod
    def of(cls, user) -> "Planner":
        sees = _active_staff(user) and user.has_perm("planning.view_budgetline")
        desks = (
            frozenset(DeskMember.objects.filter(user=user).values_list("section_id", flat=True))
            if sees
            else frozenset()
        )
        return cls(
            user=user,
            sees_budget=sees,
            everywhere=sees and user.has_perm("planning.plan_any_section"),
            may_change=sees and user.has_perm("planning.change_budgetline"),
            desks=desks,
        )

    @classmethod
    def for_request(cls, request) -> "Planner":
        """``of(request.user)``, worked out once per request (the admin asks many times)."""
        planner = getattr(request, "_planner", None)
        if planner is None or planner.user is not request.user:
            planner = request._planner = cls.of(request.user)
        return planner

    def can_plan(self, section_id: int | None) -> bool:
        """May they add or change budget lines in the section ``section_id``?"""
        if not self.may_change:
            return False
        return self.everywhere or (section_id is not None and section_id in self.desks)

    @property
    def plans_somewhere(self) -> bool:
        return self.may_change and (self.everywhere or bool(self.desks))

    def can_take(self, section_id: int) -> bool:
        """May they be assigned work in the section ``section_id``?"""
        return self.sees_budget and (self.everywhere or section_id in self.desks)

    def can_work_on(self, line) -> bool:
        """May they move the line's plan status or make its draft? Its planners and its assignee may."""
        return self.can_plan(line.section_id) or (self.sees_budget and line.assignee_id == self.user.pk)


def can_view_budget(user) -> bool:
    return _active_staff(user) and user.has_perm("planning.view_budgetline")
