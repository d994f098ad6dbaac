"""Register races, run in their own process by test_races.py (tests/concurrency.py): two register officers'
browsers adding the same person, or committing uploads of the same people, at the same moment.

``python -m concordat.register.tests.races SCENARIO TRIALS`` against a migrated database (DATABASE_URL).
"""

from dataclasses import dataclass
from typing import Any

from concordat.register.tests.person_form_data import PERSON_FORM
from tests.concurrency import Trial, at_once, race_main

HARROW = "E09000015"
ADD = f"/register/areas/{HARROW}/people/add/"
FORM = {k: v for k, v in PERSON_FORM.items() if k != "local_reference"}
# What a refused request may say: the same words as the check before saving.
REFUSALS = {
    "already has this local reference": "refused: reference taken",
    "already on your register": "refused: NHS number taken",
    "at the same moment": "refused: changed at the same moment",
    "while the upload was being added": "refused: upload overtaken",
    "already been added": "refused: upload already added",
}


@dataclass
class World:
    area: Any
    officer: Any
    browsers: tuple[Any, Any]  # django.test.Client: two signed-in, two-factor-verified sessions


def make_world() -> World:
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from concordat.accounts.personas import create_personas
    from concordat.areas.models import Area
    from concordat.areas.reference import load_areas

    load_areas()
    officer = create_personas()["rachel"]
    device = TOTPDevice.objects.create(user=officer, name="race", confirmed=True)
    browsers = []
    for _ in range(2):
        browser = Client(raise_request_exception=False)
        browser.force_login(officer)
        session = browser.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        browsers.append(browser)
    return World(Area.objects.get(ons_code=HARROW), officer, (browsers[0], browsers[1]))


def nhs_number(n: int) -> str:
    from concordat.register.nhs_number import check_digit

    for first_nine in range(400_000_000 + n * 13, 400_000_000 + n * 13 + 13):
        digit = check_digit(str(first_nine))
        if digit is not None:
            return f"{first_nine}{digit}"
    raise AssertionError("no valid NHS number near this one")


def outcome(response: Any) -> str:
    if isinstance(response, Exception):
        return f"exception: {response!r}"[:200]
    if response.status_code == 302:
        return "302 saved"
    text = response.content.decode(errors="replace")
    said = [label for words, label in REFUSALS.items() if words in text]
    return f"{response.status_code} " + (said[0] if said else "other")


def _add_both(world: World, first: dict[str, str], second: dict[str, str]) -> list[str]:
    one, two = world.browsers
    posts = at_once(lambda: one.post(ADD, {**FORM, **first}), lambda: two.post(ADD, {**FORM, **second}))
    return [outcome(r) for r in posts]


def _one_saved(outcomes: list[str], people: int) -> Trial:
    wrong = [] if people == 1 and outcomes.count("302 saved") == 1 else [f"{people} people, {outcomes}"]
    return Trial(outcomes, duplicates=max(people - 1, 0), wrong=wrong)


def same_person(world: World, n: int) -> Trial:
    """Both add the same person: the same local reference and NHS number."""
    from concordat.register.models import Person

    same = {"local_reference": f"RACE-{n:04d}", "nhs_number": nhs_number(n)}
    outcomes = _add_both(world, same, same)
    return _one_saved(
        outcomes, Person.objects.filter(local_reference__iexact=same["local_reference"]).count()
    )


def references_differing_in_case(world: World, n: int) -> Trial:
    from concordat.register.models import Person

    outcomes = _add_both(world, {"local_reference": f"case-{n}a"}, {"local_reference": f"CASE-{n}A"})
    return _one_saved(outcomes, Person.objects.filter(local_reference__iexact=f"case-{n}a").count())


def same_nhs_number(world: World, n: int) -> Trial:
    from concordat.register.actions import nhs_hash
    from concordat.register.models import Person

    number = nhs_number(1000 + n)
    outcomes = _add_both(
        world,
        {"local_reference": f"NHS-{n}-A", "nhs_number": number},
        {"local_reference": f"NHS-{n}-B", "nhs_number": number},
    )
    return _one_saved(outcomes, Person.objects.filter(nhs_number_hash=nhs_hash(number)).count())


def upload_commits(world: World, n: int) -> Trial:
    """Two uploads of the same three new people, committed at the same moment: each person once."""
    from concordat.register import actions
    from concordat.register.models import Person
    from concordat.register.tests.builders import AS_AT, csv_bytes, row_text

    refs = [f"UP-{n}-{i}" for i in range(3)]
    data = csv_bytes([row_text(local_reference=r, nhs_number="") for r in refs])
    uploads = [actions.preview_upload(world.area, data, world.officer, as_at=AS_AT) for _ in range(2)]
    urls = [f"/register/areas/{HARROW}/upload/{u.pk}/" for u in uploads]
    one, two = world.browsers
    outcomes = [outcome(r) for r in at_once(lambda: one.post(urls[0]), lambda: two.post(urls[1]))]
    counts = [Person.objects.filter(local_reference__iexact=r).count() for r in refs]
    wrong = [] if counts == [1, 1, 1] and "302 saved" in outcomes else [f"{counts}, {outcomes}"]
    return Trial(outcomes, duplicates=sum(c - 1 for c in counts if c > 1), wrong=wrong)


SCENARIOS = {
    "same_person": same_person,
    "references_differing_in_case": references_differing_in_case,
    "same_nhs_number": same_nhs_number,
    "upload_commits": upload_commits,
}

if __name__ == "__main__":
    race_main(SCENARIOS, make_world)
