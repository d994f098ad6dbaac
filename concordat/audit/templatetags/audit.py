"""``{% describe_event event as d %}``: an audit event in words (``d.summary``, ``d.details``)."""

from django import template

from concordat.audit.models import AuditEvent
from concordat.audit.words import Description, describe

register = template.Library()


@register.simple_tag
def describe_event(event: AuditEvent) -> Description:
    return describe(event)
