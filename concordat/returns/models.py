import datetime
from typing import Any, NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from concordat.accounts.models import SignatoryRole
from concordat.areas.models import Area
from concordat.questionnaires.models import Question, Questionnaire
from concordat.returns import lifecycle, vocabulary


class RoundState(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    PUBLISHED = "published", "Published"


# How a round filled with generated data is labelled wherever its figures appear.
SYNTHETIC_LABEL = (
    "SYNTHETIC DATA \N{EN DASH} generated for testing and demonstration; not a real stocktake return"
)


class Round(models.Model):
    """One questionnaire sent to every area, with an opening date and a deadline."""

    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="rounds")
    opens_on = models.DateField()
    deadline = models.DateField()
    state = models.CharField(max_length=10, choices=RoundState.choices, default=RoundState.DRAFT)
    synthetic = models.BooleanField(
        default=False, help_text="Filled with generated data, never real returns."
    )
    carry_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The round whose accepted answers each area's draft started from.",
    )

    class Meta:
        ordering = ["-opens_on", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("opens_on")), name="round_dates_order"
            )
        ]

    def __str__(self) -> str:
        return self.title


_L = lifecycle.Stage


class ReturnState(models.TextChoices):
    """A return's stage in review, as stored: the values and labels of ``lifecycle.Stage``."""

    NOT_STARTED = _L.NOT_STARTED.value, lifecycle.STAGE_LABELS[_L.NOT_STARTED]
    IN_PROGRESS = _L.IN_PROGRESS.value, lifecycle.STAGE_LABELS[_L.IN_PROGRESS]
    SUBMITTED = _L.SUBMITTED.value, lifecycle.STAGE_LABELS[_L.SUBMITTED]
    SIGNED_OFF = _L.SIGNED_OFF.value, lifecycle.STAGE_LABELS[_L.SIGNED_OFF]
    ACCEPTED = _L.ACCEPTED.value, lifecycle.STAGE_LABELS[_L.ACCEPTED]
    QUERIED = _L.QUERIED.value, lifecycle.STAGE_LABELS[_L.QUERIED]
    ANSWERED = _L.ANSWERED.value, lifecycle.STAGE_LABELS[_L.ANSWERED]


class Return(models.Model):
    """One area's answers to one round: a current draft plus a chain of immutable submitted versions."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="returns")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="returns")
    state = models.CharField(max_length=12, choices=ReturnState.choices, default=ReturnState.NOT_STARTED)
    # The "completed by" block of the form; part of the draft like any answer.
    completed_by_name = models.CharField(max_length=200, blank=True)
    completed_by_organisation = models.CharField(max_length=200, blank=True)
    completed_by_contact = models.CharField(max_length=200, blank=True)
    details_revision = models.PositiveIntegerField(default=0)
    latest_version = models.ForeignKey(
        "ReturnVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    carried_from = models.ForeignKey(
        "ReturnVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The accepted version of the earlier round this draft started from.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "area"], name="return_one_per_area_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.area} — {self.round}"

    @property
    def is_locked(self) -> bool:
        return self.state == ReturnState.ACCEPTED

    def submitted_late(self) -> bool:
        return self.first_submitted_at is not None and self.first_submitted_at.date() > self.round.deadline

    def is_late(self, as_at: datetime.date) -> bool:
        if self.first_submitted_at is not None:
            return self.submitted_late()
        return as_at > self.round.deadline


_V = vocabulary.Status


class Status(models.TextChoices):
    """The statuses a draft may store (``vocabulary.ANSWERED``; blank is ""), with the form's labels."""

    YES = _V.YES.value, vocabulary.FORM_LABELS[_V.YES]
    PARTIAL = _V.PARTIAL.value, vocabulary.FORM_LABELS[_V.PARTIAL]
    NO = _V.NO.value, vocabulary.FORM_LABELS[_V.NO]
    NA = _V.NA.value, vocabulary.FORM_LABELS[_V.NA]


# Built once: ``Status.values`` makes a new list on each call, and ``get_status_display`` a hashable copy of
# the choices, which a whole return paid for once per answer (its check and its audit event's text).
STATUS_VALUES = frozenset(Status.values)
STATUS_LABELS: dict[str, str] = dict(Status.choices)


