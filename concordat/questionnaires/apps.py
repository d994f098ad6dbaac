from django.apps import AppConfig


class QuestionnairesConfig(AppConfig):
    name = "concordat.questionnaires"
    label = "questionnaires"

    def ready(self) -> None:
        # The words for the designer's audit events (audit.words).
        from concordat.questionnaires import audit_words  # noqa: F401
