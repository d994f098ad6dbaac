import datetime
from typing import Any

import pytest
from django.utils import timezone

from concordat.audit.models import AuditEvent
from concordat.returns import actions
from concordat.returns.actions import ActionError
from concordat.returns.models import PublishedReturn, Return
from concordat.returns.tests.builders import submitted_return

from .builders import DRAFT_SENTINEL, accepted_harrow, draft_over_harrow, published_round

pytestmark = pytest.mark.django_db
HARROW, LEEDS = "E09000015", "E08000035"
TODAY = timezone.localdate()


def test_publishing_needs_an_accepted_return_and_an_embargo_date_not_in_the_past(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    submitted_return(stocktake, LEEDS, personas["leo"])
    with pytest.raises(ActionError, match="nothing to publish"):
        actions.publish_round(stocktake, embargo_until=TODAY, as_at=TODAY, acting_user=personas["nadia"])
    accepted_harrow(stocktake, personas)
    with pytest.raises(ActionError, match="today or later"):
        actions.publish_round(
            stocktake,
            embargo_until=TODAY - datetime.timedelta(days=1),
            as_at=TODAY,
            acting_user=personas["nadia"],
        )


def test_publishing_freezes_each_accepted_version_and_is_audited(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    publication = published_round(stocktake, personas)
    items = list(PublishedReturn.objects.filter(publication=publication))
    assert [(i.ret.area.ons_code, i.version.number) for i in items] == [(HARROW, 1)]
    event = AuditEvent.objects.get(verb="round.published")
    assert event.data["areas"] == [HARROW]
    with pytest.raises(ActionError, match="already been published"):
        actions.publish_round(stocktake, embargo_until=TODAY, as_at=TODAY, acting_user=personas["nadia"])


def test_the_public_read_harrows_answers_and_signatories_but_not_who_completed_it(
    client: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    published_round(stocktake, personas)
    page = client.get(f"/published/{stocktake.slug}/areas/{HARROW}/").content.decode()
    assert "Yes; a joint group is in place. (1.1)" in page
    assert "Chair of the Health and Wellbeing Board" in page
    assert "Amanda Dade" not in page and "a@example.org" not in page  # who completed it: never public
    leeds = client.get(f"/published/{stocktake.slug}/areas/{LEEDS}/").content.decode()
    assert "has not been published" in leeds and "a joint group is in place" not in leeds


def test_before_the_embargo_only_the_area_and_the_national_team_see_the_page(
    client: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    published_round(stocktake, personas, embargo_until=TODAY + datetime.timedelta(days=7))
    public_url = f"/published/{stocktake.slug}/areas/{HARROW}/"
    assert "a joint group is in place" not in client.get(public_url).content.decode()
    assert "not been published yet" in client.get("/report/").content.decode()
    client.force_login(personas["hannah"])
    preview = client.get(public_url + "preview/").content.decode()
    assert "a joint group is in place" in preview and "public can read this page from" in preview
    client.force_login(personas["leo"])
    assert client.get(public_url + "preview/").status_code == 404


def test_the_national_team_previews_then_publishes_with_an_embargo_date(
    client: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    accepted_harrow(stocktake, personas)
    client.force_login(personas["nadia"])
    url = f"/published/{stocktake.slug}/publish/"
    preview = client.get(url).content.decode()
    assert "Harrow" in preview and "1 of the round's returns will be published" in preview
    missing = client.post(url, {"confirm": "on"})
    assert "Enter the date the returns become public" in missing.content.decode()
    day = TODAY + datetime.timedelta(days=3)
    response = client.post(
        url,
        {
            "embargo_until-day": day.day,
            "embargo_until-month": day.month,
            "embargo_until-year": day.year,
            "confirm": "on",
        },
    )
    assert response.status_code == 302
    assert stocktake.publication.embargo_until == day


def test_withdrawal_leaves_a_notice_and_an_audit_event(
    client: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    published_round(stocktake, personas)
    ret = Return.objects.get(round=stocktake, area__ons_code=HARROW)
    actions.withdraw_published_return(
        ret, notice="Withdrawn at the request of the area.", acting_user=personas["nadia"]
    )
    page = client.get(f"/published/{stocktake.slug}/areas/{HARROW}/").content.decode()
    assert "Withdrawn at the request of the area." in page and "a joint group is in place" not in page
    assert AuditEvent.objects.filter(verb="return.publication_withdrawn", area_code=HARROW).count() == 1
    with pytest.raises(ActionError, match="already been withdrawn"):
        actions.withdraw_published_return(ret, notice="Again", acting_user=personas["nadia"])


def test_draft_wording_after_publication_never_reaches_the_public(
    client: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    published_round(stocktake, personas)
    draft_over_harrow(stocktake, personas)
    page = client.get(f"/published/{stocktake.slug}/areas/{HARROW}/").content.decode()
    assert "a joint group is in place" in page  # the published version still shows
    assert DRAFT_SENTINEL not in page


def test_no_public_url_shows_the_answers_of_an_area_left_out_of_a_published_round(
    client: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    from concordat.returns.tests.builders import complete_answers, filled_return

    from .test_no_leaks import public_urls

    secret = "LEEDS-UNPUBLISHED-EVIDENCE-4410"
    accepted_harrow(stocktake, personas)
    leeds = filled_return(stocktake, LEEDS, personas["leo"])
    question = next(iter(complete_answers(stocktake)))
    revisions = dict(leeds.answers.values_list("question_id", "revision"))
    answers = {question: {"status": "yes", "evidence": secret}}
    actions.submit_return(
        actions.save_answers(leeds, answers, revisions=revisions, acting_user=personas["leo"]),
        acting_user=personas["leo"],
    )
    actions.publish_round(stocktake, embargo_until=TODAY, as_at=TODAY, acting_user=personas["nadia"])
    shown = []
    for url in public_urls(stocktake.slug, downloads=False):
        response = client.get(url)
        assert response.status_code == 200, url
        if secret.encode() in response.content:
            shown.append(url)
    assert not shown
    harrow = client.get(f"/published/{stocktake.slug}/areas/{HARROW}/").content.decode()
    assert "a joint group is in place" in harrow  # the sweep reached published answers
