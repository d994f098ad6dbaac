from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "concordat.imports"
    label = "imports"

    def ready(self) -> None:
        # The words for this app's audit events (audit.words).
        from concordat.imports import audit_words  # noqa: F401
