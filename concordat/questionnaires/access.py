"""Protected reads: questionnaire drafts are the national team's work in progress."""

from django.db.models import QuerySet
from django.http import Http404

from concordat.accounts.access import is_national
from concordat.accounts.models import User
from concordat.questionnaires.models import QuestionnaireDraft


def drafts_for_user(user: User) -> QuerySet[QuestionnaireDraft]:
    if not is_national(user):
        return QuestionnaireDraft.objects.none()
    return QuestionnaireDraft.objects.select_related("published_as", "based_on")


def get_draft_for_user(user: User, draft_id: int) -> QuestionnaireDraft:
    draft = drafts_for_user(user).filter(pk=draft_id).first()
    if draft is None:
        raise Http404("No such questionnaire draft")
    return draft
