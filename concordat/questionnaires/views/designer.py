"""The questionnaire designer's pages (national team): thin, one thing per page, as GOV.UK Forms.

Reads through ``questionnaires.access``, writes through ``questionnaires.actions``; the preview draws the
area's section page through ``questionnaires.preview``.
"""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from concordat.accounts.decorators import national_only
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.questionnaires import access, actions, drafting, forms, preview
from concordat.questionnaires.models import AnswerType, Questionnaire, QuestionnaireDraft
from concordat.questionnaires.table_columns import written_columns


def _latest_versions() -> list[Questionnaire]:
    latest: dict[str, Questionnaire] = {}
    for questionnaire in Questionnaire.objects.order_by("slug", "version"):
        latest[questionnaire.slug] = questionnaire
    return sorted(latest.values(), key=lambda q: q.title)


def _section(draft: QuestionnaireDraft, position: int) -> dict[str, Any]:
    try:
        return drafting.section_at(draft.definition, position)
    except drafting.DraftError as exc:
        raise Http404(str(exc)) from exc


def _question(draft: QuestionnaireDraft, section: int, position: int) -> dict[str, Any]:
    try:
        return drafting.question_at(draft.definition, section, position)
    except drafting.DraftError as exc:
        raise Http404(str(exc)) from exc


def _to_draft(draft: QuestionnaireDraft) -> HttpResponse:
    return redirect("questionnaires:draft", draft_id=draft.pk)


@national_only
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "questionnaires": Questionnaire.objects.order_by("title", "-version"),
        "drafts": access.drafts_for_user(request.user),
    }
    return render(request, "questionnaires/index.html", context)


@national_only
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    latest = _latest_versions()
    form = forms.StartForm(request.POST or None, questionnaires=latest)
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["start"]
        copy_of = None if choice == forms.BLANK else get_object_or_404(Questionnaire, pk=choice)
        draft = actions.start_draft(
            slug=form.cleaned_data["slug"],
            title=form.cleaned_data["title"],
            copy_of=copy_of,
            acting_user=request.user,
        )
        return _to_draft(draft)
    return render(request, "questionnaires/start.html", {"form": form})


@national_only
def draft_detail(request: AuthenticatedHttpRequest, draft_id: int) -> HttpResponse:
    draft = access.get_draft_for_user(request.user, draft_id)
    context = {
        "draft": draft,
        "type_labels": dict(AnswerType.choices),
        "problems": actions.publish_problems(draft.definition),
    }
    return render(request, "questionnaires/draft.html", context)


@national_only
def section_edit(
    request: AuthenticatedHttpRequest, draft_id: int, section_pos: int | None = None
) -> HttpResponse:
    """Add a section (no ``section_pos``) or rename one."""
    draft = access.get_draft_for_user(request.user, draft_id)
    section = _section(draft, section_pos) if section_pos else None
    initial = {"title": section["title"]} if section else None
    form = forms.SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        title = form.cleaned_data["title"].strip()
        if section_pos:
            actions.rename_section(draft, section_pos, title, acting_user=request.user)
        else:
            actions.add_section(draft, title, acting_user=request.user)
        return _to_draft(draft)
    return render(request, "questionnaires/section.html", {"draft": draft, "section": section, "form": form})


@national_only
def section_remove(request: AuthenticatedHttpRequest, draft_id: int, section_pos: int) -> HttpResponse:
    draft = access.get_draft_for_user(request.user, draft_id)
    section = _section(draft, section_pos)
    if request.method == "POST":
        actions.remove_section(draft, section_pos, acting_user=request.user)
        messages.success(request, f"Section {section['number']} removed.")
        return _to_draft(draft)
    context = {"draft": draft, "section": section, "what": f"section {section['number']}. {section['title']}"}
    return render(request, "questionnaires/remove.html", context)


def _step(request: AuthenticatedHttpRequest) -> int:
    return -1 if request.POST.get("direction") == "up" else 1


@require_POST
@national_only
def section_move(request: AuthenticatedHttpRequest, draft_id: int, section_pos: int) -> HttpResponse:
    draft = access.get_draft_for_user(request.user, draft_id)
    _section(draft, section_pos)
    actions.move_section(draft, section_pos, _step(request), acting_user=request.user)
    return _to_draft(draft)


