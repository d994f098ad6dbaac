"""The one date input: GOV.UK's three boxes and its error messages, on good, bad and hostile input."""

import datetime
from typing import Any

import pytest
from django import forms
from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone

from concordat.govuk.forms import DateInputField


class DeadlineForm(forms.Form):
    deadline = DateInputField(subject="Deadline", earliest=datetime.date(2012, 12, 1))


class OptionalForm(forms.Form):
    as_at = DateInputField(subject="As at date", required=False, not_future=True)


def _parts(day: str, month: str, year: str) -> dict[str, str]:
    return {"deadline-day": day, "deadline-month": month, "deadline-year": year}


def _errors(data: dict[str, Any], form_class: type[forms.Form] = DeadlineForm) -> list[str]:
    form = form_class(data)
    assert not form.is_valid()
    return [str(e) for errors in form.errors.values() for e in errors]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_parts("5", "7", "2013"), datetime.date(2013, 7, 5)),
        (_parts(" 05 ", "07", " 2013"), datetime.date(2013, 7, 5)),
        (_parts("29", "2", "2016"), datetime.date(2016, 2, 29)),
        (_parts("30", "Sept", "2013"), None),  # not a month name GOV.UK accepts: see the bad cases
        (_parts("30", "September", "2013"), datetime.date(2013, 9, 30)),
        (_parts("1", "jan", "2014"), datetime.date(2014, 1, 1)),
        # One parameter, as links and bookmarks carry it: ISO or day/month/year.
        ({"deadline": "2013-09-30"}, datetime.date(2013, 9, 30)),
        ({"deadline": "30/09/2013"}, datetime.date(2013, 9, 30)),
    ],
)
def test_a_real_date_is_read_from_the_three_boxes(
    data: dict[str, str], expected: datetime.date | None
) -> None:
    form = DeadlineForm(data)
    if expected is None:
        assert not form.is_valid()
    else:
        assert form.is_valid(), form.errors
        assert form.cleaned_data["deadline"] == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Enter deadline"),
        (_parts("", "", ""), "Enter deadline"),
        (_parts("5", "", "2013"), "Deadline must include a month"),
        (_parts("", "", "2013"), "Deadline must include a day and month"),
        (_parts("5", "7", ""), "Deadline must include a year"),
        (_parts("31", "2", "2013"), "Deadline must be a real date"),
        (_parts("29", "2", "2013"), "Deadline must be a real date"),
        (_parts("0", "7", "2013"), "Deadline must be a real date"),
        (_parts("5", "13", "2013"), "Deadline must be a real date"),
        (_parts("-1", "7", "2013"), "Deadline must be a real date"),
        (_parts("five", "July", "2013"), "Deadline must be a real date"),
        (_parts("5", "Juky", "2013"), "Deadline must be a real date"),
        (_parts("5.5", "7", "2013"), "Deadline must be a real date"),
        (_parts("²", "7", "2013"), "Deadline must be a real date"),
        (_parts("٣", "7", "2013"), "Deadline must be a real date"),
        (_parts("5", "7", "13"), "Year must include 4 numbers"),
        (_parts("5", "7", "20133"), "Year must include 4 numbers"),
        (_parts("5", "7", "0000"), "Deadline must be a real date"),
        (_parts("5", "7", "1899"), "Deadline must be the same as or after 1 December 2012"),
        (_parts("30", "11", "2012"), "Deadline must be the same as or after 1 December 2012"),
        (_parts("1", "1", "2100"), "Deadline must be the same as or before 31 December 2099"),
        (_parts("5", "7", "9" * 5000), "Year must include 4 numbers"),
        (_parts("<script>alert(1)</script>", "7", "2013"), "Deadline must be a real date"),
        (_parts("1; DROP TABLE x", "7", "2013"), "Deadline must be a real date"),
        (_parts("\x00", "7", "2013"), "Deadline must be a real date"),
        ({"deadline": "2013-02-30"}, "Deadline must be a real date"),
        ({"deadline": "not-a-date"}, "Deadline must be a real date"),
        ({"deadline": "2013-13-45"}, "Deadline must be a real date"),
    ],
)
def test_bad_input_gets_the_design_systems_message(data: dict[str, str], message: str) -> None:
    assert _errors(data) == [message]


