"""The national report as the public reads it: built from what stood accepted when the round was published,
with good-practice examples only from areas whose return is still public."""

import dataclasses

from django.utils import timezone

from concordat.analysis.report import Report, build_report
from concordat.returns.models import Publication

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