@national_only
def question_type(request: AuthenticatedHttpRequest, draft_id: int, section_pos: int) -> HttpResponse:
    draft = access.get_draft_for_user(request.user, draft_id)
    section = _section(draft, section_pos)
    form = forms.TypeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect(
            "questionnaires:question_new",
            draft_id=draft.pk,
            section_pos=section_pos,
            answer_type=form.cleaned_data["answer_type"],
        )
    return render(
        request, "questionnaires/question_type.html", {"draft": draft, "section": section, "form": form}
    )


def _question_initial(question: dict[str, Any]) -> dict[str, Any]:
    return {
        "text": question.get("text", ""),
        "hint": question.get("hint", ""),
        "easy_read": question.get("easy_read", ""),
        "required": "yes" if question.get("required", True) else "no",
        "options": "\n".join(o["label"] for o in question.get("options", [])),
        "minimum": question.get("min", ""),
        "maximum": question.get("max", ""),
        "counts_people": "yes" if question.get("counts_people") else "no",
        "columns": written_columns(question.get("columns", [])),
        "min_rows": question.get("min_rows"),
        "max_rows": question.get("max_rows"),
    }


@national_only
def question_edit(
    request: AuthenticatedHttpRequest,
    draft_id: int,
    section_pos: int,
    question_pos: int | None = None,
    answer_type: str = "",
) -> HttpResponse:
    """A new question of ``answer_type`` (no ``question_pos``), or a change to one: wording and rules."""
    draft = access.get_draft_for_user(request.user, draft_id)
    section = _section(draft, section_pos)
    if question_pos:
        question = _question(draft, section_pos, question_pos)
        answer_type, number = question.get("answer_type", AnswerType.ASSESSMENT), str(question["number"])
    elif answer_type in AnswerType.values:
        question, number = {}, drafting.next_question_number(draft.definition, section_pos)
    else:
        raise Http404("No such kind of answer")
    form = forms.QuestionForm(
        request.POST or None,
        kind=answer_type,
        number=number,
        initial=_question_initial(question) if question else None,
    )
    if request.method == "POST" and form.is_valid():
        actions.save_question(draft, section_pos, question_pos, form.settings(), acting_user=request.user)
        return _to_draft(draft)
    context = {
        "draft": draft,
        "section": section,
        "section_pos": section_pos,
        "question": question,
        "form": form,
        "type_label": AnswerType(answer_type).label,
    }
    return render(request, "questionnaires/question.html", context)


def _earlier(draft: QuestionnaireDraft, section_pos: int, question_pos: int) -> list[dict[str, Any]]:
    """The questions before this one, in the draft's order (a condition may name only those, or itself)."""
    earlier: list[dict[str, Any]] = []
    for s_pos, section in enumerate(draft.definition["sections"], start=1):
        for q_pos, question in enumerate(section.get("questions", []), start=1):
            if (s_pos, q_pos) == (section_pos, question_pos):
                return earlier
            earlier.append(question)
    return earlier


