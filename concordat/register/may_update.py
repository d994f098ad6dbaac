"""The person-by-person part of the May 2014 update, filled from the register (seeds/004, issue 16).

Each person on the area's register as at the round's date (its deadline, 5 May 2014): due to be discharged
by 1 June 2014, with the care package, or not, with the reason and the estimated discharge date — the March
2014 return's lines (``march_return.lines``) as at that date, so the figures and both returns agree on one
register truth per date (decision 0204). It is shown on the return's section page through
``returns.panels`` (returns sits below this app) and never copied into the return: the people stay the
register's, edited only on the register's own pages by the area's register officers.

Who sees what: someone with the area's register role, in a two-factor session, sees the pseudonymised rows
(each read audited); anyone else on the page (an area editor) sees that the register team fills it, and
the counts through disclosure control.
"""

from datetime import date

from django.http import HttpRequest
from django.template.loader import render_to_string

from concordat.accounts import access as accounts_access
from concordat.accounts.access import Capability
from concordat.accounts.models import User
from concordat.areas.models import Area
from concordat.questionnaires.models import Section
from concordat.register import actions, disclosure, march_return
from concordat.returns.models import Return, Round

QUESTIONNAIRE = "may-update-2014"
SECTION = "1"


def current_round() -> Round | None:
    """The latest round of the May 2014 update, if one has been opened."""
    return Round.objects.filter(questionnaire__slug=QUESTIONNAIRE).order_by("-opens_on").first()


def panel(request: HttpRequest, ret: Return, section: Section) -> str:
    """The return's section panel (``returns.panels``): the people as at the round's date."""
    if not isinstance(request.user, User):
        return ""
    context = people_context(request.user, ret.area, ret.round.deadline)
    return render_to_string("register/_may_update_panel.html", context, request=request)


def people_context(user: User, area: Area, as_at: date) -> dict[str, object]:
    """What the return's panel and the register's own May 2014 page show ``user`` of ``area``'s people."""
    lines = march_return.lines(area, as_at=as_at)
    due = [ln for ln in lines if not ln.reason]
    not_due = [ln for ln in lines if ln.reason]
    shows_people = accounts_access.can(user, Capability.READ_REGISTER, area) and user.is_verified()
    if shows_people:
        people = [ln.person for ln in lines]
        actions.log_read(user, people, verb="register.person.listed", how="May 2014 update")
    return {
        "area": area,
        "as_at": as_at,
        "shows_people": shows_people,
        "can_edit": shows_people and accounts_access.can(user, Capability.EDIT_REGISTER, area),
        "due": due if shows_people else [],
        "not_due": not_due if shows_people else [],
        "due_count": disclosure.suppress_count(len(due)).shown,
        "not_due_count": disclosure.suppress_count(len(not_due)).shown,
        "headers": march_return.HEADERS,
    }
