"""URL keyword values for the URL x role access test (tests/test_url_access.py): the API's own keywords."""

from typing import Any


def build(world: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    questionnaire = world["round"].questionnaire
    return {
        "questionnaire_slug": (questionnaire.slug, questionnaire.slug),
        "version": (questionnaire.version, questionnaire.version),
    }