class Answer(models.Model):
    """The draft answer to one question. ``revision`` makes concurrent saves safe (optimistic locking)."""

    # No index of its own: the unique (ret, question) index serves every lookup by return. Nor on the three
    # users below: users are deactivated, never deleted, and nothing looks answers up by who wrote them.
    # Every index is written at each save of each answer (migration 0007).
    ret = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="answers", db_index=False)
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    evidence = models.TextField(blank=True)
    good_practice = models.BooleanField(default=False)
    good_practice_description = models.TextField(blank=True)
    support_required = models.BooleanField(default=False)
    support_description = models.TextField(blank=True)
    # The answer to a question of any other type (``questionnaires.types``: a rating and commentary, yes or
    # no, a number, a date, text, chosen options); None for an assessment, whose answer is the columns above.
    value = models.JSONField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # Provenance when the answer was read from an imported document.
    source_name = models.CharField(max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    confidence = models.FloatField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Carried forward from an earlier round's accepted version (see returns/actions/carry.py): where from,
    # what was carried, and who confirmed it or changed it since.
    carried_from = models.ForeignKey(
        "ReturnVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Database defaults: the bulk inserts of answers (synthetic rounds, carry forward) name their columns.
    carried_questions = models.CharField(
        max_length=100,
        blank=True,
        db_default="",
        help_text="The earlier questions it came from, comma separated.",
    )
    carried_status = models.CharField(max_length=10, blank=True, db_default="")
    carried_evidence = models.TextField(blank=True, db_default="")
    carry_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    carry_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["question__position"]
        constraints = [models.UniqueConstraint(fields=["ret", "question"], name="answer_one_per_question")]

    def __str__(self) -> str:
        # As ``get_status_display``: the label, or the stored value itself when it is not a choice.
        return f"{self.question.number}: {STATUS_LABELS.get(self.status, self.status) or 'unanswered'}"

    @property
    def is_started(self) -> bool:
        return vocabulary.is_started(self.field_values())

    def field_values(self) -> dict[str, object]:
        """The answer's fields (``vocabulary.ANSWER_FIELDS``, and ``value``) as a dictionary."""
        return {**{field: getattr(self, field) for field in vocabulary.ANSWER_FIELDS}, "value": self.value}

    @property
    def awaits_confirmation(self) -> bool:
        """Carried forward from an earlier round and neither confirmed nor changed since: not done yet."""
        return self.carried_from_id is not None and self.carry_confirmed_at is None

    @property
    def carried_sources(self) -> str:
        """The earlier questions it was carried from, in words ("2.1 and 2.2")."""
        return " and ".join(n for n in self.carried_questions.split(",") if n)


def attachment_path(instance: "Attachment", filename: str) -> str:
    # Stored under a random name: the original name is data, never a path.
    return f"attachments/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last moment of ``day`` in the site's time zone: "as at 1 September" includes that day."""
    start = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(start) - datetime.timedelta(microseconds=1)


class CountedVersion(NamedTuple):
    """The version a return counts with as at a moment, and whether it stood accepted then; with what the
    analysis reads of it and its return (read in the same query)."""

    version_id: int
    accepted: bool
    number: int
    content_hash: str
    area_id: int
    first_submitted_on: datetime.date | None  # the return's first submission, in the site's time zone


class ReturnVersionQuerySet(models.QuerySet["ReturnVersion"]):
    def counted_as_at(
        self, rnd: "Round", *, as_at: datetime.datetime | None, provisional: bool
    ) -> dict[int, CountedVersion]:
        """Return id → the version each return of ``rnd`` counts with as at ``as_at`` (None: with everything
        so far). As at a date is as at its ``end_of_day``.

        A return counts with its latest version submitted by then; it is *accepted as at* that moment when the
        version's latest review decided by then is an acceptance. Unaccepted versions are left out unless
        ``provisional``. One query, whatever the number of returns.
        """
        versions = self.filter(ret__round=rnd).order_by()  # no default ordering: it joins areas
        reviews = Review.objects.filter(version=OuterRef("pk"))
        if as_at is not None:
            versions = versions.filter(submitted_at__lte=as_at)
            reviews = reviews.filter(decided_at__lte=as_at)
        # Each version's latest review by then (by decision time, then id), read with the version.
        decision = Subquery(reviews.order_by("-decided_at", "-id").values("decision")[:1])
        latest: dict[int, tuple[Any, ...]] = {}
        for row in versions.values_list(
            "ret_id",
            "number",
            "id",
            "content_hash",
            "ret__area_id",
            TruncDate("ret__first_submitted_at"),
            decision,
        ):
            if row[0] not in latest or latest[row[0]][1] < row[1]:
                latest[row[0]] = row
        counted: dict[int, CountedVersion] = {}
        for ret_id, (_, number, version_id, digest, area_id, first_submitted, last) in latest.items():
            accepted = last == ReviewDecision.ACCEPTED
            if accepted or provisional:
                counted[ret_id] = CountedVersion(
                    version_id, accepted, number, digest, area_id, first_submitted
                )
        return counted


class ReturnVersion(models.Model):
    """An immutable submitted copy of a return. Signatures bind to its content hash."""

    ret = models.ForeignKey(Return, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    content_hash = models.CharField(max_length=64)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()

    objects = ReturnVersionQuerySet.as_manager()

    class Meta:
        ordering = ["ret", "number"]
        constraints = [models.UniqueConstraint(fields=["ret", "number"], name="version_number_unique")]

    def __str__(self) -> str:
        return f"{self.ret.area} version {self.number}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Submitted versions cannot be changed.")
        super().save(*args, **kwargs)

    def answer_status(self, question: str) -> vocabulary.Status:
        """The status this version gives ``question`` (blank when it holds no answer to it)."""
        answer = (self.content.get("answers") or {}).get(question) or {}
        return vocabulary.status_of(answer.get("status"))

    def binding_roles(self) -> tuple[str, ...]:
        """The roles whose signature counts for this version, in signing order (see ``Signature``)."""
        return tuple(s.role for s in self.signatures.all() if s.content_hash == self.content_hash)


class SignatureQuerySet(models.QuerySet["Signature"]):
    def binding(self) -> "SignatureQuerySet":
        """The signatures that count: each given for its version's exact content hash."""
        return self.filter(content_hash=models.F("version__content_hash"))


class Signature(models.Model):
    """A signatory's signature. It counts only for its version's exact content hash: a signature binds to
    the content it was given, never to whatever the version might hold."""

    version = models.ForeignKey(ReturnVersion, on_delete=models.PROTECT, related_name="signatures")
    role = models.CharField(max_length=20, choices=SignatoryRole.choices)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(max_length=200)
    content_hash = models.CharField(max_length=64, help_text="The hash of the exact content that was signed.")
    signed_at = models.DateTimeField()

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["signed_at"]
        constraints = [models.UniqueConstraint(fields=["version", "role"], name="signature_one_per_role")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.signer_name}"


class ReviewDecision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    QUERIED = "queried", "Returned with a query"
    REOPENED = "reopened", "Reopened"


class Review(models.Model):
    """The national team's decision on a version; a query is answered by the area."""

    version = models.ForeignKey(ReturnVersion, on_delete=models.PROTECT, related_name="reviews")
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices)
    comment = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.version})"


