"""Documents read into a return: the stored file, what was read from it, and whether a person confirmed it."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from concordat.returns.models import Return


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