@national_only
def question_rule(
    request: AuthenticatedHttpRequest, draft_id: int, section_pos: int, question_pos: int
) -> HttpResponse:
    """A condition's first page: asked always, only if, or required unless; and which question decides."""
    draft = access.get_draft_for_user(request.user, draft_id)
    question = _question(draft, section_pos, question_pos)
    kind = next((k for k in ("show_if", "required_unless") if question.get(k)), "none")
    initial = {"kind": kind, "question": question[kind]["question"] if kind != "none" else ""}
    earlier = _earlier(draft, section_pos, question_pos)
    form = forms.RuleForm(request.POST or None, question=question, earlier=earlier, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["kind"] == "none":
            actions.set_rule(draft, section_pos, question_pos, None, None, acting_user=request.user)
            return _to_draft(draft)
        return redirect(
            "questionnaires:question_rule_values",
            draft_id=draft.pk,
            section_pos=section_pos,
            question_pos=question_pos,
            kind=form.cleaned_data["kind"],
            target=form.cleaned_data["question"],
        )
    choices = form.fields["question"].choices  # type: ignore[attr-defined]
    context = {"draft": draft, "question": question, "form": form, "can_have_rule": len(choices) > 1}
    return render(request, "questionnaires/rule.html", context)


@national_only
def question_rule_values(
    request: AuthenticatedHttpRequest,
    draft_id: int,
    section_pos: int,
    question_pos: int,
    kind: str,
    target: str,
) -> HttpResponse:
    """A condition's second page: which of the deciding question's answers."""
    draft = access.get_draft_for_user(request.user, draft_id)
    question = _question(draft, section_pos, question_pos)
    current = question.get(kind) or {}
    initial = {"values": current.get("in", [])} if current.get("question") == target else None
    try:
        form = forms.RuleValuesForm(
            request.POST or None,
            question=question,
            earlier=_earlier(draft, section_pos, question_pos),
            kind=kind,
            target=target,
            initial=initial,
        )
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    if request.method == "POST" and form.is_valid():
        actions.set_rule(draft, section_pos, question_pos, kind, form.rule(), acting_user=request.user)
        return _to_draft(draft)
    context = {
        "draft": draft,
        "question": question,
        "form": form,
        "kind": kind,
        "target": target,
        "section_pos": section_pos,
        "question_pos": question_pos,
    }
    return render(request, "questionnaires/rule_values.html", context)


@national_only
def question_remove(
    request: AuthenticatedHttpRequest, draft_id: int, section_pos: int, question_pos: int
) -> HttpResponse:
    draft = access.get_draft_for_user(request.user, draft_id)
    question = _question(draft, section_pos, question_pos)
    if request.method == "POST":
        actions.remove_question(draft, section_pos, question_pos, acting_user=request.user)
        messages.success(request, f"Question {question['number']} removed.")
        return _to_draft(draft)
    context = {"draft": draft, "what": f"question {question['number']}: {question['text'][:120]}"}
    return render(request, "questionnaires/remove.html", context)


@require_POST
@national_only
def question_move(
    request: AuthenticatedHttpRequest, draft_id: int, section_pos: int, question_pos: int
) -> HttpResponse:
    draft = access.get_draft_for_user(request.user, draft_id)
    _question(draft, section_pos, question_pos)
    actions.move_question(draft, section_pos, question_pos, _step(request), acting_user=request.user)
    return _to_draft(draft)


@national_only
def sign_off(request: AuthenticatedHttpRequest, draft_id: int) -> HttpResponse:
    draft = access.get_draft_for_user(request.user, draft_id)
    initial = {"roles": [s["role"] for s in draft.definition.get("signatories", [])]}
    form = forms.SignOffForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.set_signatories(draft, form.chosen(), acting_user=request.user)
        return _to_draft(draft)
    return render(request, "questionnaires/sign_off.html", {"draft": draft, "form": form})


@national_only
def draft_preview(request: AuthenticatedHttpRequest, draft_id: int) -> HttpResponse:
    """The area's pages, one section at a time (``?section=2``), read-only."""
    draft = access.get_draft_for_user(request.user, draft_id)
    sections = draft.definition["sections"]
    if not sections:
        return render(request, "questionnaires/preview.html", {"draft": draft, "section": None})
    try:
        position = int(request.GET.get("section", "1"))
    except ValueError:
        position = 1
    position = min(max(position, 1), len(sections))
    section = sections[position - 1]
    context = {
        "draft": draft,
        "section": section,
        "position": position,
        "previous": position - 1 if position > 1 else None,
        "next": position + 1 if position < len(sections) else None,
        "questions_html": preview.section_html(request, section),
    }
    return render(request, "questionnaires/preview.html", context)


@national_only
def publish(request: AuthenticatedHttpRequest, draft_id: int) -> HttpResponse:
    draft = access.get_draft_for_user(request.user, draft_id)
    problems = actions.publish_problems(draft.definition)
    latest = Questionnaire.objects.filter(slug=draft.slug).order_by("-version").first()
    if request.method == "POST":
        try:
            questionnaire, changed = actions.publish(draft, acting_user=request.user)
        except actions.PublishRefused as exc:
            problems = exc.problems
        else:
            words = "published" if changed else "unchanged: it is the same as the latest version"
            messages.success(
                request,
                f"{questionnaire.title} (version {questionnaire.version}) {words}. "
                "Create a round from Rounds to send it to areas.",
            )
            return redirect("questionnaires:index")
    context = {
        "draft": draft,
        "latest": latest,
        "errors": [("", p.message) for p in problems],
    }
    return render(request, "questionnaires/publish.html", context)
