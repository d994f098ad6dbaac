"""Dates and times as GOV.UK writes them: "5 July 2013", "9:46pm", "5 July 2013 at 9:46pm".

The template filters ``govuk_date``, ``govuk_time`` and ``govuk_datetime`` (templatetags/govuk.py) and any
Python that writes a date for people (report headings, messages) use these, so the style is written once.
"""

import datetime

from django.utils import timezone
from django.utils.dateformat import format as date_format


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def long_date(value: datetime.date) -> str:
    """5 July 2013; a moment is taken in the local time zone."""
    if isinstance(value, datetime.datetime):
        value = _local(value)
    return date_format(value, "j F Y")


def clock_time(moment: datetime.datetime) -> str:
    """9:46pm, 12pm (midday), 12:05am: GOV.UK's style, not Django's "9:46 p.m."."""
    local = _local(moment)
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def date_and_time(moment: datetime.datetime) -> str:
    """5 July 2013 at 9:46pm."""
    return f"{long_date(moment)} at {clock_time(moment)}"
