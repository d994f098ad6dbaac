"""The returns' vocabulary is defined once; the Django choices are built from it and agree with it."""

from concordat.accounts.models import SignatoryRole as MembershipSignatoryRole
from concordat.returns import vocabulary
from concordat.returns.models import Status


def test_stored_statuses_are_the_answered_statuses_of_the_vocabulary() -> None:
    assert Status.values == [s.value for s in vocabulary.ANSWERED]
    assert dict(Status.choices) == {s.value: vocabulary.FORM_LABELS[s] for s in vocabulary.ANSWERED}


def test_membership_signatory_roles_are_the_vocabulary_roles_in_the_same_order() -> None:
    assert MembershipSignatoryRole.values == list(vocabulary.SIGNATORY_ROLES)


def test_signatory_roles_have_the_same_words_as_the_memberships() -> None:
    assert dict(MembershipSignatoryRole.choices) == dict(vocabulary.SIGNATORY_LABELS)
    assert vocabulary.signatory_label("hwb_chair") == "Chair of the Health and Wellbeing Board"
    chair = vocabulary.signatory_label("hwb_chair", in_sentence=True)
    assert chair == "chair of the Health and Wellbeing Board"
    assert vocabulary.signatory_label("ccg", in_sentence=True) == "CCG representative"


def test_every_answer_field_has_words_for_the_audit_trail() -> None:
    assert set(vocabulary.ANSWER_FIELD_LABELS) == set(vocabulary.ANSWER_FIELDS)


def test_blank_is_stored_as_the_empty_string_and_read_back_as_blank() -> None:
    assert vocabulary.stored_status(vocabulary.Status.BLANK) == ""
    assert vocabulary.stored_status(vocabulary.Status.PARTIAL) == "partial"
    assert vocabulary.status_of("") is vocabulary.Status.BLANK
    assert vocabulary.status_of("maybe") is vocabulary.Status.BLANK
    assert vocabulary.status_of("na") is vocabulary.Status.NA


def test_the_vocabulary_and_the_reading_library_import_without_django() -> None:
    import subprocess
    import sys

    code = (
        "import sys, concordat.returns.vocabulary, concordat.imports.reading, concordat.analysis.records; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def _answer(**values: object) -> dict[str, object]:
    return {
        "status": "yes",
        "evidence": "Our plan is agreed.",
        "good_practice": False,
        "good_practice_description": "",
        "support_required": False,
        "support_description": "",
        **values,
    }


def test_an_answer_is_complete_with_a_status_evidence_and_every_tick_described() -> None:
    assert vocabulary.is_complete(_answer(), needs_status=True)
    assert vocabulary.is_complete(
        _answer(good_practice=True, good_practice_description="Our register."), needs_status=True
    )


def test_a_good_practice_or_support_tick_without_a_description_leaves_the_answer_incomplete() -> None:
    assert vocabulary.answer_problems(_answer(good_practice=True), needs_status=True) == [
        "describe the good practice example, or untick it"
    ]
    assert vocabulary.answer_problems(
        _answer(support_required=True, support_description="  "), needs_status=True
    ) == ["say what support you need, or untick support required"]


def test_a_question_answered_in_words_needs_no_status_but_an_assessment_does() -> None:
    assert vocabulary.is_complete(_answer(status=""), needs_status=False)
    assert vocabulary.answer_problems(_answer(status="", evidence=" "), needs_status=True) == [
        "select Yes, Partially, No or Not applicable",
        "enter your assessment and evidence",
    ]
    assert not vocabulary.is_complete(None, needs_status=False)
