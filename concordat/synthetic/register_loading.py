"""Loading a SYNTHETIC register into the database: checked template rows, people and monthly snapshots."""

from collections import defaultdict
from dataclasses import fields
from datetime import date, timedelta

from concordat.accounts.models import User
from concordat.areas.models import Area
from concordat.register import actions
from concordat.register.rules import add_months
from concordat.register.template.validation import RegisterRow
from concordat.synthetic.register import AreaRef, SyntheticRegister, generate_register

_ROW_FIELDS = [f.name for f in fields(RegisterRow) if f.name != "row"]


def area_refs() -> list[AreaRef]:
    return [
        AreaRef(a.ons_code, a.name, a.type_label, a.region.code)
        for a in Area.objects.current().select_related("region").order_by("ons_code")
    ]


def synthetic_rows(register: SyntheticRegister) -> dict[Area, list[RegisterRow]]:
    """The synthetic people as checked template rows, by area (no CSV round trip)."""
    areas = {a.ons_code: a for a in Area.objects.all()}
    by_area: dict[Area, list[RegisterRow]] = defaultdict(list)
    for number, person in enumerate(register.people, start=2):
        values = {name: getattr(person, name) for name in _ROW_FIELDS}
        by_area[areas[person.area_code]].append(RegisterRow(row=number, **values))
    return by_area


def month_ends(last: date, months: int) -> list[date]:
    first = last.replace(day=1)
    return [add_months(first, 1 - i) - timedelta(days=1) for i in range(months - 1, -1, -1)]


def load_register(
    *, seed: int, as_at: date, scale: float, months: int = 24, acting_user: User | None = None
) -> SyntheticRegister:
    """Generate a synthetic register, load it and take a snapshot at each month end up to ``as_at``."""
    register = generate_register(seed=seed, as_at=as_at, areas=area_refs(), months=months, scale=scale)
    actions.load_people(synthetic_rows(register), acting_user=acting_user, synthetic=True)
    for day in month_ends(as_at, months):
        actions.take_snapshot(day, acting_user, synthetic=True)
    return register
