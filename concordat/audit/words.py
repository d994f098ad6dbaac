"""Audit events in words: what a person reads in an audit trail instead of ``return.accepted``.

The one place that turns an event's verb into words. Audit sits under every app, so it cannot know what each
verb means: the app that records a verb registers its words here, in its ``audit_words.py`` module, which its
``AppConfig.ready`` imports (docs/decisions/0702-audit-events-in-words.md). A verb nobody registered still
reads as words (its code with the dots and underscores taken out), never as a blank.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from concordat.audit.models import AuditEvent


@dataclass(frozen=True)
class Description:
    """One line saying what happened, and the detail behind it (label, text) shown one click away."""

    summary: str
    details: tuple[tuple[str, str], ...] = field(default=())


type Describer = Callable[[AuditEvent], Description]

_DESCRIBERS: dict[str, Describer] = {}


def describes(*verbs: str) -> Callable[[Describer], Describer]:
    """Register the decorated function as the words for ``verbs``."""

    def register(describer: Describer) -> Describer:
        for verb in verbs:
            _DESCRIBERS[verb] = describer
        return describer

    return register


def label(
    verb: str,
    summary: str,
    *,
    details: Callable[[Mapping[str, Any]], Iterable[tuple[str, str]]] | None = None,
) -> None:
    """Register fixed words for ``verb``, with ``details`` made from the event's data if given."""

    def describer(event: AuditEvent) -> Description:
        rows = tuple(details(event.data or {})) if details else ()
        return Description(summary, rows)

    _DESCRIBERS[verb] = describer


def is_described(verb: str) -> bool:
    return verb in _DESCRIBERS


def fallback_words(verb: str) -> str:
    """``return.query_answered`` as "Return query answered": words, though not chosen ones."""
    text = verb.replace(".", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else "Something happened"


def describe(event: AuditEvent) -> Description:
    """The words for ``event``; a describer that fails on odd old data falls back to the verb's words."""
    describer = _DESCRIBERS.get(event.verb)
    if describer is not None:
        try:
            return describer(event)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # an event recorded before its data had today's shape
    return Description(fallback_words(event.verb))
