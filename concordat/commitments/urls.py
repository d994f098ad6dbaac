from django.urls import path, register_converter

from concordat.commitments.views import board, members, public, tracking

app_name = "commitments"


class CommitmentRefConverter:
    """K-DH-01, A-NHSCB-03: keeps refs apart from the app's fixed paths."""

    regex = "[KA]-[A-Z]+-[0-9]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CommitmentRefConverter, "commitment_ref")

commitment = "<commitment_ref:commitment_ref>/"
urlpatterns = [
    path("", tracking.commitment_list, name="commitment_list"),
    path("board/", board.board, name="board"),
    path("organisations/", members.organisation_list, name="organisation_list"),
    path(
        "organisations/<slug:organisation_slug>/people/",
        members.organisation_members,
        name="organisation_members",
    ),
    path("board/risks/add/", board.risk_add, name="risk_add"),
    path("board/risks/<int:risk_id>/", board.risk_edit, name="risk_edit"),
    path("board/publish/", board.publish, name="publish"),
    path("published/", public.public_index, name="public_index"),
    path(
        "published/signatories/<slug:organisation_slug>/",
        public.public_organisation,
        name="public_organisation",
    ),
    path("published/themes/<slug:theme_slug>/", public.public_theme, name="public_theme"),
    path(commitment, tracking.commitment_detail, name="commitment_detail"),
    path(commitment + "update/", tracking.update_record, name="update_record"),
    path(commitment + "challenge/", tracking.challenge_record, name="challenge_record"),
    path(
        commitment + "updates/<int:update_id>/evidence/", tracking.evidence_download, name="evidence_download"
    ),
]
