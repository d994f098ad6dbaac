from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "concordat.register"
    label = "register"

    def ready(self) -> None:
        from concordat.register import may_update
        from concordat.returns.panels import register_section_panel

        # The May 2014 update's people are the register's: it fills that section's panel (returns.panels).
        register_section_panel(may_update.QUESTIONNAIRE, may_update.SECTION, may_update.panel)
