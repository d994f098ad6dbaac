"""The Concordat's organisations, themes and commitments, and the progress recorded against them.

Reference data (organisations, themes, commitments) comes from ``data/concordat-2012.yaml`` through
``loader.load_commitments``. Progress (status updates, challenges, risks, published updates) is written only
by ``actions.py``. Whether a commitment is overdue is never stored: it is derived from its deadline window and
an as-at date (``status.py``).
"""

from django.conf import settings
from django.db import models

from concordat.commitments.deadlines import DeadlineWindow


class OrganisationKind(models.TextChoices):
    SIGNATORY = "signatory", "Signatory"
    PARTNER = "partner", "Partner (not a signatory)"
    GROUP = "group", "Group of signatories"


class Organisation(models.Model):
    """A signatory, a partner named as acting, or a group of signatories that owns commitments jointly."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=10, choices=OrganisationKind.choices)
    category = models.CharField(max_length=60, blank=True, help_text="The dataset's kind, e.g. 'advocacy'.")
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    members = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="groups",
        help_text="For a group: its signatories.",
    )

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        # Some names already end with their abbreviation ("Local Government Association (LGA)").
        if not self.short_name or self.name.endswith(f"({self.short_name})"):
            return self.name
        return f"{self.name} ({self.short_name})"


class Theme(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class WindowKind(models.TextChoices):
    DUE = "due", "Due by a date"
    WINDOW = "window", "Due within a period"
    START = "start", "Starts on a date"
    ONGOING = "ongoing", "Ongoing"
    NONE = "none", "No date given"


class Commitment(models.Model):
    """One commitment of the Concordat. The window columns are derived from ``deadline_text`` at load."""

    ref = models.CharField(max_length=20, unique=True)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    context = models.TextField(blank=True)
    note = models.TextField(blank=True)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="commitments")
    owners = models.ManyToManyField(Organisation, through="CommitmentOwner", related_name="commitments")
    deadline_text = models.CharField(max_length=200, blank=True)
    window_kind = models.CharField(max_length=10, choices=WindowKind.choices, default=WindowKind.NONE)
    window_start = models.DateField(null=True, blank=True)
    window_end = models.DateField(null=True, blank=True)
    source_section = models.CharField(max_length=300)
    source_opens = models.CharField(max_length=300)
    source_first_line = models.PositiveIntegerField()
    source_last_line = models.PositiveIntegerField()
    is_key_action = models.BooleanField(default=False)
    same_as = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="restated_by")

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                name="commitment_window_order",
                condition=models.Q(window_start__isnull=True)
                | models.Q(window_end__isnull=True)
                | models.Q(window_end__gte=models.F("window_start")),
            ),
            models.CheckConstraint(
                name="commitment_source_lines_order",
                condition=models.Q(source_last_line__gte=models.F("source_first_line")),
            ),
        ]

    def __str__(self) -> str:
        return self.ref

    @property
    def window(self) -> DeadlineWindow:
        return DeadlineWindow(self.window_kind, self.window_start, self.window_end, self.deadline_text)  # type: ignore[arg-type]  # the column's choices are DeadlineKind's values


class CommitmentOwner(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="ownerships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="ownerships")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["commitment", "position"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "organisation"], name="commitment_owner_unique")
        ]

    def __str__(self) -> str:
        return f"{self.commitment.ref}: {self.organisation.slug}"


class OrganisationMembership(models.Model):
    """A user who works for an organisation and may record progress on its commitments."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="organisation_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation}"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"


def evidence_path(instance: "StatusUpdate", filename: str) -> str:
    # Stored under its hash: the original name is data, never a path.
    return f"commitments/{instance.evidence_sha256[:2]}/{instance.evidence_sha256}"


class StatusUpdate(models.Model):
    """Progress on a commitment as at a date. Kept for history and never edited."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="updates")
    as_at = models.DateField()
    status = models.CharField(max_length=10, choices=Rag.choices)
    narrative = models.TextField()
    evidence_links = models.TextField(blank=True, help_text="http(s) addresses, one a line.")
    evidence_file = models.FileField(upload_to=evidence_path, max_length=200, blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_content_type = models.CharField(max_length=120, blank=True)
    evidence_size = models.PositiveIntegerField(null=True, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who the update was made for; empty when the national team recorded it.",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["commitment", "as_at", "created_at", "id"]
        indexes = [models.Index(fields=["commitment", "as_at"], name="update_commitment_as_at")]

    def __str__(self) -> str:
        return f"{self.commitment.ref} {self.get_status_display()} as at {self.as_at:%d %B %Y}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Status updates are history and cannot be changed.")
        super().save(*args, **kwargs)

    @property
    def links(self) -> list[str]:
        return [line for line in self.evidence_links.splitlines() if line.strip()]


class Challenge(models.Model):
    """A comment or challenge by another organisation's user, shown with the commitment's history."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="challenges")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="challenges_made")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Challenge on {self.commitment.ref} by {self.organisation}"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Risk(models.Model):
    """An entry in the Programme Board's risk log."""

    title = models.CharField(max_length=200)
    description = models.TextField()
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="risks")
    likelihood = models.PositiveSmallIntegerField()
    impact = models.PositiveSmallIntegerField()
    mitigation = models.TextField(blank=True)
    review_date = models.DateField()
    commitments = models.ManyToManyField(Commitment, blank=True, related_name="risks")
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "-likelihood", "-impact", "title"]
        constraints = [
            models.CheckConstraint(
                name="risk_likelihood_1_to_5", condition=models.Q(likelihood__range=(1, 5))
            ),
            models.CheckConstraint(name="risk_impact_1_to_5", condition=models.Q(impact__range=(1, 5))),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class PublishedUpdate(models.Model):
    """A deliberate publication by the national team: a frozen snapshot of every commitment's status.

    Public pages show only the latest publication's ``snapshot``, never live updates.
    """

    as_at = models.DateField()
    title = models.CharField(max_length=200)
    summary = models.TextField()
    snapshot = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = ["published_at", "id"]

    def __str__(self) -> str:
        return f"{self.title} (as at {self.as_at:%d %B %Y})"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Published updates cannot be changed.")
        super().save(*args, **kwargs)
