import datetime

from django.db import models


class Region(models.Model):
    """One of the nine English regions (ONS E12 code)."""

    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class AreaType(models.TextChoices):
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN = "metropolitan", "Metropolitan district"
    LONDON = "london", "London borough"
    COUNTY = "county", "County council"
    OTHER = "other", "Other"


class AreaQuerySet(models.QuerySet["Area"]):
    def current(self, on: datetime.date | None = None) -> "AreaQuerySet":
        """Areas valid on a date (today's set when no date is given)."""
        if on is None:
            return self.filter(valid_to__isnull=True)
        return self.filter(valid_from__lte=on).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=on)
        )


class Area(models.Model):
    """A Health and Wellbeing Board area. Areas change: close one and add another, never edit history."""

    ons_code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=120)
    type = models.CharField(max_length=20, choices=AreaType.choices)
    type_label = models.CharField(max_length=80, help_text="The type as the reference data writes it.")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="areas")
    valid_from = models.DateField(default=datetime.date(2013, 4, 1))
    valid_to = models.DateField(null=True, blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ons_code__regex=r"^E(06|08|09|10)[0-9]{6}$"), name="area_ons_code_format"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=models.F("valid_from")),
                name="area_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return self.name
