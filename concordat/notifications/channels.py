"""The two ways a message leaves: Django's email API (SMTP, or a file/console backend) or GOV.UK Notify.

``EMAIL_CHANNEL`` chooses: ``django`` (the default) or ``notify``.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from notifications_python_client.notifications import NotificationsAPIClient

from concordat.notifications.models import Message
from concordat.notifications.rendering import render_html


def channel_name() -> str:
    return "notify" if settings.EMAIL_CHANNEL == "notify" else "django"


def send(message: Message) -> str:
    """Send one message; returns the provider's id for it (Notify's notification id), or ""."""
    if channel_name() == "notify":
        return _send_with_notify(message)
    return _send_with_django(message)


def _send_with_django(message: Message) -> str:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.address],
        reply_to=[settings.SUPPORT_EMAIL],
        headers={"X-Concordat-Message-Id": str(message.pk)},
    )
    email.attach_alternative(render_html(message.subject, message.body), "text/html")
    email.send(fail_silently=False)
    return ""


def notify_client() -> NotificationsAPIClient:
    return NotificationsAPIClient(settings.NOTIFY_API_KEY)  # type: ignore[no-untyped-call]  # the Notify client has no annotations


def _send_with_notify(message: Message) -> str:
    """One Notify email template with two placeholders, ((subject)) and ((body)), carries every message."""
    response = notify_client().send_email_notification(  # type: ignore[no-untyped-call]  # the Notify client has no annotations
        email_address=message.address,
        template_id=settings.NOTIFY_TEMPLATE_ID,
        personalisation={"subject": message.subject, "body": message.body},
        reference=f"concordat-{message.pk}",
    )
    return str(response["id"])


def notify_status(provider_id: str) -> str:
    """Notify's delivery status for a message it accepted: delivered, permanent-failure, sending, ..."""
    notification = notify_client().get_notification_by_id(provider_id)  # type: ignore[no-untyped-call]  # the Notify client has no annotations
    return str(notification["status"])
