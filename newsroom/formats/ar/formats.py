"""Dates in Django's own admin screens for the Arabic desk, in the public site's order: "1 ديسمبر 2026".

Django's Arabic formats leave the date and time to English's "ديسمبر 1, 2026"
(month first, a Latin comma). The newsroom's screens also write Arabic-Indic
digits (``articles.admin.dates``); Django's format strings cannot.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j/n/Y"
SHORT_DATETIME_FORMAT = "j/n/Y، H:i"
