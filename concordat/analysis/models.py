"""Tables of the national analysis: the synthetic rounds' recorded truth and the good-practice library."""

from django.conf import settings
from django.db import models

from concordat.areas.models import Area
from concordat.questionnaires.models import Question
from concordat.returns.models import ReturnVersion, Round

from .narrative import THEMES

THEME_CHOICES = [(t.key, t.title) for t in THEMES]


class SyntheticTruth(models.Model):
    """What the generator recorded while inventing a round: the figures the analysis must reproduce."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="synthetic_truth")
    seed = models.IntegerField()
    areas = models.PositiveIntegerField()
    label = models.CharField(max_length=200)
    truth = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Synthetic truth for {self.round} (seed {self.seed})"


class GoodPracticeQuerySet(models.QuerySet["GoodPracticeExample"]):
    def publishable(self) -> "GoodPracticeQuerySet":
        return self.filter(publishable=True)

    def unreviewed(self) -> "GoodPracticeQuerySet":
        return self.filter(reviewed_at__isnull=True)


class GoodPracticeExample(models.Model):
    """One good-practice example an area offered: a ticked answer in its latest submitted version.

    ``search_text`` is what full-text search indexes (area, question, description, evidence, file names);
    on SQLite an FTS5 table mirrors it (see ``search.py``).
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="good_practice_examples")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(ReturnVersion, on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    evidence = models.TextField(blank=True)
    attachments = models.JSONField(default=list, help_text="[{name, sha256, id}] as in the version.")
    search_text = models.TextField(blank=True)
    theme = models.CharField(max_length=30, choices=THEME_CHOICES, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    publishable = models.BooleanField(default=False)
    note = models.TextField(blank=True, help_text="The national team's note on the example.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = GoodPracticeQuerySet.as_manager()

    class Meta:
        ordering = ["round", "area__name", "question__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "area", "question"], name="good_practice_one_per_answer"
            ),
            models.CheckConstraint(
                condition=models.Q(publishable=False) | models.Q(reviewed_at__isnull=False),
                name="good_practice_publishable_needs_review",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} — question {self.question.number}"

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None
