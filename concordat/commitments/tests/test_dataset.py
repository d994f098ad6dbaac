"""The Concordat commitments dataset against the seed document it was made from."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from concordat.commitments.dataset import DEFAULT_PATH, DatasetError, load_dataset
from concordat.seeds import CONCORDAT_DOCUMENT
from tests.seeds import require

# Commitments naming each owner, counted by hand from the document (a joint commitment counts for each owner).
EXPECTED_PER_OWNER = {
    "dh": 41,  # 7 key actions + 34 of the 35 DH Annex A items (the joint inspection is the inspectorates')
    "nhscb": 23,  # 3 key actions + 2 joint with LGA + 13 in the first Annex A section + 5 of its own
    "lga": 17,  # 2 key actions with NHSCB + 13 first-section + 2 of its own
    "adass": 17,  # 13 first-section + directors' responsibility + 3 joint with ADCS
    "adcs": 17,
    "nhs-clinical-commissioners": 13,
    "cqc": 19,  # 2 key actions + 15 of its own + the joint child-protection inspection twice
    "health-and-care-commissioners": 6,
    "provider-representative-organisations": 8,
    "housing-and-support-alliance": 1,  # footnote 7: reduce specialist hospitals
    "vodg": 1,
    "sitra": 1,
    "nhf": 1,
    "housing-lin": 1,
    "skills-for-care": 2,
    "skills-for-health": 1,
    "professional-bodies": 4,
    "rcpsych": 3,
    "rcgp": 2,
    "rcn": 1,
    "rps": 1,
    "tcsw": 1,
    "bps": 1,
    "rcslt": 1,
    "nqb": 1,
    "nice": 2,
    "healthwatch-england": 1,
    "hee": 1,
    "acpo": 2,
    "forums-and-voluntary-sector": 1,
    "all-signatories": 2,
    "dfe": 4,
    "ofsted": 3,
    "hmic": 2,
    "hmi-probation": 2,
    "hmi-prisons": 2,
    "learning-disability-programme-board": 2,
    "tlap-market-development-forum": 1,
    "developing-care-markets": 1,
}

EXPECTED_PER_SECTION = {
    "K": 24,
    "A-COMM": 14,
    "A-PRO": 9,
    "A-CQC": 15,
    "A-SKILLS": 2,
    "A-PROF": 11,
    "A-NQB": 1,
    "A-NICE": 2,
    "A-HWE": 1,
    "A-HEE": 1,
    "A-NHSCB": 5,
    "A-ADASS": 3,
    "A-LGA": 2,
    "A-ACPO": 2,
    "A-DH": 35,
    "A-FORUMS": 1,
}


_FOOTNOTE = re.compile(r"^[\u2070-\u2079\u00b9\u00b2\u00b3]")


def _normalise(text: str) -> str:
    """Whitespace-normalised text without bullets, emphasis or footnote markers."""
    text = re.sub(r"[\u2070-\u2079\u00b9\u00b2\u00b3]", "", text).replace("*", "")
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return require(CONCORDAT_DOCUMENT).read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def seed_text(seed_lines: list[str]) -> str:
    """The seed's body text: running page headers and footnotes (which split paragraphs) dropped."""
    kept = []
    for line in seed_lines:
        stripped = line.strip()
        if stripped == "Concordat: Programme of Action" or _FOOTNOTE.match(stripped):
            continue
        kept.append(re.sub(r"^\s*(?:-|\u25aa)\s*", "", line))
    return _normalise(" ".join(kept))


def test_counts() -> None:
    data = load_dataset()
    assert len(data.signatories) == 51
    assert len(data.commitments) == 128
    assert sum(c.is_key_action for c in data.commitments) == 24


def test_signatories_are_the_list_in_the_document(seed_lines: list[str]) -> None:
    start = seed_lines.index("Signed by:") + 2
    listed = [line.removeprefix("- ").rstrip("\u00b3") for line in seed_lines[start : start + 51]]
    assert [s.name for s in load_dataset().signatories] == listed


def test_commitments_per_owner() -> None:
    counted = Counter(owner for c in load_dataset().commitments for owner in c.owners)
    assert dict(counted) == EXPECTED_PER_OWNER


def test_commitments_per_section() -> None:
    counted = Counter("K" if c.is_key_action else c.ref.rsplit("-", 1)[0] for c in load_dataset().commitments)
    assert dict(counted) == EXPECTED_PER_SECTION


