"""How answers moved between two rounds, mapped across questionnaire versions."""

from django.http import HttpResponse
from django.shortcuts import render

from concordat.accounts.decorators import national_only
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.questionnaires.mapping import mapping_for, unmapped_message
from concordat.returns.models import Round

from .. import access
from ..change import MOVEMENTS, compare_rounds
from ..forms import ChangeForm
from ..sources import load_round


@national_only
def change(request: AuthenticatedHttpRequest, round_slug: str) -> HttpResponse:
    rnd = access.get_round_for_user(request.user, round_slug)
    form = ChangeForm(request.GET or None)
    others = list(Round.objects.exclude(pk=rnd.pk).select_related("questionnaire"))
    form.fields["since"].choices = [("", "Choose a round"), *((r.slug, r.title) for r in others)]  # type: ignore[attr-defined]  # a ChoiceField; fields[] is typed Field
    after = load_round(rnd)
    form.fields["area"].choices = [("", "All areas"), *((a.ons_code, a.name) for a in after.areas)]  # type: ignore[attr-defined]  # a ChoiceField; fields[] is typed Field
    result = area_change = before = None
    errors: list[tuple[str, str]] = []
    if form.is_bound and form.is_valid():
        earlier = next(r for r in others if r.slug == form.cleaned_data["since"])
        mapping = mapping_for(earlier.questionnaire, rnd.questionnaire)
        if mapping is None:
            message = unmapped_message(earlier.questionnaire, rnd.questionnaire, earlier.title)
            errors.append(("id_since", f"{message} So the rounds cannot be compared."))
        else:
            before = load_round(earlier)
            result = compare_rounds(before.returns, after.returns, after.areas, after.questionnaire, mapping)
            if form.cleaned_data["area"]:
                area_change = result.areas[form.cleaned_data["area"]]
    return render(
        request,
        "analysis/change.html",
        {
            "round": rnd,
            "form": form,
            "errors": errors,
            "result": result,
            "area_change": area_change,
            "before": before,
            "movements": MOVEMENTS,
        },
    )
