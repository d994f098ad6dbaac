"""``{% audit_chain_state %}``: the audit trail's hash chain as last checked, for the national audit pages."""

from typing import Any

from django import template

from concordat.audit.actions import VERIFIED
from concordat.audit.chain import state

register = template.Library()


@register.inclusion_tag("audit/chain_state.html")
def audit_chain_state() -> dict[str, Any]:
    return {"chain": state(VERIFIED)}
