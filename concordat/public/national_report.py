"""The national report as the public reads it: built from what stood accepted when the round was published,
with good-practice examples only from areas whose return is still public."""

import dataclasses
import datetime

from django.utils import timezone

from concordat.analysis.report import Report, build_report, has_national_report
from concordat.returns.models import Publication, Round

from . import access

PUBLIC_FORMATS = ("pdf", "csv", "xlsx", "ods")


def published_report(publication: Publication) -> Report:
    report = build_report(
        publication.round,
        as_at=timezone.localtime(publication.published_at).date(),
        built_at=publication.published_at,
    )
    live = access.live_area_codes(publication)
    return dataclasses.replace(report, examples=tuple(e for e in report.examples if e.area.ons_code in live))


def report_editions(as_at: datetime.date) -> list[Publication]:
    """Live publications of rounds with a national report (a status report has none), newest first."""
    live = access.live_publications(as_at)
    return [p for p in live if has_national_report(p.round)]


def report_publication(rnd: Round, as_at: datetime.date) -> Publication | None:
    publication = access.live_publication(rnd, as_at)
    return publication if publication is not None and has_national_report(rnd) else None
