"""Month and weekday names, spelled once: the text modules build their patterns and word sets from these."""

from __future__ import annotations

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# A month as written short ("Sept. 5", "5 Jan"): May has no short form; September has two.
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Regular-expression alternatives, for a group such as rf"(?:{MONTH_PATTERN})".
MONTH_PATTERN = "|".join((*MONTHS, *MONTH_ABBREVIATIONS))  # a month in full or short, the full name tried first
SHORT_MONTH_PATTERN = "|".join(MONTH_ABBREVIATIONS)
FULL_MONTH_PATTERN = "|".join(MONTHS)
WEEKDAY_PATTERN = "|".join(WEEKDAYS)
CALENDAR_WORDS = (*MONTHS, *WEEKDAYS)  # capitalised words that name a time, not a person or a body
