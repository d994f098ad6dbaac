from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "concordat.returns"
    label = "returns"

    def ready(self) -> None:
        # The words for this app's audit events (audit.words).
        from concordat.questionnaires.preview import register_section_renderer
        from concordat.returns import audit_words  # noqa: F401
        from concordat.returns.preview import render_questions

        # The designer's preview draws the area's section page, which only this app knows.
        register_section_renderer(render_questions)
