"""Signals other apps listen to, so that accounts need not import them (notifications sends the emails)."""

from django.dispatch import Signal

# Sent inside create_user's transaction for an account made without a password:
# kwargs ``user`` and ``acting_user``. The receiver invites the person to set one.
account_invited = Signal()
