"""The national team's page of a round's reminders: steps and dates, what was sent, who is next."""

import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from concordat.notifications.models import Preference
from concordat.returns.tests.builders import submitted_return

pytestmark = pytest.mark.django_db
HARROW = "E09000015"


def _remind(rnd: Any, as_at: str) -> None:
    call_command("send_reminders", "--round", rnd.slug, "--as-at", as_at, stdout=StringIO())


def _page(client: Any, rnd: Any, as_at: str) -> str:
    response = client.get(f"/reminders/rounds/{rnd.slug}/?as_at={as_at}")
    assert response.status_code == 200
    return str(response.content.decode())


def _rows(page: str) -> list[str]:
    """The steps table as text: date | step | what happened."""
    table = page.split('caption--m">Steps</caption>')[1].split("</table>")[0]
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S)[1:]
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    return [" | ".join(re.sub(r"<[^>]+>", "", c).strip() for c in row) for row in cells]


def test_the_page_shows_each_step_what_was_sent_and_who_the_next_would_tell(
    stocktake: Any, login: Any
) -> None:
    _remind(stocktake, "2013-06-21")
    _remind(stocktake, "2013-06-28")
    page = _page(login("nadia"), stocktake, "2013-06-29")
    assert '<h1 class="govuk-heading-l">Reminders for' in page
    assert _rows(page) == [
        "21 June 2013 | 14 days before the deadline | Sent to 3",
        "28 June 2013 | 7 days before the deadline | Sent to 3",
        "3 July 2013 | 2 days before the deadline | To come would tell 3",
        "5 July 2013 | On the deadline | To come would tell 3",
        "12 July 2013 | 1 week late | To come would tell 3",
    ]
    fourteen = page.split('id="step-before-14"')[1].split("<h2")[0]
    assert "harriet@example.org" in fourteen
    assert "Harrow&#x27;s return is due in 14 days, on 5 July 2013" in fourteen
    assert "Leeds&#x27;s return is due in 14 days, on 5 July 2013" in fourteen
    two = page.split('id="step-before-2"')[1].split("<h2")[0]
    assert "Would tell (3)" in two and "Harrow&#x27;s return is due in 2 days, on 5 July 2013" in two
    assert f'href="/returns/rounds/{stocktake.slug}/completeness/"' in page


def test_a_step_not_yet_run_is_due_and_one_that_passed_unsent_says_so(stocktake: Any, login: Any) -> None:
    rows = _rows(_page(login("nadia"), stocktake, "2013-06-28"))
    assert rows[:2] == [
        "21 June 2013 | 14 days before the deadline | Nothing sent",
        "28 June 2013 | 7 days before the deadline | Due would tell 3",
    ]


def test_after_submission_the_unsigned_signatories_are_next_and_an_opt_out_is_shown(
    stocktake: Any, personas: dict[str, Any], login: Any
) -> None:
    submitted_return(stocktake, HARROW, personas["harriet"])
    Preference.objects.create(user=personas["helen"], kind="signature_reminder", wanted=False)
    page = _page(login("nadia"), stocktake, "2013-07-01")
    two = page.split('id="step-before-2"')[1].split("<h2")[0]
    assert "Sign Harrow&#x27;s return: it is due in 2 days, on 5 July 2013" in two
    assert {"hugh@example.org", "helen@example.org", "hari@example.org", "leo@example.org"} == set(
        re.findall(r"[a-z]+@example\.org", two)
    )
    helen = two.split("helen@example.org")[1].split("</tr>")[0]
    assert "They turned these reminders off: nothing will be sent." in helen
    assert "harriet@example.org" not in two  # Harrow has submitted: its editors are not chased


def test_a_round_long_past_its_deadline_lists_the_first_weeks_and_the_current_ones(
    stocktake: Any, login: Any
) -> None:
    # 31 December 2013 is 25 weeks and 4 days after 5 July: the 25th weekly step is due, the 26th next.
    rows = _rows(_page(login("nadia"), stocktake, "2013-12-31"))
    assert [r.split(" | ")[1] for r in rows] == [
        "14 days before the deadline",
        "7 days before the deadline",
        "2 days before the deadline",
        "On the deadline",
        "1 week late",
        "2 weeks late",
        "3 weeks late",
        "4 weeks late",
        "25 weeks late",
        "26 weeks late",
    ]
    assert rows[-2] == "27 December 2013 | 25 weeks late | Due would tell 3"
    page = _page(login("nadia"), stocktake, "2013-12-31")
    assert "20 weekly steps on which nothing was sent are not shown." in page


def test_a_date_that_cannot_be_read_is_explained_and_today_is_shown(stocktake: Any, login: Any) -> None:
    page = _page(login("nadia"), stocktake, "next+friday")
    assert "There is a problem" in page and "<title>Error: Reminders for" in page
    assert "&#x27;next friday&#x27; is not a date like 2013-06-28" in page


def test_the_outbox_and_the_index_lead_to_a_rounds_reminders(stocktake: Any, login: Any) -> None:
    client = login("nadia")
    assert 'href="/reminders/"' in client.get("/emails/").content.decode()
    index = client.get("/reminders/").content.decode()
    assert f'href="/reminders/rounds/{stocktake.slug}/"' in index
    assert "14, 7, 2, 0 days before, then weekly when late" in index
    assert login("harriet").get(f"/reminders/rounds/{stocktake.slug}/").status_code == 403
