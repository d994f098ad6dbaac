"""What the returns app's audit events say in words (registered with ``audit.words``; see its docstring)."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.template.defaultfilters import filesizeformat

from concordat.audit.models import AuditEvent
from concordat.audit.words import Description, describes, label
from concordat.returns.vocabulary import ANSWER_FIELD_LABELS, FORM_LABELS, signatory_label, status_of

# Detail text is for reading, not for storing a whole document twice on one page.
MAX_DETAIL_CHARS = 2_000
_DETAILS_FIELDS = {"name": "Name", "organisation": "Organisation", "contact": "Contact details"}


def _shown(field: str, value: Any) -> str:
    if field == "status":
        return FORM_LABELS[status_of(str(value or ""))]
    if isinstance(value, bool):
        return "Ticked" if value else "Not ticked"
    text = str(value or "").strip()
    if not text:
        return "(empty)"
    return text if len(text) <= MAX_DETAIL_CHARS else text[:MAX_DETAIL_CHARS] + "…"


def _change(field: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """ "Yes → Partially", or only the new value when there was nothing before."""
    new = _shown(field, after.get(field))
    return f"{_shown(field, before.get(field))} → {new}" if before else new


def _lower_first(text: str) -> str:
    """ "Evidence" as "evidence" inside a sentence; "CCG representative" stays as it is."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _sentence(labels: list[str]) -> str:
    """["Answer", "Evidence"] as "Answer and evidence"."""
    words = [labels[0], *(_lower_first(w) for w in labels[1:])]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


@describes("answer.saved")
def _answer_saved(event: AuditEvent) -> Description:
    data = event.data
    before: Mapping[str, Any] = data.get("before") or {}
    after: Mapping[str, Any] = data.get("after") or {}
    changed = [f for f in ANSWER_FIELD_LABELS if (before.get(f) or "") != (after.get(f) or "")]
    question = data.get("question", "")
    what = _sentence([ANSWER_FIELD_LABELS[f] for f in changed]) if changed else "Answer"
    verb = "entered" if not before else "changed"
    summary = f"{what} for {question} {verb}" if question else f"{what} {verb}"
    if data.get("source"):
        summary += " from an imported document"
    details = [
        (
            ANSWER_FIELD_LABELS[f],
            f"{_shown(f, before.get(f))} → {_shown(f, after.get(f))}" if before else _shown(f, after.get(f)),
        )
        for f in changed
    ]
    return Description(summary, tuple(details))


@describes("attachment.added", "attachment.removed")
def _attachment(event: AuditEvent) -> Description:
    data = event.data
    name = data.get("name") or event.object_repr or "a file"
    added = event.verb == "attachment.added"
    where = f" {'to' if added else 'from'} {data['question']}" if data.get("question") else ""
    summary = f"Attachment '{name}' {'added' if added else 'removed'}{where}"
    details: list[tuple[str, str]] = []
    if data.get("size"):
        details.append(("Size", filesizeformat(data["size"])))
    if data.get("sha256"):
        details.append(("Fingerprint (SHA-256)", str(data["sha256"])))
    return Description(summary, tuple(details))


@describes("return.details_saved")
def _details_saved(event: AuditEvent) -> Description:
    before: Mapping[str, Any] = event.data.get("before") or {}
    after: Mapping[str, Any] = event.data.get("after") or {}
    changed = [k for k in _DETAILS_FIELDS if before.get(k, "") != after.get(k, "")]
    rows = tuple(
        (_DETAILS_FIELDS[k], f"{_shown(k, before.get(k))} → {_shown(k, after.get(k))}") for k in changed
    )
    return Description("Details of who completed the return changed", rows)


def _version(data: Mapping[str, Any]) -> str:
    return f"Version {data['version']}" if data.get("version") else "The return"


@describes("return.signed")
def _signed(event: AuditEvent) -> Description:
    role = str(event.data.get("role", ""))
    by = f" by the {signatory_label(role, in_sentence=True)}" if role else ""
    return Description(f"{_version(event.data)} signed{by}")


def _text(key: str, heading: str) -> Callable[[Mapping[str, Any]], Iterable[tuple[str, str]]]:
    def rows(data: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
        return [(heading, _shown(key, data[key]))] if data.get(key) else []

    return rows


@describes("return.submitted", "return.signed_off", "return.accepted", "return.queried")
def _version_event(event: AuditEvent) -> Description:
    what = {
        "return.submitted": "submitted for signing",
        "return.signed_off": "signed off by all three signatories",
        "return.accepted": "accepted by the national team",
        "return.queried": "queried by the national team",
    }[event.verb]
    details = tuple(_text("comment", "Query")(event.data))
    return Description(f"{_version(event.data)} {what}", details)


label("return.query_answered", "Query answered", details=_text("response", "Answer"))
label("return.reopened", "Return reopened for changes", details=_text("reason", "Reason"))
label(
    "return.publication_withdrawn",
    "Published return withdrawn",
    details=_text("notice", "Notice shown instead"),
)
label("round.created", "Round created")
label("round.opened", "Round opened")
label("round.closed", "Round closed")
label("round.published", "Accepted returns published")
label("returns.bulk_loaded", "Returns loaded")
label("returns.bulk_removed", "Generated returns removed")
