"""A person's local reference is unique in its area whatever its case, in the database (a functional index).

Before the constraint is added, existing people are checked: a pair of references that differ only in case
stops the migration with their names, so they can be put right, instead of a bare integrity error.
"""

import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models.functions import Lower


def refuse_case_duplicates(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    person = apps.get_model("register", "Person")
    clashes = (
        person.objects.annotate(reference=Lower("local_reference"))
        .values("area__ons_code", "reference")
        .annotate(n=models.Count("id"))
        .filter(n__gt=1)
        .order_by("area__ons_code", "reference")
    )
    found = [f"{c['area__ons_code']}: {c['reference']} ({c['n']} people)" for c in clashes[:20]]
    if found:
        raise RuntimeError(
            "Some people in the register have local references that differ only in case. Give each a "
            "distinct reference, then migrate again: " + "; ".join(found)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0001_initial"),
        ("register", "0002_estimated_discharge_date"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(refuse_case_duplicates, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="person", name="person_reference_unique_in_area"),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                models.F("area"),
                django.db.models.functions.text.Lower("local_reference"),
                name="person_reference_unique_in_area_ci",
            ),
        ),
    ]
