"""The person-level register: people (pseudonymised), month-end snapshots, and bulk uploads.

No names, dates of birth, addresses or NHS numbers are stored: a person is a system id (``P-…``), the
area's own local reference, and the facts of the upload template. The NHS number is kept only as a
keyed HMAC (``nhs_number_hash``) to spot the same person twice. See docs/data-protection.md.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from concordat.areas.models import Area, Region
from concordat.register.rules import health_check_due_date, review_due_date
from concordat.register.template.columns import (
    AGE_BANDS,
    COLUMNS,
    COMMISSIONER_TYPES,
    DESTINATIONS,
    DISTANCE_BANDS,
    LEGAL_STATUSES,
    NO_PLAN_REASONS,
    PLACEMENTS,
    REVIEW_OUTCOMES,
    WARD_TYPES,
    Choice,
)

_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I: read out over the phone


def new_public_id() -> str:
    """A random pseudonymous id, e.g. ``P-7KQ2M9XD``: carries nothing about the person or area."""
    return "P-" + "".join(secrets.choice(_ALPHABET) for _ in range(8))


def _choices(options: tuple[Choice, ...]) -> list[tuple[str, str]]:
    return [(c.code, c.label) for c in options]


class PersonFactsFields(models.Model):
    """The template's facts, shared by a live ``Person`` and its frozen ``SnapshotRow`` copies."""

    commissioner_type = models.CharField(max_length=8, choices=_choices(COMMISSIONER_TYPES))
    commissioner_name = models.CharField(max_length=100)
    provider = models.CharField(max_length=100)
    ward_type = models.CharField(max_length=8, choices=_choices(WARD_TYPES))
    placement = models.CharField(max_length=4, choices=_choices(PLACEMENTS))
    distance_band = models.CharField(max_length=8, choices=_choices(DISTANCE_BANDS))
    legal_status = models.CharField(max_length=10, choices=_choices(LEGAL_STATUSES))
    age_band = models.CharField(max_length=6, choices=_choices(AGE_BANDS))
    child_or_young_person = models.BooleanField(default=False)
    admission_date = models.DateField()
    on_register_since = models.DateField()
    care_review_date = models.DateField(null=True, blank=True)
    care_review_outcome = models.CharField(max_length=8, choices=_choices(REVIEW_OUTCOMES), blank=True)
    personal_care_plan = models.BooleanField(default=False)
    care_coordinator = models.BooleanField(default=False)
    advocacy = models.BooleanField(default=False)
    health_check_date = models.DateField(null=True, blank=True)
    health_action_plan = models.BooleanField(default=False)
    planned_transfer_date = models.DateField(null=True, blank=True)
    actual_discharge_date = models.DateField(null=True, blank=True)
    discharge_destination = models.CharField(max_length=12, choices=_choices(DESTINATIONS), blank=True)
    reason_no_plan = models.CharField(max_length=10, choices=_choices(NO_PLAN_REASONS), blank=True)
    estimated_discharge_date = models.DateField(
        null=True, blank=True, help_text="When a person not out by 1 June 2014 is now expected to leave."
    )
    # Derived on save, so figures are plain column comparisons and GROUP BYs in SQL.
    admission_month = models.DateField(help_text="First day of the admission month.")
    discharge_month = models.DateField(null=True, blank=True)
    health_check_due = models.DateField(help_text="6 months after admission (rules.py).")
    review_due = models.DateField(help_text="1 June 2013, or 3 months after a later admission.")
    synthetic = models.BooleanField(default=False, help_text="Generated data, never a real person.")

    class Meta:
        abstract = True

    def set_derived(self) -> None:
        self.admission_month = self.admission_date.replace(day=1)
        self.discharge_month = (
            self.actual_discharge_date.replace(day=1) if self.actual_discharge_date else None
        )
        self.health_check_due = health_check_due_date(self)
        self.review_due = review_due_date(self)


# Fields copied from a row of the template onto a Person (the NHS number is handled separately).
FACT_FIELDS: tuple[str, ...] = tuple(
    c.name for c in COLUMNS if c.name not in ("local_reference", "nhs_number")
)
DERIVED_FIELDS = ("admission_month", "discharge_month", "health_check_due", "review_due")


class Person(PersonFactsFields):
    public_id = models.CharField(max_length=12, unique=True, default=new_public_id, editable=False)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="register_people")
    local_reference = models.CharField(max_length=30)
    nhs_number_hash = models.CharField(max_length=64, blank=True, help_text="HMAC-SHA256; never the number.")
    nhs_number_recorded = models.BooleanField(default=False)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["area", "local_reference"]
        constraints = [
            # Case-insensitive (a functional index), as the Python check and the upload's matching are: two
            # people saved at the same moment cannot both hold "abc1" and "ABC1".
            models.UniqueConstraint(
                "area", Lower("local_reference"), name="person_reference_unique_in_area_ci"
            ),
            models.UniqueConstraint(
                fields=["area", "nhs_number_hash"],
                condition=~models.Q(nhs_number_hash=""),
                name="person_nhs_number_unique_in_area",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_discharge_date__isnull=True)
                | models.Q(actual_discharge_date__gte=models.F("admission_date")),
                name="person_discharge_after_admission",
            ),
            models.CheckConstraint(
                condition=models.Q(nhs_number_recorded=False, nhs_number_hash="")
                | (models.Q(nhs_number_recorded=True) & ~models.Q(nhs_number_hash="")),
                name="person_nhs_hash_iff_recorded",
            ),
        ]
        indexes = [models.Index(fields=["area", "admission_date"], name="person_area_admission_idx")]

    def __str__(self) -> str:
        return self.public_id


class Snapshot(models.Model):
    """A national month-end cut: every person on the register as they stood when it was taken, frozen."""

    as_at = models.DateField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    people = models.PositiveIntegerField(default=0, help_text="Rows frozen in this snapshot.")
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-as_at"]

    def __str__(self) -> str:
        return f"Snapshot as at {self.as_at:%d %B %Y}"


class SnapshotRow(PersonFactsFields):
    """A copy of one person's facts at a snapshot. Never updated: "as at" figures never move."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="rows")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["snapshot", "person"], name="snapshot_row_once")]
        indexes = [
            models.Index(fields=["snapshot", "area"], name="snaprow_snapshot_area_idx"),
            models.Index(fields=["snapshot", "region"], name="snaprow_snapshot_region_idx"),
            models.Index(fields=["snapshot", "admission_date"], name="snaprow_snapshot_admit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_id}/{self.person_id}"


class UploadState(models.TextChoices):
    PREVIEWED = "previewed", "Checked, waiting to be added"
    COMMITTED = "committed", "Added to the register"
    REJECTED = "rejected", "Has errors"


class Upload(models.Model):
    """One bulk upload, checked (preview) before anything is written, then committed in one go."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="register_uploads")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)
    as_at = models.DateField(help_text="Dates after this day are refused.")
    row_count = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=UploadState.choices)
    errors = models.JSONField(default=list, blank=True)
    # Things to check that do not stop the upload (a CSV in mixed text encodings): plain-English sentences.
    warnings = models.JSONField(default=list, blank=True)
    # The checked rows (NHS number already replaced by its keyed hash), kept only until committed.
    rows = models.JSONField(default=list, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    committed_at = models.DateTimeField(null=True, blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"Upload {self.pk} ({self.filename})"
