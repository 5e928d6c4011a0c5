"""@mentions: of a person (``@username``), a role (``@moderators``, ``@editors``) or a section's desk (``@politics``).

A mention is written as ``@`` and a Latin handle, whatever the script of the
comment around it; completion in the comment box finds the handle from the
person's or group's name in Arabic or English. Mentions are resolved to
people when the comment is written, so a later change of desk does not
change who was told.
"""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from articles import roles
from articles.models import Section

# A handle: letters, digits and ._- after an @ that does not follow a letter
# (so that e-mail addresses are not mentions).
MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_.\-]*[A-Za-z0-9_])")
ROLES = {"moderators": (roles.MODERATORS, _("Moderators")), "editors": (roles.EDITORS, _("Editors"))}
COMPLETIONS = 8


@dataclass(frozen=True)
class Candidate:
    handle: str
    label: str  # the name as the desk shows it
    kind: str  # "person", "role" or "desk"


def handles(text: str) -> list[str]:
    """The handles mentioned in ``text``, in order, each once (lower case)."""
    seen: dict[str, None] = {}
    for match in MENTION.finditer(text or ""):
        seen.setdefault(match.group(1).lower(), None)
    return list(seen)


def _people():
    return get_user_model().objects.filter(is_active=True, is_staff=True)


def resolve(text: str) -> list:
    """Everyone ``text`` mentions: the people named, and the members of the roles and desks named."""
    named = handles(text)
    if not named:
        return []
    wanted = Q(username__in=[name for name in named if name not in ROLES])
    for name in named:
        wanted |= Q(username__iexact=name)
    role_names = [ROLES[name][0] for name in named if name in ROLES]
    if role_names:
        wanted |= Q(groups__name__in=role_names)
    desks = [name for name in named if name not in ROLES]
    if desks:
        wanted |= Q(desks__section__slug__in=desks)
    return list(_people().filter(wanted).distinct().order_by("pk"))


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def candidates(query: str) -> list[Candidate]:
    """What completion offers for ``query`` (the text typed after ``@``), in Arabic or Latin letters."""
    query = (query or "").strip().lstrip("@")
    found: list[Candidate] = []
    for handle, (_group, label) in ROLES.items():
        labels = [str(label)]
        for code in ("ar", "en"):
            with override(code):
                labels.append(str(label))
        if not query or handle.startswith(query.lower()) or any(query in name for name in labels):
            found.append(Candidate(handle=handle, label=str(label), kind="role"))
    people = _people().select_related("author")
    if query:
        people = people.filter(
            Q(username__istartswith=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(author__name_ar__icontains=query)
            | Q(author__name_en__icontains=query)
        )
    for user in people.order_by("username")[:COMPLETIONS]:
        author = getattr(user, "author", None)
        label = (author.name if author is not None else "") or _name(user)
        found.append(Candidate(handle=user.get_username(), label=label, kind="person"))
    sections = Section.objects.filter(desk_members__isnull=False).distinct()
    if query:
        sections = sections.filter(
            Q(slug__istartswith=query) | Q(name_ar__icontains=query) | Q(name_en__icontains=query)
        )
    for section in sections.order_by("order", "slug")[:COMPLETIONS]:
        found.append(Candidate(handle=section.slug, label=str(section), kind="desk"))
    return found[: COMPLETIONS * 2]
