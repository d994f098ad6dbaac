"""The named people used in demo data, tests and docs. Same names everywhere (healthchecks' habit)."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from concordat.accounts.models import Membership, Role, SignatoryRole, User
from concordat.areas.models import Area, Region

HARROW = "E09000015"
LEEDS = "E08000035"
LONDON = "E12000007"
YORKSHIRE = "E12000003"
DEMO_PASSWORD = "winterbourne-2013"  # noqa: S105  # demo and test personas only; printed by `make run`


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: Role
    area: str | None = None
    region: str | None = None
    signatory_role: str = ""
    description: str = ""


PERSONAS: tuple[Persona, ...] = (
    Persona("nadia", "Nadia", "Okafor", Role.NATIONAL_TEAM, description="National programme analyst"),
    Persona("lena", "Lena", "Marsh", Role.REGIONAL_LEAD, region=LONDON, description="Regional lead, London"),
    Persona(
        "yusuf",
        "Yusuf",
        "Daly",
        Role.REGIONAL_LEAD,
        region=YORKSHIRE,
        description="Regional lead, Yorkshire and The Humber",
    ),
    Persona(
        "harriet",
        "Harriet",
        "Patel",
        Role.AREA_EDITOR,
        area=HARROW,
        description="Harrow editor (council commissioner)",
    ),
    Persona(
        "hamid",
        "Hamid",
        "Khan",
        Role.AREA_EDITOR,
        area=HARROW,
        description="Harrow editor (CCG commissioner)",
    ),
    Persona(
        "hugh",
        "Hugh",
        "Ellis",
        Role.AREA_SIGNATORY,
        area=HARROW,
        signatory_role=SignatoryRole.HWB_CHAIR,
        description="Harrow Health and Wellbeing Board chair",
    ),
    Persona(
        "helen",
        "Helen",
        "Morris",
        Role.AREA_SIGNATORY,
        area=HARROW,
        signatory_role=SignatoryRole.CHIEF_EXECUTIVE,
        description="Harrow council chief executive",
    ),
    Persona(
        "hari",
        "Hari",
        "Shah",
        Role.AREA_SIGNATORY,
        area=HARROW,
        signatory_role=SignatoryRole.CCG,
        description="Harrow CCG representative",
    ),
    Persona("hannah", "Hannah", "Green", Role.VIEWER, area=HARROW, description="Harrow viewer (read only)"),
    Persona(
        "rachel", "Rachel", "Ahmed", Role.REGISTER_OFFICER, area=HARROW, description="Harrow register officer"
    ),
    Persona("leo", "Leo", "Firth", Role.AREA_EDITOR, area=LEEDS, description="Leeds editor"),
    Persona(
        "lucy",
        "Lucy",
        "Barker",
        Role.AREA_SIGNATORY,
        area=LEEDS,
        signatory_role=SignatoryRole.CHIEF_EXECUTIVE,
        description="Leeds council chief executive",
    ),
    Persona("luke", "Luke", "Hart", Role.REGISTER_OFFICER, area=LEEDS, description="Leeds register officer"),
    Persona(
        "naveen",
        "Naveen",
        "Rao",
        Role.REGISTER_OFFICER,
        description="National register analyst (person-level data)",
    ),
)


def persona(username: str) -> Persona:
    return next(p for p in PERSONAS if p.username == username)


@transaction.atomic
def create_personas(
    password: str = DEMO_PASSWORD, personas: tuple[Persona, ...] = PERSONAS
) -> dict[str, Any]:
    """Create (or refresh) the persona accounts. Idempotent."""
    users = {}
    for p in personas:
        user, created = User.objects.get_or_create(
            username=p.username,
            defaults={
                "first_name": p.first_name,
                "last_name": p.last_name,
                "email": f"{p.username}@example.org",
            },
        )
        if created:
            user.set_password(password)
            user.save()
        Membership.objects.get_or_create(
            user=user,
            role=p.role,
            area=Area.objects.get(ons_code=p.area) if p.area else None,
            region=Region.objects.get(code=p.region) if p.region else None,
            signatory_role=p.signatory_role,
        )
        users[p.username] = user
    return users
