"""Signals other apps listen to, so that accounts need not import them (notifications sends the emails)."""

from django.dispatch import Signal

# Sent inside create_user's transaction for an account made without a password:
# kwargs ``user`` and ``acting_user``. The receiver invites the person to set one.
account_invited = Signal()

# Sent inside send_enrolment_link's transaction: kwargs ``user`` and ``token``. The receiver emails the
# person the one-time link to set up their authenticator app (accounts:two_factor_enrol).
two_factor_enrolment_requested = Signal()

# Sent inside decide_role_grant's transaction when a register role is approved: kwargs ``grant`` and
# ``owners`` (the register's owners besides the person). The receiver tells the person and the owners.
register_role_granted = Signal()
