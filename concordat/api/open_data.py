"""Open data: what the public pages already publish about a round, as tables anyone may download.

Facts about organisations only (``public.progress``: whether each area sent, on time, signed off and had
accepted its return) and the national totals; never an answer, never anything about a person. Each round has
a stable URL; each table is described by CSVW metadata and carries the Open Government Licence.
"""

import csv
import datetime
import hashlib
import io
from typing import Any

from django.db.models import Max
from django.http import Http404

from concordat.areas.models import Area
from concordat.public.progress import area_facts, public_rounds, round_progress
from concordat.returns.models import ReturnVersion, Review, Round, Signature

LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
LICENCE = "Contains public sector information licensed under the Open Government Licence v3.0."
PUBLISHER = "Concordat national programme team"

# name, CSVW datatype, description
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("ons_code", "string", "ONS code of the Health and Wellbeing Board area"),
    ("area", "string", "Name of the area"),
    ("region_code", "string", "ONS code of the region"),
    ("region", "string", "Name of the region"),
    ("sent", "boolean", "The area has sent its return"),
    ("sent_on", "date", "The date the area first sent its return (empty if not sent)"),
    ("on_time", "boolean", "Sent on or before the deadline (empty if not sent)"),
    ("signed_off", "boolean", "All three signatories have signed the version sent"),
    ("accepted", "boolean", "The national team has accepted the return"),
)


def public_round(slug: str) -> Round:
    """A round the public pages tell about (real, and opened); any other slug is unknown."""
    for rnd in public_rounds():
        if rnd.slug == slug:
            return rnd
    raise Http404


def area_rows(rnd: Round) -> list[dict[str, Any]]:
    rows = []
    for area in Area.objects.current(rnd.deadline).select_related("region").order_by("ons_code"):
        fact = area_facts(area, [rnd])[0]
        rows.append(
            {
                "ons_code": area.ons_code,
                "area": area.name,
                "region_code": area.region.code,
                "region": area.region.name,
                "sent": fact.sent,
                "sent_on": fact.sent_on.isoformat() if fact.sent_on else None,
                "on_time": fact.on_time,
                "signed_off": fact.signed_off,
                "accepted": fact.accepted,
            }
        )
    return rows


def england(rnd: Round) -> dict[str, Any]:
    p = round_progress(rnd)
    return {
        "areas": p.areas,
        "sent": p.sent,
        "on_time": p.on_time,
        "signed_off": p.signed_off,
        "accepted": p.accepted,
    }


def last_modified(rnd: Round) -> datetime.datetime:
    """When a published fact last changed: a version sent, a signature given or a review decided."""
    moments = [
        ReturnVersion.objects.filter(ret__round=rnd).aggregate(m=Max("submitted_at"))["m"],
        Signature.objects.filter(version__ret__round=rnd).aggregate(m=Max("signed_at"))["m"],
        Review.objects.filter(version__ret__round=rnd).aggregate(m=Max("decided_at"))["m"],
    ]
    found: list[datetime.datetime] = [m for m in moments if m is not None]
    if found:
        return max(found)
    return datetime.datetime.combine(rnd.opens_on, datetime.time(), tzinfo=datetime.UTC)


def round_document(rnd: Round, rows: list[dict[str, Any]], urls: dict[str, str]) -> dict[str, Any]:
    return {
        "round": {"slug": rnd.slug, "title": rnd.title, "opens_on": rnd.opens_on, "deadline": rnd.deadline},
        "licence": {"text": LICENCE, "url": LICENCE_URL},
        "links": urls,
        "england": england(rnd),
        "areas": rows,
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def areas_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _, _ in COLUMNS])
    for row in rows:
        writer.writerow([_cell(row[name]) for name, _, _ in COLUMNS])
    return out.getvalue()


def csvw_metadata(rnd: Round, csv_url: str, modified: datetime.datetime) -> dict[str, Any]:
    return {
        "@context": "http://www.w3.org/ns/csvw",
        "url": csv_url,
        "dc:title": f"{rnd.title}: which areas have sent, signed off and had accepted their return",
        "dc:publisher": PUBLISHER,
        "dc:license": {"@id": LICENCE_URL},
        "dc:rights": LICENCE,
        "dc:modified": {"@value": modified.isoformat(), "@type": "xsd:dateTime"},
        "tableSchema": {
            "columns": [
                {"name": name, "titles": name, "datatype": datatype, "dc:description": description}
                for name, datatype, description in COLUMNS
            ],
            "primaryKey": "ons_code",
        },
    }


def etag_for(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
