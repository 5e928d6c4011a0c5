"""Planning: the story budget, assignments, events and the coverage calendar.

Depends on ``articles`` through its services, selectors, models and signals;
``articles`` never imports it. What it adds to the desk it registers from
``PlanningConfig.ready()`` into the admin site's extension points.
"""
