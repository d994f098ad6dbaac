"""A second national user who holds register access decides on each register role the national team asks
for (``accounts.actions.decide_role_grant``): once approved, the person has it and the register's owners
are told."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from concordat.accounts import access, actions
from concordat.accounts.decorators import role_approver
from concordat.accounts.http import AuthenticatedHttpRequest


@role_approver
def grant_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    grants = access.pending_role_grants(request.user)
    return render(request, "accounts/grant_list.html", {"grants": grants})


@role_approver
def grant_decide(request: AuthenticatedHttpRequest, grant_id: int) -> HttpResponse:
    grant = access.get_role_grant_for_user(request.user, grant_id)
    problem = access.why_cannot_decide(request.user, grant)
    if request.method == "POST" and problem is None:
        decision = request.POST.get("decision")
        if decision in ("approve", "decline"):
            approve = decision == "approve"
            try:
                actions.decide_role_grant(
                    grant, approve=approve, acting_user=request.user, now=timezone.now()
                )
            except actions.NotAllowed as refused:  # decided by someone else in the meantime
                messages.error(request, str(refused))
            else:
                messages.success(request, f"{grant}: {'approved' if approve else 'declined'}.")
            return redirect("accounts:grant_list")
        problem = "Select whether to approve or decline the role"
    return render(request, "accounts/grant_decide.html", {"grant": grant, "problem": problem})
