"""The only way views fetch people, uploads, snapshots and areas of the register. Out of scope is always 404
(snapshots, which cover every area, are refused to anyone without a register role)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from concordat.accounts import access
from concordat.accounts.access import Capability
from concordat.accounts.models import User
from concordat.areas.models import Area
from concordat.register.models import Person, Snapshot, Upload


def get_area_for_user(user: User, ons_code: str, *, write: bool = False) -> Area:
    area = get_object_or_404(Area.objects.select_related("region"), ons_code=ons_code)
    if not access.can(user, Capability.READ_REGISTER, area):
        raise Http404
    if write and not access.can(user, Capability.EDIT_REGISTER, area):
        raise Http404
    return area


def get_person_for_user(user: User, person_id: str, *, write: bool = False, ons_code: str = "") -> Person:
    """A person record the user may read (``write``: edit). Register officers of the person's area only;
    the national register analyst reads every area and edits none. Anything else is 404, so the record's
    existence is not confirmed."""
    person = Person.objects.select_related("area__region").filter(public_id=person_id).first()
    if person is None or (ons_code and person.area.ons_code != ons_code):
        raise Http404
    if not access.can(user, Capability.READ_REGISTER, person.area):
        raise Http404
    if write and not access.can(user, Capability.EDIT_REGISTER, person.area):
        raise Http404
    return person


def people_for_user(user: User) -> QuerySet[Person]:
    return Person.objects.filter(area__in=access.register_areas(user))


def area_people_for_user(user: User, area: Area) -> QuerySet[Person]:
    """One area's people by local reference. Reading them is audited by the caller (``actions.log_read``)."""
    if not access.can(user, Capability.READ_REGISTER, area):
        raise Http404
    return Person.objects.filter(area=area).select_related("area").order_by("local_reference")


def get_upload_for_user(user: User, ons_code: str, upload_id: int) -> Upload:
    area = get_area_for_user(user, ons_code, write=True)
    return get_object_or_404(Upload.objects.select_related("area"), pk=upload_id, area=area)


def require_snapshot_rights(user: User) -> None:
    """Month-end cuts cover every area: only the national register analyst takes them."""
    if not access.is_national_register_analyst(user):
        raise PermissionDenied


def snapshots_for_user(user: User) -> QuerySet[Snapshot]:
    """Every snapshot, newest first: frozen national cuts any register role may choose figures from, and a
    regional lead their region's disclosure-controlled figures from."""
    if not (access.can_see_register(user) or access.lead_region_ids(user)):
        raise PermissionDenied
    return Snapshot.objects.all()


def get_snapshot_for_user(user: User, as_at: date | None = None) -> Snapshot | None:
    """The snapshot as at ``as_at`` (None: the latest), or None when there is none."""
    snapshots = snapshots_for_user(user)
    return snapshots.first() if as_at is None else snapshots.filter(as_at=as_at).first()
