"""Documents read into a return: the stored file, what was read from it, and whether a person confirmed it."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from concordat.areas.models import Area
from concordat.returns.models import Return, Round


class DocumentState(models.TextChoices):
    READ = "read", "Read, waiting to be checked"
    CONFIRMED = "confirmed", "Confirmed into the draft"
    DISCARDED = "discarded", "Discarded"


def document_path(instance: "ImportedDocument", filename: str) -> str:
    # Stored under its hash: the original name is data, never a path.
    return f"imports/{instance.sha256[:2]}/{instance.sha256}"


class ImportedDocumentQuerySet(models.QuerySet["ImportedDocument"]):
    def waiting(self) -> "ImportedDocumentQuerySet":
        return self.filter(state=DocumentState.READ)


class ImportedDocument(models.Model):
    """One completed return document uploaded for an area's return. The same file (by hash) is kept once."""

    ret = models.ForeignKey(Return, on_delete=models.PROTECT, related_name="imported_documents")
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    format = models.CharField(max_length=10, help_text="The kind read from the content: docx, xlsx, pdf ...")
    file = models.FileField(upload_to=document_path, max_length=200)
    reading = models.JSONField(help_text="Reading.to_json_dict() of the document, as first read.")
    source_text = models.TextField(blank=True, help_text="The document's text as read, shown beside it.")
    state = models.CharField(max_length=10, choices=DocumentState.choices, default=DocumentState.READ)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = ImportedDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["ret", "sha256"], name="imported_document_once_per_return"),
            models.CheckConstraint(
                condition=models.Q(state="confirmed", confirmed_at__isnull=False)
                | ~models.Q(state="confirmed"),
                name="imported_document_confirmed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def questions(self) -> dict[str, dict[str, Any]]:
        return dict(self.reading.get("questions", {}))

    @property
    def needs_review_count(self) -> int:
        return sum(1 for q in self.questions.values() if q.get("needs_review"))


class UploadState(models.TextChoices):
    QUEUED = "queued", "Waiting to be read"
    READ = "read", "Read"
    FAILED = "failed", "Could not be read"


def upload_path(instance: "DocumentUpload", filename: str) -> str:
    return f"imports/uploads/{instance.sha256[:2]}/{instance.sha256}"


class DocumentUpload(models.Model):
    """A document uploaded through the web, kept until the worker has read it (decision 0105).

    Reading it makes the ``ImportedDocument`` (``document``) and deletes this copy of the file; a document
    that cannot be read keeps only the plain-English reason (``message``), never half a reading.
    """

    # The round and area, not the return: a document that cannot be read must not create the return.
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    file = models.FileField(upload_to=upload_path, max_length=200, blank=True)
    state = models.CharField(max_length=10, choices=UploadState.choices, default=UploadState.QUEUED)
    message = models.TextField(blank=True, help_text="Why the document could not be read, in plain English.")
    document = models.ForeignKey(
        ImportedDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def ret(self) -> Return:
        """The return the document is for (not yet saved when nothing has been written to it)."""
        found = Return.objects.select_related("round__questionnaire", "area").filter(
            round_id=self.round_id, area_id=self.area_id
        )
        return found.first() or Return(round=self.round, area=self.area)
