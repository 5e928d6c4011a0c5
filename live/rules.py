"""Who may do what in live coverage, beside the workflow table's two moves. Pure: no queries."""

from articles.workflow import APPROVE

# Raising and lowering breaking-news banners.
RAISE_BANNER = "live.raise_banner"


def may_post(user, *, coverage_open: bool, on_staff: bool) -> bool:
    """Entries are posted during open coverage by its named staff and by moderators."""
    if not coverage_open or user is None or not user.is_active or not user.is_staff:
        return False
    return on_staff or user.has_perm(APPROVE)


def may_raise_banner(user) -> bool:
    return user is not None and user.is_active and user.has_perm(RAISE_BANNER)
