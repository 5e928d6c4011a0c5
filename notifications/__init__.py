"""The notification centre: one pipeline from what happened to who hears of it, in the desk and by e-mail.

An event (a mention, a comment, a workflow move, an assignment, a take-over)
is written as an ``Outbox`` row in the transaction that made the change; the
task worker turns each row into at most one ``Notification`` per person and
channel (a unique key says so), then delivers them. Depends on ``articles``,
``comments`` and ``planning`` through their signals, models and selectors;
none of them imports it.
"""
