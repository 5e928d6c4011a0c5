"""What the desk's templates need beyond Django's admin tags: dates as the public site writes them."""

from django import template

from .. import desk_dates as dates

register = template.Library()


@register.filter
def desk_when(moment):
    """``{{ moment|desk_when }}``: "١ ديسمبر ٢٠٢٦، ١٤:٠٥" in the Arabic desk, "1 December 2026, 14:05" in the English."""
    return dates.desk_when(moment)


@register.filter
def desk_ago(moment):
    """``{{ moment|desk_ago }}``: "just now", "منذ ٥ دقائق", or the date once it is a day old."""
    return dates.desk_ago(moment)
