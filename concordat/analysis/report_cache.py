"""The report page's body, and the dashboard's figures, built once per state of their round.

Building the national report decodes every counted version and draws its charts (about a second on its
first view). Its inputs change only when a version is submitted, signed, reviewed or removed, or when a
good-practice example changes: ``round_state`` fingerprints exactly those, so a cached body is never stale
and no action has to remember to invalidate it. The key also holds the basis (provisional, as-at date)
and, for the dashboard, the regions the reader may analyse and the filters, so one reader's page is never
served to another whose scope differs.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max
from django.template.loader import render_to_string
from django.utils import timezone

from concordat.analysis.models import GoodPracticeExample
from concordat.returns.models import ReturnVersion, Review, Round, Signature

from .report import build_report, context, has_national_report

TIMEOUT = 60 * 60


def round_state(rnd: Round) -> str:
    """A digest of what the report reads that can change: four aggregate queries."""
    parts: list[Any] = [rnd.pk, rnd.questionnaire_id, rnd.opens_on, rnd.deadline]
    for queryset, latest in (
        (ReturnVersion.objects.filter(ret__round=rnd), "id"),
        (Signature.objects.filter(version__ret__round=rnd), "id"),
        (Review.objects.filter(version__ret__round=rnd), "id"),
        (GoodPracticeExample.objects.filter(round=rnd), "updated_at"),
    ):
        found = queryset.order_by().aggregate(n=Count("id"), last=Max(latest))
        parts += [found["n"], str(found["last"])]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class CachedReport:
    title: str
    provisional: bool
    body: str


def report_page(rnd: Round, options: dict[str, Any]) -> CachedReport:
    key = f"analysis:report:{round_state(rnd)}:{options.get('provisional')}:{options.get('as_at')}"
    found = cache.get(key)
    if isinstance(found, CachedReport):
        return found
    report = build_report(rnd, **options, built_at=timezone.now())
    built = CachedReport(
        report.title, report.data.provisional, render_to_string("analysis/_report_body.html", context(report))
    )
    cache.set(key, built, TIMEOUT)
    return built


def warm_reports(latest: int = 3) -> int:
    """Build the default report of the latest rounds that have one, so no reader waits for the first build.

    Run once in the server's master process before it forks (concordat/warming.py): every worker starts with
    them in its cache. Returns how many were built.
    """
    built = 0
    for rnd in Round.objects.select_related("questionnaire").order_by("-opens_on")[:latest]:
        if has_national_report(rnd):
            report_page(rnd, {"provisional": False, "as_at": None})
            built += 1
    return built


def dashboard_figures(rnd: Round, variant: tuple[Any, ...], build: Callable[[], str]) -> str:
    """The dashboard's figures for one scope, filter and basis (``variant``) at this state of the round."""
    key = f"analysis:dashboard:{round_state(rnd)}:{hashlib.sha256(repr(variant).encode()).hexdigest()[:32]}"
    found = cache.get(key)
    if isinstance(found, str):
        return found
    built = build()
    cache.set(key, built, TIMEOUT)
    return built
