from django.db import models

DEFAULT_DAYS_BEFORE = [14, 7, 2, 0]


def default_days_before() -> list[int]:
    return list(DEFAULT_DAYS_BEFORE)


class ReminderSchedule(models.Model):
    """When a round's reminders go: so many days before its deadline, then weekly while late.

    A round without a row uses the default: 14, 7, 2 and 0 days before, and weekly when late.
    """

    round = models.OneToOneField("returns.Round", on_delete=models.CASCADE, related_name="reminder_schedule")
    days_before = models.JSONField(default=default_days_before)
    weekly_when_late = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"Reminders for {self.round}"
