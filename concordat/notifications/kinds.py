"""Every kind of email the service sends, and whether a person may turn it off.

Security messages (invitation, password reset, locked account, authenticator set-up, register roles given)
are never optional.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    optional: bool
    # The body holds a one-time link: it is not kept once the message has been sent.
    secret: bool = False


ALL = (
    Kind("invitation", "Your invitation to set a password", optional=False, secret=True),
    Kind("password_reset", "A link to reset your password", optional=False, secret=True),
    Kind("account_locked", "Your account was locked after wrong sign-in attempts", optional=False),
    Kind("two_factor_enrolment", "A link to set up your authenticator app", optional=False, secret=True),
    Kind(
        "register_role_granted",
        "A register role was given (to you, or in a register you hold)",
        optional=False,
    ),
    Kind(
        "awaiting_signature", "A version of your area's return is waiting for your signature", optional=True
    ),
    Kind(
        "signature_not_needed", "Your signature is no longer needed because the return changed", optional=True
    ),
    Kind("query_raised", "The national team has queried your area's return", optional=True),
    Kind("query_answered", "An area has answered the national team's query", optional=True),
    Kind("return_accepted", "Your area's return has been accepted", optional=True),
    Kind("return_reopened", "Your area's return has been reopened", optional=True),
    # Not optional: the national team changed what the area will sign, and the area must be able to object.
    Kind("return_corrected", "The national team corrected your area's return", optional=False),
    Kind("deadline_reminder", "Reminders before and after a round's deadline", optional=True),
    Kind("signature_reminder", "Reminders to sign a submitted version", optional=True),
    Kind("challenge", "A challenge to one of your organisation's commitments", optional=True),
    Kind("update_due", "A status update on your organisation's commitment is due", optional=True),
)
KINDS = {kind.key: kind for kind in ALL}
OPTIONAL = tuple(kind for kind in ALL if kind.optional)
CHOICES = [(kind.key, kind.label) for kind in ALL]
