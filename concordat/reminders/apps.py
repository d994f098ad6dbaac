from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "concordat.reminders"
    label = "reminders"
    verbose_name = "Deadline reminders"
