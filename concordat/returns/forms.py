from typing import Any

from django import forms

from concordat.govuk.forms import DateInputField
from concordat.questionnaires.models import AnswerType, Question
from concordat.returns.actions import MAX_EVIDENCE_CHARS, MAX_SHORT_CHARS
from concordat.returns.actions.carry import unconfirmed_improvement
from concordat.returns.models import Answer, Status


class AnswerFields(forms.Form):
    """The fields of one assessment answer, prefixed by question number (used on section and review pages)."""

    status = forms.ChoiceField(
        choices=[("", "Not answered"), *Status.choices],
        required=False,
        error_messages={"invalid_choice": "Select Yes, Partially, No or Not applicable"},
    )
    evidence = forms.CharField(
        required=False,
        max_length=MAX_EVIDENCE_CHARS,
        error_messages={"max_length": f"The assessment must be {MAX_EVIDENCE_CHARS:,} characters or fewer"},
    )
    good_practice = forms.BooleanField(required=False)
    good_practice_description = forms.CharField(
        required=False,
        max_length=MAX_SHORT_CHARS,
        error_messages={"max_length": f"The description must be {MAX_SHORT_CHARS:,} characters or fewer"},
    )
    support_required = forms.BooleanField(required=False)
    support_description = forms.CharField(
        required=False,
        max_length=MAX_SHORT_CHARS,
        error_messages={"max_length": f"The description must be {MAX_SHORT_CHARS:,} characters or fewer"},
    )

    def __init__(self, *args: Any, question: Question, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"q{question.number.replace('.', '-')}")
        super().__init__(*args, **kwargs)
        self.question = question
        if question.answer_type == AnswerType.TEXT:
            del self.fields["status"]


class AnswerForm(AnswerFields):
    """One question on a section page. Drafts save whatever is entered; submission checks completeness."""

    revision = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    attachment = forms.FileField(
        required=False,
        max_length=255,
        error_messages={
            "empty": "The selected file is empty",
            "invalid": "The selected file could not be read. Try again",
            "max_length": "The file name must be 255 characters or fewer",
        },
    )

    confirm_carried = forms.BooleanField(required=False)

    def __init__(self, *args: Any, question: Question, answer: Answer | None, **kwargs: Any) -> None:
        if answer is not None and "initial" not in kwargs:
            kwargs["initial"] = {**answer.field_values(), "revision": answer.revision}
        super().__init__(*args, question=question, **kwargs)
        self.answer = answer
        self.fields["evidence"].label = f"{question.number} {question.text}"
        if answer is None or not answer.awaits_confirmation:
            del self.fields["confirm_carried"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        refusal = unconfirmed_improvement(self.answer, self.question, cleaned)
        if refusal and "evidence" not in self.errors:
            self.add_error("evidence", refusal)
        return cleaned

    @property
    def confirms_carried(self) -> bool:
        """The area ticked "still right" for a carried answer it has not confirmed yet."""
        return "confirm_carried" in self.fields and bool(self.cleaned_data.get("confirm_carried"))

    @property
    def base_revision(self) -> int:
        if self.is_bound and self.is_valid():
            return int(self.cleaned_data.get("revision") or 0)
        return self.answer.revision if self.answer else 0


class CompletedByForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=200, required=False)
    organisation = forms.CharField(label="Organisation", max_length=200, required=False)
    contact = forms.CharField(label="Email address or telephone number", max_length=200, required=False)
    revision = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


class SignForm(forms.Form):
    content_hash = forms.CharField(max_length=64, widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=[], error_messages={"required": "Select the role you are signing in"})
    confirm = forms.BooleanField(
        label="I have read this version and confirm it is a true account of our position",
        error_messages={"required": "Confirm that you have read this version"},
    )

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = roles
        if len(roles) == 1:
            role_field.initial = roles[0][0]


class ReviewForm(forms.Form):
    """The national team's decision. Accepting is offered only for a version every signatory has signed."""

    decision = forms.ChoiceField(
        label="Decision",
        choices=[("accept", "Accept this return"), ("query", "Return it to the area with a query")],
        error_messages={
            "required": "Select whether to accept the return or query it",
            "invalid_choice": "Select whether to accept the return or query it",
        },
    )
    comment = forms.CharField(
        label="Comment or query",
        help_text="A query is sent to the area's editors, who can answer it or change the return.",
        required=False,
        max_length=10_000,
        error_messages={"max_length": "The query must be 10,000 characters or fewer"},
    )

    def __init__(self, *args: Any, can_accept: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_accept:
            field = self.fields["decision"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("query", "Return it to the area with a query")]
            field.help_text = "It can be accepted once all its signatories have signed it."
            field.error_messages["invalid_choice"] = (
                "This version cannot be accepted until all its signatories have signed it"
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "query" and not str(cleaned.get("comment") or "").strip():
            self.add_error("comment", "Enter the query for the area")
        return cleaned


class QueryResponseForm(forms.Form):
    response = forms.CharField(
        label="Your response to the query",
        max_length=10_000,
        error_messages={
            "required": "Enter your response to the query",
            "max_length": "The response must be 10,000 characters or fewer",
        },
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why is the return being reopened?",
        max_length=2_000,
        error_messages={"required": "Enter a reason"},
    )


class CorrectionReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why are you correcting the area's answers?",
        help_text="The area sees this reason on its task list. It must then submit the return again and sign "
        "it.",
        max_length=2_000,
        error_messages={
            "required": "Enter why you are correcting the area's answers",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
    )


class CompletenessFilterForm(forms.Form):
    region = forms.ChoiceField(label="Region", required=False, choices=[])
    state = forms.ChoiceField(label="Status", required=False, choices=[])


class RoundForm(forms.Form):
    """A new round. Dates use the GOV.UK date input pattern (day, month, year in separate boxes)."""

    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title for the round"}
    )
    slug = forms.SlugField(
        label="Short name for web addresses and commands",
        help_text="Lower case letters, numbers and hyphens, for example status-report-2013-11",
        max_length=60,
        error_messages={
            "required": "Enter a short name",
            "invalid": "The short name can only contain lower case letters, numbers and hyphens",
        },
    )
    questionnaire = forms.ChoiceField(
        label="Questionnaire", error_messages={"required": "Select the questionnaire to send"}
    )
    opens_on = DateInputField(subject="Opening date", required_message="Enter the opening date")
    deadline = DateInputField(subject="Deadline", required_message="Enter the deadline")
    carry_from = forms.ChoiceField(
        label="Start each area\N{RIGHT SINGLE QUOTATION MARK}s draft from",
        help_text="Each area\N{RIGHT SINGLE QUOTATION MARK}s draft starts from its accepted answers in that "
        "round, marked as carried forward for the area to confirm or change. Areas without an accepted "
        "return start with a blank draft.",
        required=False,
        error_messages={"invalid_choice": "Select a round to start the drafts from, or blank drafts"},
    )

    def __init__(
        self,
        *args: Any,
        questionnaires: list[tuple[str, str]],
        rounds: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["questionnaire"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = questionnaires
        carry = self.fields["carry_from"]
        assert isinstance(carry, forms.ChoiceField)
        carry.choices = [("", "Blank drafts"), *(rounds or [])]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens_on, deadline = cleaned.get("opens_on"), cleaned.get("deadline")
        if opens_on and deadline and deadline < opens_on:
            self.add_error("deadline", "The deadline must be on or after the opening date")
        return cleaned
