import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_models_have_no_unmigrated_changes() -> None:
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
