"""The register's own page of the May 2014 update's people, for the register officers who fill it."""

from django.http import HttpResponse
from django.shortcuts import render

from concordat.accounts.access import Capability
from concordat.accounts.decorators import area_scoped
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.register import access, may_update


@area_scoped(Capability.READ_REGISTER)
def may_2014_update(request: AuthenticatedHttpRequest, ons_code: str) -> HttpResponse:
    # Register officers do not open returns: this is where they see and correct the list the area's May 2014
    # draft shows, as at the round's date.
    area = access.get_area_for_user(request.user, ons_code)
    rnd = may_update.current_round()
    context: dict[str, object] = {"area": area, "round": rnd}
    if rnd is not None:
        context |= may_update.people_context(request.user, area, rnd.deadline)
    return render(request, "register/may_update.html", context)
