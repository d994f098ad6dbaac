from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "concordat.returns"
    label = "returns"

    def ready(self) -> None:
        # The words for this app's audit events (audit.words).
        from concordat.returns import audit_words  # noqa: F401
