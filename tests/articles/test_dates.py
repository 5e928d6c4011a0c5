"""Dates as each edition prints them."""

from datetime import UTC, datetime

import pytest

from articles import dates

MOMENT = datetime(2024, 1, 28, 6, 30, tzinfo=UTC)  # 09:30 in Baghdad


def test_arabic_dates_use_arabic_months_and_arabic_indic_digits():
    assert dates.gregorian(MOMENT, "ar") == "٢٨ يناير ٢٠٢٤"
    assert dates.clock(MOMENT, "ar") == "٠٩:٣٠"


def test_arabic_pages_get_the_hijri_date():
    assert dates.hijri(MOMENT, "ar") == "١٦ رجب ١٤٤٥ هـ"


def test_english_dates_are_plain():
    when = dates.reader_date(MOMENT, "en")
    assert (when.date, when.time, when.hijri) == ("28 January 2024", "09:30", "")
    assert when.iso == "2024-01-28T09:30:00+03:00"


def test_dates_outside_the_hijri_tables_print_without_it():
    assert dates.hijri(datetime(1900, 1, 1, tzinfo=UTC), "ar") == ""


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_has_both_names(month):
    assert dates.month_name(month, "ar") and dates.month_name(month, "en")


def test_no_date_prints_nothing():
    assert dates.reader_date(None, "ar") is None
