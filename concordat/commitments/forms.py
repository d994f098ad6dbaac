"""Input parsing and validation for the commitments pages, rendered with the GOV.UK components."""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from concordat.commitments.actions import (
    MAX_CHALLENGE_CHARS,
    MAX_LINK_CHARS,
    MAX_LINKS,
    MAX_NARRATIVE_CHARS,
)
from concordat.commitments.models import Commitment, Organisation, Rag, RiskStatus, Theme
from concordat.commitments.status import STATUS_COLUMNS
from concordat.govuk.forms import DateInputField
from concordat.returns.uploads import ALLOWED_LABEL, MAX_ATTACHMENT_LABEL

_url = URLValidator(schemes=["http", "https"])


def parse_links(value: str) -> list[str]:
    """One http(s) address a line; raises ValidationError naming the first bad line."""
    links = [line.strip() for line in value.splitlines() if line.strip()]
    if len(links) > MAX_LINKS:
        raise ValidationError(f"Give at most {MAX_LINKS} evidence links")
    for number, link in enumerate(links, start=1):
        if len(link) > MAX_LINK_CHARS:
            raise ValidationError(f"Evidence link {number} must be {MAX_LINK_CHARS} characters or fewer")
        try:
            _url(link)
        except ValidationError:
            raise ValidationError(
                f"Evidence link {number} must be a full web address starting with http:// or https://"
            ) from None
    return links


class StatusUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="What is the status of this commitment?",
        choices=Rag.choices,
        error_messages={"required": "Select red, amber, green or complete"},
    )
    as_at = DateInputField(
        subject="Status date",
        label="Status as at",
        required_message="Enter the date this status applies to",
    )
    narrative = forms.CharField(
        label="Summary of progress",
        max_length=MAX_NARRATIVE_CHARS,
        error_messages={
            "required": "Enter a summary of progress",
            "max_length": f"The summary must be {MAX_NARRATIVE_CHARS:,} characters or fewer",
        },
    )
    evidence_links = forms.CharField(
        label="Links to evidence (optional)",
        required=False,
        help_text="Web addresses starting with http:// or https://, one a line",
    )
    evidence = forms.FileField(
        label="Evidence document (optional)",
        required=False,
        help_text=f"{ALLOWED_LABEL}, smaller than {MAX_ATTACHMENT_LABEL}",
    )

    def clean_evidence_links(self) -> list[str]:
        return parse_links(self.cleaned_data.get("evidence_links") or "")

    def clean_as_at(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["as_at"]
        if value.year < 2012:
            raise ValidationError("The date must be after the Concordat was published (December 2012)")
        return value


class ChallengeForm(forms.Form):
    text = forms.CharField(
        label="Your comment or challenge",
        max_length=MAX_CHALLENGE_CHARS,
        error_messages={
            "required": "Enter your comment or challenge",
            "max_length": f"The challenge must be {MAX_CHALLENGE_CHARS:,} characters or fewer",
        },
    )


def _date_field(label: str, *, required: bool = False) -> DateInputField:
    return DateInputField(subject=label, required=required)


class CommitmentFilterForm(forms.Form):
    organisation = forms.ChoiceField(label="Organisation", required=False, choices=[])
    theme = forms.ChoiceField(label="Theme", required=False, choices=[])
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any status"), *STATUS_COLUMNS])
    overdue = forms.BooleanField(label="Only overdue commitments", required=False)
    as_at = _date_field("As at")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ChoiceField)
        organisation.choices = [
            ("", "All organisations"),
            *((o.slug, o.label) for o in Organisation.objects.filter(commitments__isnull=False).distinct()),
        ]
        theme = self.fields["theme"]
        assert isinstance(theme, forms.ChoiceField)
        theme.choices = [("", "All themes"), *((t.slug, t.name) for t in Theme.objects.all())]


class BoardForm(forms.Form):
    as_at = _date_field("As at")
    due_from = _date_field("Due from")
    due_to = _date_field("Due to")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("due_from"), cleaned.get("due_to")
        if start and end and end < start:
            self.add_error("due_to", "Due to must be on or after due from")
        return cleaned


class RiskForm(forms.Form):
    title = forms.CharField(label="Risk", max_length=200, error_messages={"required": "Enter the risk"})
    description = forms.CharField(
        label="Description", max_length=5_000, error_messages={"required": "Enter a description"}
    )
    owner = forms.ChoiceField(label="Owner", choices=[], error_messages={"required": "Select the owner"})
    likelihood = forms.TypedChoiceField(
        label="Likelihood",
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        error_messages={"required": "Select a likelihood from 1 to 5"},
    )
    impact = forms.TypedChoiceField(
        label="Impact",
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        error_messages={"required": "Select an impact from 1 to 5"},
    )
    mitigation = forms.CharField(label="Mitigation", required=False, max_length=5_000)
    review_date = _date_field("Review date", required=True)
    commitments = forms.CharField(
        label="Linked commitments (optional)",
        required=False,
        max_length=2_000,
        help_text="References separated by commas, for example K-NHSCB-01, A-DH-03",
    )
    status = forms.ChoiceField(label="Status", choices=RiskStatus.choices, initial=RiskStatus.OPEN)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)
        owner.choices = [
            ("", "Choose an organisation"),
            *((o.slug, o.label) for o in Organisation.objects.all()),
        ]

    def clean_owner(self) -> Organisation:
        return Organisation.objects.get(slug=self.cleaned_data["owner"])

    def clean_commitments(self) -> list[Commitment]:
        refs = [
            r.strip().upper() for r in (self.cleaned_data.get("commitments") or "").split(",") if r.strip()
        ]
        found = {c.ref: c for c in Commitment.objects.filter(ref__in=refs)}
        unknown = [r for r in refs if r not in found]
        if unknown:
            raise ValidationError(f"No commitment has the reference {unknown[0][:30]}")
        return [found[r] for r in dict.fromkeys(refs)]


class PublishForm(forms.Form):
    as_at = _date_field("Status as at", required=True)
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a title"})
    summary = forms.CharField(
        label="Summary", max_length=5_000, error_messages={"required": "Enter a summary"}
    )
