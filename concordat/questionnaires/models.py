from typing import Any

from django.db import models


class AnswerType(models.TextChoices):
    ASSESSMENT = "assessment", "Assessment (status, evidence, good practice and support ticks)"
    TEXT = "text", "Free text"


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

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="question_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"
