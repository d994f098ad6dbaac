from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "concordat.notifications"
    label = "notifications"
    verbose_name = "Email notifications"

    def ready(self) -> None:
        # Connects the receivers for the account messages (invitation, locked account).
        from concordat.notifications import account_mail  # noqa: F401
