"""The reading benchmark's tests read the stocktake questionnaire as the reader sees it."""

import pytest

from concordat.imports.reading import DEFAULT_QUESTIONNAIRE, Questionnaire, load_questionnaire


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return load_questionnaire(DEFAULT_QUESTIONNAIRE)
