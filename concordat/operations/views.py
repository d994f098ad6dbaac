"""``GET /healthz``: for load balancers and monitoring. Public, sessionless, JSON; 200 healthy, 503 not."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from concordat.accounts.decorators import public
from concordat.operations import health


@public
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    ok, checks = health.report()
    return JsonResponse({"status": "ok" if ok else "unhealthy", "checks": checks}, status=200 if ok else 503)


@public
@require_GET
def hello(request: HttpRequest) -> HttpResponse:
    """``concordat bench load``'s floor: the least a request through every middleware can cost.

    Mounted only when ``BENCH_FLOOR_VIEW`` is set (the benchmark's server), never in a deployment."""
    return HttpResponse(b"hello", content_type="text/plain")