class Publication(models.Model):
    """The national team's decision to publish a round: each area's accepted version at that moment becomes
    public from the embargo date (see docs/decisions/0601-publishing-returns.md)."""

    round = models.OneToOneField(Round, on_delete=models.PROTECT, related_name="publication")
    embargo_until = models.DateField(help_text="Public from this date (inclusive).")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-embargo_until", "-published_at"]

    def __str__(self) -> str:
        return f"{self.round} (public from {self.embargo_until:%d %B %Y})"

    def is_live(self, as_at: datetime.date) -> bool:
        return self.embargo_until <= as_at


class PublishedReturnQuerySet(models.QuerySet["PublishedReturn"]):
    def live(self, as_at: datetime.date) -> "PublishedReturnQuerySet":
        """Items the public may read on ``as_at``: past their round's embargo and not withdrawn."""
        return self.filter(publication__embargo_until__lte=as_at, withdrawn_at__isnull=True)


class PublishedReturn(models.Model):
    """One area's accepted version, published with its round; withdrawal leaves a public notice."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="items")
    ret = models.ForeignKey(Return, on_delete=models.PROTECT, related_name="publications")
    version = models.ForeignKey(ReturnVersion, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_notice = models.TextField(blank=True)

    objects = PublishedReturnQuerySet.as_manager()

    class Meta:
        ordering = ["ret__area__name"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "ret"], name="published_return_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.ret} (published version {self.version.number})"
