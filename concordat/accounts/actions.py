from typing import Any

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from concordat.audit.actions import record


@transaction.atomic
def start_totp_device(user: Any) -> TOTPDevice:
    """An unconfirmed authenticator for the user, reused until they confirm it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def confirm_totp_device(device: TOTPDevice, *, acting_user: Any) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    record(acting_user, "account.two_factor_set_up", device.user)
