"""The form for one question of any type other than an assessment, on the area's section page.

Each type's fields render as their GOV.UK component (radios, checkboxes, input, textarea, date input, file
upload: ``returns/_typed_question.html``); the value is checked by ``questionnaires.types.clean_value``, the
one place the type rules live, and its message shown inline and in the error summary.
"""

import datetime
from typing import Any

from django import forms

from concordat.govuk.forms import DateInputField
from concordat.questionnaires.models import AnswerType, Question
from concordat.questionnaires.types import (
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    RATINGS,
    YES_NO,
    InvalidValue,
    clean_value,
)
from concordat.returns import table_form
from concordat.returns.actions.carry import unconfirmed_improvement
from concordat.returns.forms import AnswerForm
from concordat.returns.models import Answer


def _value_field(question: Question) -> forms.Field | None:
    """The field that holds the answer for ``question``'s type (a RAG rating has two: see the form)."""
    kind = question.answer_type
    label = f"{question.number} {question.text}"
    hint = question.hint
    if kind == AnswerType.YES_NO:
        return forms.ChoiceField(label=label, help_text=hint, required=False, choices=list(YES_NO.items()))
    if kind == AnswerType.NUMBER:
        return forms.CharField(label=label, help_text=hint, required=False, max_length=40)
    if kind == AnswerType.DATE:
        return DateInputField(subject="The date", required=False, help_text=hint)
    if kind == AnswerType.SHORT_TEXT:
        return forms.CharField(label=label, help_text=hint, required=False, max_length=MAX_SHORT_TEXT)
    if kind == AnswerType.LONG_TEXT:
        return forms.CharField(label=label, help_text=hint, required=False, max_length=MAX_LONG_TEXT)
    options = [(o["value"], o["label"]) for o in question.rules.get("options", [])]
    if kind == AnswerType.CHOOSE_ONE:
        return forms.ChoiceField(label=label, help_text=hint, required=False, choices=options)
    if kind == AnswerType.CHOOSE_SEVERAL:
        return forms.MultipleChoiceField(label=label, help_text=hint, required=False, choices=options)
    return None


class TypedAnswerForm(forms.Form):
    """One question of a value type (or a file upload); ``cleaned_data["value"]`` is the value to save."""

    revision = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    confirm_carried = forms.BooleanField(required=False)

    def __init__(
        self, *args: Any, question: Question, answer: Answer | None, added: bool = False, **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", f"q{question.number.replace('.', '-')}")
        if answer is not None and "initial" not in kwargs:
            kwargs["initial"] = {**_initial(question, answer.value), "revision": answer.revision}
        super().__init__(*args, **kwargs)
        self.question = question
        self.answer = answer
        self.spec = question.spec
        if answer is None or not answer.awaits_confirmation:
            del self.fields["confirm_carried"]
        kind = question.answer_type
        self.row_count = 0
        if kind == AnswerType.TABLE:
            stored = answer.value if answer else None
            self.row_count = table_form.row_count(
                self.spec, self.data if self.is_bound else None, self.prefix or "", stored, added=added
            )
            table_form.add_table_fields(self, self.spec, self.row_count)
        elif kind == AnswerType.RAG:
            self.fields["rating"] = forms.ChoiceField(
                label=f"{question.number} {question.text}", required=False, choices=list(RATINGS.items())
            )
            self.fields["commentary"] = forms.CharField(
                label="Commentary and evidence", required=False, max_length=MAX_LONG_TEXT
            )
        elif kind == AnswerType.FILE:
            self.fields["attachment"] = AnswerForm.base_fields["attachment"]
        else:
            field = _value_field(question)
            if field is not None:
                self.fields["value"] = field

    @property
    def table_rows(self) -> list[list[table_form.Cell]]:
        return table_form.table_rows(self, self.spec, self.row_count)

    @property
    def confirms_carried(self) -> bool:
        """The area ticked "still right" for a carried answer it has not confirmed yet (decision 0015)."""
        return "confirm_carried" in self.fields and bool(self.cleaned_data.get("confirm_carried"))

    @property
    def kind(self) -> str:
        return self.question.answer_type

    @property
    def base_revision(self) -> int:
        if self.is_bound and self.is_valid():
            return int(self.cleaned_data.get("revision") or 0)
        return self.answer.revision if self.answer else 0

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.kind == AnswerType.FILE:
            cleaned["value"] = None
            return cleaned
        if self.kind == AnswerType.TABLE:
            cleaned["value"] = table_form.clean_table(self, self.spec, self.row_count, self.question.number)
            return cleaned
        raw: Any = cleaned.get("value")
        if self.kind == AnswerType.RAG:
            raw = {"rating": cleaned.get("rating"), "commentary": cleaned.get("commentary")}
        target = "rating" if self.kind == AnswerType.RAG else "value"
        try:
            cleaned["value"] = clean_value(self.question.spec, raw)
        except InvalidValue as exc:
            self.add_error(target, f"Question {self.question.number}: {exc}")
            return cleaned
        refusal = unconfirmed_improvement(self.answer, self.question, cleaned)
        if refusal:
            self.add_error("commentary" if self.kind == AnswerType.RAG else target, refusal)
        return cleaned


def _initial(question: Question, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if question.answer_type == AnswerType.RAG and isinstance(value, dict):
        return {"rating": value.get("rating", ""), "commentary": value.get("commentary", "")}
    if question.answer_type == AnswerType.DATE:
        return {"value": datetime.date.fromisoformat(str(value))}
    if question.answer_type == AnswerType.TABLE:
        return table_form.table_initial(question.spec, value)
    return {"value": value}


def answer_form(
    data: Any, files: Any, *, question: Question, answer: Answer | None, added: bool = False
) -> AnswerForm | TypedAnswerForm:
    """The form for ``question``: an assessment's (or a text question's) columns, or its type's value;
    ``added``: a table drawn with one more empty row than it has ("Add another row" was pressed)."""
    if question.answer_type in (AnswerType.ASSESSMENT, AnswerType.TEXT):
        return AnswerForm(data, files, question=question, answer=answer)
    return TypedAnswerForm(data, files, question=question, answer=answer, added=added)
