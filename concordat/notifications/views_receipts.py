"""GOV.UK Notify's delivery receipts: Notify posts one for each email it delivered or could not deliver.

No session and no CSRF token: Notify authenticates with the bearer token set for the callback in Notify
(``NOTIFY_CALLBACK_TOKEN``), compared in constant time before the body is read.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from concordat.notifications import access, actions, delivery

type View = Callable[[HttpRequest], HttpResponse]


def notify_token_required(view: View) -> View:
    """Refuse (401) a request without Notify's bearer token. The URL access matrix reads the rule
    "token", as for the API: no session, whoever signed in, reaches the view."""

    @wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        if not delivery.authorised(request.headers.get("Authorization", "")):
            refused = JsonResponse({"error": "A valid bearer token is needed."}, status=401)
            refused["WWW-Authenticate"] = 'Bearer realm="notify-receipts"'
            return refused
        return view(request)

    wrapper.access_rule = "token"  # type: ignore[attr-defined]  # read by the URL access test
    return wrapper


@csrf_exempt
@require_POST
@notify_token_required
def notify_receipt(request: HttpRequest) -> HttpResponse:
    try:
        receipt = delivery.parse_receipt(request.body)
    except delivery.ReceiptError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    message = access.message_for_receipt(receipt.notification_id, receipt.reference)
    if message is None:
        return JsonResponse({"error": "No email sent through Notify has that id and reference."}, status=404)
    changed = actions.record_delivery(
        message, receipt.status, at=receipt.completed_at or timezone.now(), source="notify receipt"
    )
    return JsonResponse({"state": message.state, "changed": changed})
