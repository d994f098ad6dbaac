from functools import cached_property
from typing import Any

from django.db import models

from concordat.questionnaires import types

_T = types.QuestionType


class AnswerType(models.TextChoices):
    """The question types (``types.QuestionType``, with its labels)."""

    ASSESSMENT = _T.ASSESSMENT.value, types.TYPE_LABELS[_T.ASSESSMENT]
    TEXT = _T.TEXT.value, types.TYPE_LABELS[_T.TEXT]
    RAG = _T.RAG.value, types.TYPE_LABELS[_T.RAG]
    YES_NO = _T.YES_NO.value, types.TYPE_LABELS[_T.YES_NO]
    NUMBER = _T.NUMBER.value, types.TYPE_LABELS[_T.NUMBER]
    DATE = _T.DATE.value, types.TYPE_LABELS[_T.DATE]
    SHORT_TEXT = _T.SHORT_TEXT.value, types.TYPE_LABELS[_T.SHORT_TEXT]
    LONG_TEXT = _T.LONG_TEXT.value, types.TYPE_LABELS[_T.LONG_TEXT]
    CHOOSE_ONE = _T.CHOOSE_ONE.value, types.TYPE_LABELS[_T.CHOOSE_ONE]
    CHOOSE_SEVERAL = _T.CHOOSE_SEVERAL.value, types.TYPE_LABELS[_T.CHOOSE_SEVERAL]
    FILE = _T.FILE.value, types.TYPE_LABELS[_T.FILE]
    TABLE = _T.TABLE.value, types.TYPE_LABELS[_T.TABLE]


class Polarity(models.TextChoices):
    POSITIVE = "positive", "Yes is good news"
    NEGATIVE = "negative", "No is good news"
    OPEN = "open", "Open question"


class Questionnaire(models.Model):
    """One version of a questionnaire. Frozen once a round using it opens; a change makes a new version."""

    slug = models.SlugField(max_length=60)
    version = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=200)
    definition = models.JSONField(help_text="The declarative definition this version was loaded from.")
    content_hash = models.CharField(max_length=64)
    frozen_at = models.DateTimeField(null=True, blank=True)
    carries_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The questionnaire its definition's carries_from maps its questions from.",
    )

    class Meta:
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="questionnaire_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def signatory_roles(self) -> list[dict[str, Any]]:
        return list(self.definition.get("signatories", []))

    @property
    def columns(self) -> dict[str, str]:
        return dict(self.definition.get("columns", {}))


class Section(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="section_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Question(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    number = models.CharField(max_length=10)
    text = models.TextField()
    answer_type = models.CharField(max_length=20, choices=AnswerType.choices, default=AnswerType.ASSESSMENT)
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.POSITIVE)
    position = models.PositiveIntegerField()
    required = models.BooleanField(default=True)
    hint = models.TextField(blank=True)
    easy_read = models.TextField(blank=True, help_text="The question in Easy Read words.")
    rules = models.JSONField(
        default=dict, blank=True, help_text="Options, number range and conditions, as in the definition."
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="question_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"

    @cached_property
    def spec(self) -> types.QuestionSpec:
        """The question's type and rules, as ``questionnaires.types`` checks answers against them. Built once
        per object: a loaded question is never changed in place (a new questionnaire version is loaded
        instead), and a frozen questionnaire's questions are shared by every request of a process
        (``structure.py``), which asked for the spec of each of 61 questions on every task list."""
        return types.QuestionSpec.from_definition(
            {
                **self.rules,
                "number": self.number,
                "answer_type": self.answer_type,
                "required": self.required,
                "hint": self.hint,
            }
        )

    @property
    def uses_value(self) -> bool:
        """The answer is held in ``Answer.value`` (not the assessment's columns)."""
        return self.answer_type in types.VALUE_TYPES


class QuestionnaireDraft(models.Model):
    """A questionnaire being designed: the same definition dict the loader reads, edited page by page.

    Nothing here reaches an area until it is published, which checks it and loads it through the same
    checks and loader as a definition file (docs/decisions/0012-the-designer-edits-a-draft-definition.md).
    """

    definition = models.JSONField(help_text="The definition being designed, as in definitions/*.json.")
    based_on = models.ForeignKey(
        Questionnaire, null=True, blank=True, on_delete=models.SET_NULL, related_name="drafts"
    )
    published_as = models.ForeignKey(
        Questionnaire, null=True, blank=True, on_delete=models.SET_NULL, related_name="published_drafts"
    )
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Draft: {self.title}"

    @property
    def title(self) -> str:
        return str(self.definition.get("title", ""))

    @property
    def slug(self) -> str:
        return str(self.definition.get("id", ""))
