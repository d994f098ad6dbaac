"""The request type of a view that an access decorator has already required to be signed in."""

from django.http import HttpRequest

from concordat.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """Annotate ``request`` with this in any view behind ``signed_in``, ``national_only``, ``area_scoped``,
    ``region_scoped``, ``overview`` or ``register_role``: the decorator has turned anonymous visitors away, so
    ``request.user`` is a ``User``. Public views keep ``HttpRequest``."""

    user: User
