import csv
import io
from typing import Any

import pytest

from concordat.areas.models import Area
from concordat.returns import actions
from concordat.returns.exports import submitted_csv
from concordat.returns.models import Return
from concordat.returns.tests.builders import change_answer, filled_return, submitted_return

pytestmark = pytest.mark.django_db


def _table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_each_submitted_return_is_a_row_with_every_answers_fields(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    submitted_return(stocktake, "E09000015", personas["harriet"])
    filled_return(stocktake, "E08000035", personas["leo"])  # a draft only: not in the export
    rows = _table(submitted_csv(stocktake, Area.objects.all()))
    assert [r["ons_code"] for r in rows] == ["E09000015"]
    harrow = rows[0]
    assert harrow["area"] == "Harrow" and harrow["region"] == "London" and harrow["version"] == "1"
    assert harrow["1.1 status"] == "yes" and harrow["1.1 evidence"] == "Yes; a joint group is in place. (1.1)"
    assert harrow["1.1 good_practice"] == "no" and harrow["completed_by"] == "Amanda Dade"
    assert len(harrow) == 7 + 61 * 7


def test_the_export_shows_the_submitted_version_not_a_later_draft(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    submitted_return(stocktake, "E09000015", personas["harriet"])
    ret = Return.objects.get(round=stocktake, area__ons_code="E09000015")
    q = ret.answers.get(question__number="1.1")
    actions.save_answers(
        ret,
        {q.question: {"status": "no", "evidence": '=HYPERLINK("http://evil")'}},
        revisions={q.question_id: q.revision},
        acting_user=personas["harriet"],
    )
    rows = _table(submitted_csv(stocktake, Area.objects.all()))
    assert rows[0]["1.1 status"] == "yes"


def test_formulas_in_evidence_are_neutralised(stocktake: Any, personas: dict[str, Any]) -> None:
    ret = filled_return(stocktake, "E09000015", personas["harriet"])
    q = ret.answers.get(question__number="1.1")
    actions.save_answers(
        ret,
        {q.question: {"status": "yes", "evidence": '=HYPERLINK("http://evil")'}},
        revisions={q.question_id: q.revision},
        acting_user=personas["harriet"],
    )
    actions.submit_return(Return.objects.get(pk=ret.pk), acting_user=personas["harriet"])
    rows = _table(submitted_csv(stocktake, Area.objects.all()))
    assert rows[0]["1.1 evidence"] == '\'=HYPERLINK("http://evil")'


def test_only_the_areas_given_are_exported(stocktake: Any, personas: dict[str, Any]) -> None:
    submitted_return(stocktake, "E09000015", personas["harriet"])
    submitted_return(stocktake, "E08000035", personas["leo"])
    rows = _table(submitted_csv(stocktake, Area.objects.filter(region__code="E12000007")))
    assert [r["ons_code"] for r in rows] == ["E09000015"]


def test_read_in_batches_each_row_keeps_its_own_returns_answers(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    # Batches smaller than the export: on PostgreSQL the next one is fetched by a second thread.
    editors = {"E09000015": personas["harriet"], "E08000035": personas["leo"]}
    for code, editor in editors.items():
        ret = change_answer(filled_return(stocktake, code, editor), editor, "1.1", f"What {code} sent.")
        actions.submit_return(Return.objects.get(pk=ret.pk), acting_user=editor)
    whole = submitted_csv(stocktake, Area.objects.all())
    for batch in (1, 2):
        assert submitted_csv(stocktake, Area.objects.all(), batch=batch) == whole
    rows = _table(whole)
    assert [(r["area"], r["1.1 evidence"]) for r in rows] == [
        ("Harrow", "What E09000015 sent."),
        ("Leeds", "What E08000035 sent."),
    ]
