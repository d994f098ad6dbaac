"""URL keyword values for the URL-by-role access test (tests/access_matrix.py): a register role asked for in
Harrow and one in Leeds, both waiting for approval."""

from typing import Any

from django.utils import timezone

from concordat.accounts.actions import request_role_grant
from concordat.accounts.models import Role
from concordat.areas.models import Area


def build(world: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    personas = world["personas"]
    grants = [
        request_role_grant(
            personas[name],
            role=Role.REGISTER_OFFICER,
            area=Area.objects.get(ons_code=code),
            acting_user=personas["nadia"],
            now=timezone.now(),
        )
        for name, code in (("harriet", "E09000015"), ("leo", "E08000035"))
    ]
    return {"grant_id": (grants[0].pk, grants[1].pk)}
