"""The designer's forms: each page asks one thing, and a question is checked by the one set of rules."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.text import slugify

from concordat.accounts.models import SignatoryRole
from concordat.questionnaires.checking import question_problems
from concordat.questionnaires.models import AnswerType, Questionnaire
from concordat.questionnaires.table_columns import FORMAT, ColumnsRefused, read_columns
from concordat.questionnaires.types import (
    CHOICE_TYPES,
    MAX_OPTIONS,
    RATINGS,
    YES_NO,
    QuestionSpec,
    QuestionType,
    possible_values,
)

BLANK = "blank"
RULE_KINDS = [
    ("none", "Always ask it, and it is required as set on the question"),
    ("show_if", "Ask it only when another question has certain answers"),
    (
        "required_unless",
        "It need not be answered (or its evidence given) when a question has certain answers",
    ),
]


class StartForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a title"})
    slug = forms.SlugField(
        label="Short name for web addresses and commands",
        help_text="Lower case letters, numbers and hyphens, for example status-report-2014-03. Use an "
        "earlier questionnaire's short name to publish a new version of it.",
        max_length=60,
        error_messages={
            "required": "Enter a short name",
            "invalid": "The short name can only contain lower case letters, numbers and hyphens",
        },
    )
    start = forms.ChoiceField(
        label="How do you want to start?", error_messages={"required": "Select how to start"}
    )

    def __init__(self, *args: Any, questionnaires: list[Questionnaire], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["start"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(BLANK, "Start from scratch")] + [
            (str(q.pk), f"A copy of {q.title} (version {q.version})") for q in questionnaires
        ]


class SectionForm(forms.Form):
    title = forms.CharField(
        label="Section title", max_length=200, error_messages={"required": "Enter the section's title"}
    )


class TypeForm(forms.Form):
    answer_type = forms.ChoiceField(
        label="What kind of answer does the question need?",
        choices=AnswerType.choices,
        error_messages={"required": "Select the kind of answer"},
    )


def _number(text: str, words: str) -> int | float | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise forms.ValidationError(f"Enter the {words} as a number, like 0 or 12.5") from exc
    if not value.is_finite():
        raise forms.ValidationError(f"Enter the {words} as a number, like 0 or 12.5")
    return int(value) if value == value.to_integral_value() else float(value)


# The form's field for each definition key a problem may name.
FIELD_OF_KEY = {
    "options": "options",
    "min": "minimum",
    "max": "maximum",
    "counts_people": "counts_people",
    "columns": "columns",
    "min_rows": "min_rows",
    "max_rows": "max_rows",
}


class QuestionForm(forms.Form):
    """A question's wording and rules for one type; ``settings()`` are its definition keys."""

    text = forms.CharField(
        label="Question", widget=forms.Textarea, error_messages={"required": "Enter the question"}
    )
    hint = forms.CharField(label="Hint text (optional)", widget=forms.Textarea, required=False)
    easy_read = forms.CharField(
        label="The question in Easy Read words (optional)", widget=forms.Textarea, required=False
    )
    required = forms.ChoiceField(
        label="Must areas answer it before they submit?",
        choices=[("yes", "Yes, it is required"), ("no", "No, it is optional")],
        error_messages={"required": "Select whether the question is required"},
    )
    options = forms.CharField(
        label="The options, one on each line",
        widget=forms.Textarea,
        required=False,
        help_text=f"Up to {MAX_OPTIONS}. Conditions name an option by its short form, shown once saved.",
    )
    minimum = forms.CharField(label="Lowest number allowed (optional)", required=False, max_length=30)
    maximum = forms.CharField(label="Highest number allowed (optional)", required=False, max_length=30)
    counts_people = forms.ChoiceField(
        label="Does the number count people?",
        help_text="A count of people is published for an area only through disclosure control.",
        choices=[("no", "No"), ("yes", "Yes, it counts people (whole numbers only)")],
        initial="no",
        required=False,  # unanswered: it does not
    )

    columns = forms.CharField(
        label="The table's columns, one on each line",
        widget=forms.Textarea,
        required=False,
        max_length=5_000,
        help_text=f"Write each as {FORMAT}.",
    )
    min_rows = forms.IntegerField(
        label="Fewest rows an area must give (optional)", required=False, min_value=0
    )
    max_rows = forms.IntegerField(label="Most rows an area may give (optional)", required=False, min_value=1)

    def __init__(self, *args: Any, kind: str, number: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind, self.number = QuestionType(kind), number
        if self.kind not in CHOICE_TYPES:
            del self.fields["options"]
        if self.kind != QuestionType.NUMBER:
            del self.fields["minimum"], self.fields["maximum"], self.fields["counts_people"]
        if self.kind != QuestionType.TABLE:
            del self.fields["columns"], self.fields["min_rows"], self.fields["max_rows"]

    def clean_columns(self) -> list[dict[str, Any]]:
        try:
            return read_columns(self.cleaned_data.get("columns", ""))
        except ColumnsRefused as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_options(self) -> list[dict[str, str]]:
        labels = [line.strip() for line in self.cleaned_data.get("options", "").splitlines() if line.strip()]
        options = [
            {"value": slugify(label).replace("-", "_") or f"option_{i}", "label": label}
            for i, label in enumerate(labels, start=1)
        ]
        values = [o["value"] for o in options]
        if len(set(values)) != len(values):
            raise forms.ValidationError("Each option must be different from the others")
        return options

    def clean_minimum(self) -> int | float | None:
        return _number(self.cleaned_data.get("minimum", ""), "lowest number")

    def clean_maximum(self) -> int | float | None:
        return _number(self.cleaned_data.get("maximum", ""), "highest number")

    def settings(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "text": data["text"].strip(),
            "answer_type": self.kind.value,
            "hint": data.get("hint", "").strip(),
            "easy_read": data.get("easy_read", "").strip(),
            "required": data["required"] == "yes",
            "options": data.get("options"),
            "min": data.get("minimum"),
            "max": data.get("maximum"),
            # Only "yes" is written: a definition without the key does not count people.
            "counts_people": True if data.get("counts_people") == "yes" else None,
            "columns": data.get("columns"),
            "min_rows": data.get("min_rows") or None,
            "max_rows": data.get("max_rows"),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        settings = {k: v for k, v in self.settings().items() if v not in (None, "", [])}
        for problem in question_problems({"number": self.number, **settings}, {}, section=""):
            field = FIELD_OF_KEY.get(problem.key or "")
            self.add_error(field if field in self.fields else None, problem.message)
        return cleaned


def _rule_candidates(question: dict[str, Any], earlier: list[dict[str, Any]]) -> dict[str, QuestionSpec]:
    """The questions a condition on ``question`` may name: earlier ones with answers to compare, or itself."""
    specs = {str(q["number"]): QuestionSpec.from_definition(q) for q in [*earlier, question]}
    return {n: s for n, s in specs.items() if possible_values(s)}


def value_labels(spec: QuestionSpec) -> list[tuple[str, str]]:
    """The answers a condition may look for, in words (the short form too, as the definition holds it)."""
    words = {**RATINGS, **YES_NO, **dict(spec.options), "partial": "Partially", "na": "Not applicable"}
    return [(v, f"{words.get(v, v)} ({v})") for v in possible_values(spec)]


class RuleForm(forms.Form):
    """The first page of a condition: what kind, and which question's answer decides it."""

    kind = forms.ChoiceField(label="When is this question asked and required?", choices=RULE_KINDS)
    question = forms.ChoiceField(label="Which question's answer decides it?", required=False)

    def __init__(
        self, *args: Any, question: dict[str, Any], earlier: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        texts = {str(q["number"]): str(q["text"]) for q in [*earlier, question]}
        field = self.fields["question"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose a question")] + [
            (n, f"{n} {texts[n][:80]}" + (" (this question)" if n == str(question["number"]) else ""))
            for n in _rule_candidates(question, earlier)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") not in (None, "none") and not cleaned.get("question"):
            self.add_error("question", "Select the question whose answer decides it")
        return cleaned


class RuleValuesForm(forms.Form):
    """The second page: which of that question's answers; checked by the loader's own rule checks."""

    values = forms.MultipleChoiceField(
        label="Which answers?", error_messages={"required": "Select at least one answer"}
    )

    def __init__(
        self,
        *args: Any,
        question: dict[str, Any],
        earlier: list[dict[str, Any]],
        kind: str,
        target: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.own, self.kind, self.target = question, kind, target
        self.earlier = {str(q["number"]): QuestionSpec.from_definition(q) for q in earlier}
        spec = _rule_candidates(question, earlier).get(target)
        if spec is None or kind not in ("show_if", "required_unless"):
            raise ValueError("Not a question a condition may name")
        field = self.fields["values"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = value_labels(spec)

    def rule(self) -> dict[str, Any]:
        return {"question": self.target, "in": list(self.cleaned_data["values"])}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        candidate = {k: v for k, v in self.own.items() if k not in ("show_if", "required_unless")}
        for problem in question_problems({**candidate, self.kind: self.rule()}, self.earlier, section=""):
            self.add_error("values", problem.message)
        return cleaned


class SignOffForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Who must sign each return?",
        choices=SignatoryRole.choices,
        required=False,
        help_text="Select every role that must sign. Leave all unticked if the return needs no signatures.",
    )

    def chosen(self) -> list[tuple[str, str]]:
        labels = dict(SignatoryRole.choices)
        return [(role, str(labels[role])) for role in self.cleaned_data["roles"]]
