from django.conf import settings
from django.db import models


class IdempotentRequest(models.Model):
    """A write made with an ``Idempotency-Key``: repeating it replays this answer instead of writing again.

    Saved in the same transaction as the write it answers, so a key is recorded exactly when its write
    happened."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the method, path and body.")
    status = models.PositiveSmallIntegerField()
    body = models.TextField()
    etag = models.CharField(max_length=80, blank=True)
    preference_applied = models.CharField(
        max_length=40, blank=True, default="", help_text="The answer's Preference-Applied header, if any."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"
