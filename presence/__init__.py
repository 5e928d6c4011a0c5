"""Who else has a story open: presence on the story form, take-overs, and parallel revisions.

Depends on ``articles`` through its selectors, services, models, signals and
the admin site's extension points; ``articles`` never imports it.
"""
