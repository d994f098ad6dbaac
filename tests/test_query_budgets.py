"""Every page a busy user reaches on deadline day costs a fixed number of queries (issue 12).

Each page is measured on a small and a large world; the counts must be equal (no query per area, return,
answer or person) and within the page's budget. ``test_a_query_per_row_is_caught`` proves the check fails
when a page gains a per-row query.
"""

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from concordat.areas.models import Area
from concordat.questionnaires.models import Question, Section
from concordat.returns import actions
from concordat.returns.actions.bulk import LoadedAnswer, LoadedReturn, LoadedSignature
from concordat.returns.models import Answer, Return, Round
from concordat.returns.tests.builders import signed_off_version
from concordat.returns.vocabulary import SIGNATORY_ROLES
from tests.query_budget import Measured, assert_constant, measure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _idle_clock_stamped_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A session's idle clock is re-stamped (one session write) at most every few seconds: on a slow machine
    that lands inside a measurement at random. Once per session here; it is not a per-row cost."""
    from concordat.accounts import middleware

    monkeypatch.setattr(middleware, "_SEEN_EVERY_SECONDS", 10**9)


HARROW = "E09000015"
EVIDENCE = "We have a joint commissioning group that meets monthly and reports to the board. " * 6


def _accepted(area: Area, questions: list[Question]) -> LoadedReturn:
    at = datetime.datetime(2013, 7, 1, 12, tzinfo=datetime.UTC)
    values = {
        "status": "yes",
        "evidence": EVIDENCE,
        "good_practice": True,
        "good_practice_description": "Shared with our neighbours.",
        "support_required": False,
        "support_description": "",
    }
    return LoadedReturn(
        area=area,
        completed_by={"name": "A Person", "organisation": area.name, "contact": "a@example.org"},
        submitted_at=at,
        answers=[LoadedAnswer(q.number, values) for q in questions],
        signatures=[LoadedSignature(role, "A Signatory", at) for role in SIGNATORY_ROLES],
        accepted_at=at,
        comment="",
    )


def grow(rnd: Round, total: int, user: Any) -> None:
    """Accepted returns with every answer filled, for areas other than Harrow, until ``total`` are in."""
    have = Return.objects.filter(round=rnd).exclude(area__ons_code=HARROW).count()
    areas = list(
        Area.objects.exclude(ons_code=HARROW).exclude(returns__round=rnd).order_by("ons_code")[: total - have]
    )
    questions = list(Question.objects.filter(questionnaire=rnd.questionnaire))
    loaded = [_accepted(area, questions) for area in areas]
    actions.load_accepted_returns(rnd, loaded, submitted_by=user, acting_user=user)


def page(client: Any, url: str, *, method: str = "get", data: Any = None) -> Callable[[], object]:
    def call() -> object:
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
        assert response.status_code in (200, 302), (url, response.status_code)
        return response

    return call


def small_and_large(
    grow_to: Callable[[int], None], call: Callable[[], object], *, large: int = 40
) -> tuple[Measured, Measured]:
    """The call measured with 3 other returns in the round, then with ``large``: a per-row query shows
    as well at 40 as at 151, and costs the suite less time."""
    grow_to(3)
    call()  # a first view warms per-process caches (the questionnaire, the session), as a worker would
    small = measure(call)
    grow_to(large)
    call()
    return small, measure(call)


@pytest.fixture
def returns_to(stocktake: Round, personas: dict[str, Any]) -> Callable[[int], None]:
    return lambda n: grow(stocktake, n, personas["nadia"])


def test_completeness_costs_the_same_for_3_and_151_submitted_returns(
    login: Callable[[str], Any], stocktake: Round, returns_to: Callable[[int], None]
) -> None:
    url = f"/returns/rounds/{stocktake.slug}/completeness/"
    small, large = small_and_large(returns_to, page(login("nadia"), url), large=151)
    assert Return.objects.filter(round=stocktake).count() == 151
    assert_constant(small, large, budget=12)
    # The page shows states and signatures: no version's content is read (or decoded).
    assert not [sql for sql in large.statements if '"returns_returnversion"."content"' in sql]


def test_a_query_per_row_is_caught(
    login: Callable[[str], Any], stocktake: Round, returns_to: Callable[[int], None]
) -> None:
    """The check itself: the completeness page with a per-return query added must fail it."""
    url = f"/returns/rounds/{stocktake.slug}/completeness/"
    client = login("nadia")

    def with_a_query_per_return() -> object:
        response = client.get(url)
        for row in response.context["rows"]:
            if row.ret is not None:
                Return.objects.get(pk=row.ret.pk)  # the N+1 a careless change would add
        return response

    small, large = small_and_large(returns_to, with_a_query_per_return)
    with pytest.raises(AssertionError, match="a query per row"):
        assert_constant(small, large, budget=1000)


def _section_post(questions: list[Question], changed: int, text: str, kept: str | None) -> dict[str, str]:
    """The section form with the first ``changed`` answers given ``text`` and the rest left as ``kept``
    (or left blank when ``kept`` is None)."""
    data = {}
    for i, q in enumerate(questions):
        key = f"q{q.number.replace('.', '-')}"
        if kept is None and i >= changed:
            continue
        data[f"{key}-status"] = "partial"
        data[f"{key}-evidence"] = f"{text if i < changed else kept} for {q.number}"
    return data


def _revisions(stocktake: Round) -> dict[str, str]:
    return {
        f"q{number.replace('.', '-')}-revision": str(revision)
        for number, revision in Answer.objects.filter(
            ret__round=stocktake, ret__area__ons_code=HARROW
        ).values_list("question__number", "revision")
    }


@pytest.mark.parametrize("existing", [False, True], ids=["new answers", "changed answers"])
def test_a_section_save_costs_the_same_for_one_answer_and_a_whole_section(
    login: Callable[[str], Any], stocktake: Round, existing: bool
) -> None:
    section = max(
        Section.objects.filter(questionnaire=stocktake.questionnaire), key=lambda s: s.questions.count()
    )
    questions = list(section.questions.order_by("position"))
    assert len(questions) >= 5
    client = login("harriet")
    url = f"/returns/rounds/{stocktake.slug}/areas/{HARROW}/sections/{section.number}/"
    other = "2" if section.number == "1" else "1"
    client.post(
        url.replace(f"/sections/{section.number}/", f"/sections/{other}/"), {f"q{other}-1-status": "yes"}
    )
    kept = "First"
    if existing:
        client.post(url, _section_post(questions, len(questions), kept, kept))

    def save(changed: int, text: str, kept: str | None = kept) -> Measured:
        data = {**_section_post(questions, changed, text, kept), **_revisions(stocktake)}
        return measure(page(client, url, method="post", data=data))

    if existing:
        small, large = save(1, "Second"), save(len(questions), "Third")
    else:
        small = save(1, kept, None)  # one new answer; the rest of the section stays empty …
        Answer.objects.filter(ret__round=stocktake, question__in=questions).delete()
        large = save(len(questions), kept, None)  # … then the whole section's new answers at once
    assert_constant(small, large, budget=25)


ONE_RETURN_PAGES = [
    ("harriet", "areas/{area}/"),
    ("harriet", "areas/{area}/check/"),
    ("harriet", "areas/{area}/sections/3/"),
    ("harriet", "areas/{area}/versions/1/"),
    ("hugh", "areas/{area}/versions/1/sign/"),
    ("nadia", "areas/{area}/versions/1/"),
]


@pytest.mark.parametrize(("persona", "path"), ONE_RETURN_PAGES)
def test_a_returns_pages_cost_does_not_grow_with_the_rest_of_the_round(
    login: Callable[[str], Any],
    stocktake: Round,
    personas: dict[str, Any],
    returns_to: Callable[[int], None],
    persona: str,
    path: str,
) -> None:
    signed_off_version(stocktake, personas)
    url = f"/returns/rounds/{stocktake.slug}/" + path.format(area=HARROW)
    small, large = small_and_large(returns_to, page(login(persona), url))
    assert_constant(small, large, budget=30)


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("nadia", "/analysis/rounds/{round}/"),
        ("nadia", "/analysis/rounds/{round}/report/"),
        ("nadia", "/analysis/rounds/{round}/triage/"),
        ("lena", "/analysis/rounds/{round}/"),
        ("anonymous", "/areas/{area}/"),
    ],
)
def test_analysis_and_public_pages_cost_the_same_for_3_and_40_returns(
    login: Callable[[str], Any],
    client: Any,
    stocktake: Round,
    returns_to: Callable[[int], None],
    persona: str,
    url: str,
) -> None:
    viewer = client if persona == "anonymous" else login(persona)
    small, large = small_and_large(returns_to, page(viewer, url.format(round=stocktake.slug, area=HARROW)))
    assert_constant(small, large, budget=30)


@pytest.mark.parametrize("path", ["", "overdue/", "march-2014-return/", "figures/"])
def test_register_pages_cost_the_same_for_2_and_20_people(
    client: Any, personas: dict[str, Any], stocktake: Round, path: str
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from concordat.register.tests.builders import person

    rachel = personas["rachel"]
    client.force_login(rachel)
    device = TOTPDevice.objects.create(user=rachel, name="test", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    call = page(client, f"/register/areas/{HARROW}/{path}")

    def people(n: int) -> None:
        for i in range(n):
            person(HARROW, rachel, local_reference=f"HAR-{n:02d}{i:02d}", nhs_number="")

    people(2)
    call()
    small = measure(call)
    people(18)
    call()
    assert_constant(small, measure(call), budget=40)


def test_a_whole_return_through_the_api_costs_the_same_as_one_answer(
    stocktake: Round, personas: dict[str, Any]
) -> None:
    from concordat.api.tests.helpers import ApiClient, make_token

    api = ApiClient(make_token(personas["harriet"]))
    numbers = list(
        Question.objects.filter(questionnaire=stocktake.questionnaire).values_list("number", flat=True)
    )
    url = f"/api/v1/rounds/{stocktake.slug}/returns/{HARROW}"
    completed = {"name": "Harriet Example", "organisation": "Harrow", "contact": "h@example.org"}

    def put(count: int, text: str) -> Measured:
        answers = {
            n: {"status": "yes", "evidence": f"{text if i < count else 'First'} {n}"}
            for i, n in enumerate(numbers)
        }
        body = {"completed_by": completed, "answers": answers}

        def call() -> object:
            response = api.call("put", url, body)
            assert response.status_code == 200, response.content
            return response

        return measure(call)

    put(len(numbers), "First")  # every answer exists; then one is changed, then all of them
    small = put(1, "Second")
    large = put(len(numbers), "Third")
    # The token; the return read and locked with its round and area; the memberships; the answers locked;
    # their update; the chain head, the events, the head again; the draft read back; begin and commit.
    assert_constant(small, large, budget=11)
