from django.conf import settings
from django.db import models
from django.utils import timezone

from concordat.notifications.kinds import CHOICES


class MessageState(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    DELIVERED = "delivered", "Delivered"


class Message(models.Model):
    """One email to one person, queued inside the transaction of the change it reports.

    ``dedup_key`` names the event and the person (``sign:<version>:<user>``): the same event never queues
    a second message. The send task moves it from queued to sent (or failed after its last attempt).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="email_messages"
    )
    address = models.EmailField()
    kind = models.CharField(max_length=30, choices=CHOICES)
    template = models.CharField(max_length=200)
    context = models.JSONField(default=dict)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    link = models.URLField(max_length=500, blank=True)
    dedup_key = models.CharField(max_length=300, unique=True)
    state = models.CharField(max_length=10, choices=MessageState.choices, default=MessageState.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    channel = models.CharField(max_length=20, blank=True)
    provider_id = models.CharField(max_length=100, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="message_state_next_attempt")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.address}"


class Preference(models.Model):
    """A person's choice about one optional kind of message. No row means they get it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(max_length=30, choices=CHOICES)
    wanted = models.BooleanField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {'on' if self.wanted else 'off'}"