def test_group_members() -> None:
    groups = {g.slug: g for g in load_dataset().groups}
    assert len(groups["all-signatories"].members) == 51
    assert len(groups["provider-representative-organisations"].members) == 11  # footnote 5
    assert "ldps" in groups["professional-bodies"].members


def test_every_commitment_is_complete() -> None:
    data = load_dataset()
    themes = {t.slug for t in data.themes}
    for item in data.commitments:
        assert item.owners and item.text.strip() and item.theme in themes, item.ref
        assert item.source.section and item.source.opens, item.ref
        if item.deadline_text is None:
            assert item.window.kind == "none", item.ref
        else:
            assert item.window.kind != "none", item.ref
            assert item.window.phrase == item.deadline_text
            if item.window.kind in ("due", "window"):
                assert item.window.end is not None, item.ref
            if item.window.kind == "start":
                assert item.window.start is not None, item.ref


def test_text_and_context_occur_verbatim_in_the_seed(seed_text: str) -> None:
    for item in load_dataset().commitments:
        assert _normalise(item.text) in seed_text, item.ref
        if item.context is not None:
            assert _normalise(item.context) in seed_text, item.ref


def test_deadline_text_is_in_the_text_or_its_lead_in() -> None:
    for item in load_dataset().commitments:
        if item.deadline_text is not None:
            assert item.deadline_text in item.text or item.deadline_text in (item.context or ""), item.ref


def test_source_lines_locate_the_text(seed_lines: list[str]) -> None:
    for item in load_dataset().commitments:
        first = _normalise(seed_lines[item.source.first_line - 1])
        assert _normalise(item.source.opens) in first, item.ref
        assert item.text.split()[-1].rstrip(".;,:") in seed_lines[item.source.last_line - 1], item.ref


def test_key_actions_point_at_annex_a() -> None:
    data = load_dataset()
    for item in data.commitments:
        for other in item.same_as:
            assert item.is_key_action and not data.commitment(other).is_key_action


def test_loading_twice_gives_equal_results() -> None:
    assert load_dataset() == load_dataset(DEFAULT_PATH)


def test_commitments_for_through_groups() -> None:
    data = load_dataset()
    direct = data.commitments_for("sitra")
    assert [c.ref for c in direct] == ["A-PRO-09"]
    through = data.commitments_for("sitra", through_groups=True)
    assert len(through) == 1 + 8 + 2  # own + provider representative organisations + all signatories


BROKEN = """
about: test
signatories:
  - {slug: dh, name: Department of Health, short_name: DH, kind: government}
partners: []
groups:
  - {slug: all-signatories, name: All, description: all, members: null, membership_basis: all}
  - {slug: odd, name: Odd, description: odd, members: [nobody], membership_basis: judgement}
themes:
  - {slug: t, name: T, headings: []}
commitments:
  - {ref: A-DH-01, owners: [dh], theme: t, deadline_text: null, text: x,
     source: {section: s, opens: x, lines: [1, 1]}}
  - {ref: A-DH-01, owners: [dfe], theme: nope, deadline_text: "soonish", text: y,
     source: {section: s, opens: y, lines: [2, 2]}}
  - {ref: bad, owners: [], theme: t, deadline_text: "in due course", text: z,
     source: {section: s, opens: z, lines: [3, 1]}}
  - {ref: A-DH-02, owners: [dh, dh], theme: nope, deadline_text: null, text: w,
     source: {section: s, opens: w, lines: [4, 4]}, same_as: [A-DH-09]}
"""


def test_invalid_dataset_reports_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    problems = "\n".join(caught.value.problems)
    for expected in [
        "member 'nobody' is not a signatory",
        "unrecognised deadline phrase: 'soonish'",
        "ref must look like",
        "has no owners",
        "gives no date",
        "source.lines",
        "ref 'A-DH-01' is defined more than once",
        "theme 'nope' is not defined",
        "an owner is listed twice",
        "same_as 'A-DH-09'",
    ]:
        assert expected in problems


def test_an_organisation_named_with_its_abbreviation_is_not_labelled_with_it_twice() -> None:
    from concordat.commitments.models import Organisation

    assert Organisation(name="Local Government Association (LGA)", short_name="LGA").label == (
        "Local Government Association (LGA)"
    )
    assert Organisation(name="Department of Health", short_name="DH").label == "Department of Health (DH)"
    assert Organisation(name="Mencap", short_name="").label == "Mencap"