def test_an_optional_date_may_be_left_empty_but_not_in_the_future() -> None:
    nothing = OptionalForm({})
    assert nothing.is_valid() and nothing.cleaned_data["as_at"] is None
    empty = OptionalForm({"as_at-day": "", "as_at-month": "", "as_at-year": ""})
    assert empty.is_valid() and empty.cleaned_data["as_at"] is None
    tomorrow = timezone.localdate() + datetime.timedelta(days=2)
    later = {
        "as_at-day": str(tomorrow.day),
        "as_at-month": str(tomorrow.month),
        "as_at-year": str(tomorrow.year),
    }
    assert _errors(later, OptionalForm) == ["As at date must be today or in the past"]
    assert _errors({"as_at": "2999-01-01"}, OptionalForm) == ["As at date must be today or in the past"]


_PAGE = Template(
    '{% load govuk %}{% form_errors form as errs %}{% include "govuk/components/error_summary.html" with '
    'errors=errs %}{% include "govuk/components/date_input.html" with field=form.deadline %}'
)


@override_settings(DEBUG=False)
def test_the_boxes_show_what_was_typed_escaped_and_mark_only_the_missing_part() -> None:
    html = _PAGE.render(Context({"form": DeadlineForm(_parts("<b>5</b>", "", "2013"))}))
    assert (
        'name="deadline-day"' in html and 'name="deadline-month"' in html and 'name="deadline-year"' in html
    )
    assert "&lt;b&gt;5&lt;/b&gt;" in html and "<b>5</b>" not in html
    assert 'href="#id_deadline-month"' in html  # the summary links to the box that is wrong
    assert html.count("govuk-input--error") == 1
    assert "Deadline must include a month" in html


def test_a_date_given_as_initial_fills_the_three_boxes() -> None:
    html = _PAGE.render(Context({"form": DeadlineForm(initial={"deadline": datetime.date(2013, 7, 5)})}))
    assert 'name="deadline-day" type="text" inputmode="numeric" value="5"' in html
    assert 'name="deadline-year" type="text" inputmode="numeric" value="2013"' in html


@pytest.mark.parametrize(
    ("template", "value", "shown"),
    [
        ("{{ v|govuk_date }}", datetime.date(2013, 7, 5), "5 July 2013"),
        ("{{ v|govuk_date }}", "2013-04-05", "5 April 2013"),
        ("{{ v|govuk_date }}", "not a date", "not a date"),
        ("{{ v|govuk_date }}", None, ""),
        # 20:46 UTC in July is 21:46 in London: shown in local time, GOV.UK style, no "p.m.." at a full stop.
        ("{{ v|govuk_time }}.", datetime.datetime(2013, 7, 5, 20, 46, tzinfo=datetime.UTC), "9:46pm."),
        ("{{ v|govuk_time }}", datetime.datetime(2013, 7, 5, 11, 0, tzinfo=datetime.UTC), "12pm"),
        ("{{ v|govuk_time }}", datetime.datetime(2013, 1, 5, 0, 5, tzinfo=datetime.UTC), "12:05am"),
        (
            "{{ v|govuk_datetime }}",
            datetime.datetime(2013, 12, 31, 23, 30, tzinfo=datetime.UTC),
            "31 December 2013 at 11:30pm",
        ),
        ("{{ v|govuk_date }}", datetime.datetime(2013, 6, 30, 23, 30, tzinfo=datetime.UTC), "1 July 2013"),
    ],
)
def test_dates_and_times_are_shown_as_govuk_writes_them(template: str, value: Any, shown: str) -> None:
    assert Template("{% load govuk %}" + template).render(Context({"v": value})) == shown
