"""URL keyword values for the URL-by-role access test (tests/access_matrix.py)."""

import datetime
from typing import Any

from concordat.commitments import actions
from concordat.commitments.demo import ensure_organisation_users
from concordat.commitments.loader import load_commitments
from concordat.commitments.models import Commitment, Organisation
from concordat.returns.uploads import CheckedUpload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build(world: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    load_commitments()
    nadia = world["personas"]["nadia"]
    olivia = ensure_organisation_users()["olivia"]
    commitment = Commitment.objects.get(ref="K-NHSCB-01")
    upload = CheckedUpload("plan.pdf", "application/pdf", len(PDF), "c" * 64, PDF)
    update = actions.record_status_update(
        commitment,
        as_at=datetime.date(2013, 4, 5),
        status="green",
        narrative="Registers in place.",
        evidence=upload,
        acting_user=olivia,
    )
    other = actions.record_status_update(
        Commitment.objects.get(ref="A-DH-01"),
        as_at=datetime.date(2013, 5, 1),
        status="amber",
        narrative="Monitoring under way.",
        evidence=upload,
        acting_user=nadia,
    )
    risk = actions.add_risk(
        {
            "title": "Registers incomplete",
            "description": "Some PCTs may miss the deadline.",
            "owner": Organisation.objects.get(slug="nhscb"),
            "likelihood": 3,
            "impact": 4,
            "review_date": datetime.date(2013, 7, 1),
        },
        [commitment],
        acting_user=nadia,
    )
    actions.publish_update(datetime.date(2013, 6, 1), "June 2013", "First update.", acting_user=nadia)
    return {
        "commitment_ref": ("K-NHSCB-01", "A-DH-01"),
        "update_id": (update.pk, other.pk),
        "risk_id": (risk.pk, risk.pk),
        "organisation_slug": ("nhscb", "mencap"),
        "theme_slug": ("hospital-placements", "hospital-placements"),
    }
