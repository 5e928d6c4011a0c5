"""Comments: the desk's conversation on a story, a field or a phrase. Never public.

Depends on ``articles`` through its models, selectors, diff and signals;
``articles`` never imports it. Its screens hang off the story's screens
through ``articles.admin_site.register_story_panel``.
"""
