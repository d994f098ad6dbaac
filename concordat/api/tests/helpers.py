"""Tokens for the personas and a client that sends one, for the API tests."""

from typing import Any

from django.test import Client
from django.utils import timezone

from concordat.accounts import actions
from concordat.accounts.models import User
from concordat.questionnaires.models import Question


def make_token(user: User, *, scope: str = "read_write", register: bool = False, days: int = 30) -> str:
    _, raw = actions.create_api_token(
        user, name="test", scope=scope, register=register, days=days, verified=register, now=timezone.now()
    )
    return raw


class ApiClient(Client):
    """Sends ``Authorization: Bearer <token>`` and JSON bodies."""

    def __init__(self, token: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.token = token

    def call(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        if self.token:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        if body is None:
            return getattr(self, method)(path, **extra)
        return getattr(self, method)(path, body, content_type="application/json", **extra)


HARROW = "E09000015"


def return_url(rnd: Any, ons_code: str = HARROW, tail: str = "") -> str:
    return f"/api/v1/rounds/{rnd.slug}/returns/{ons_code}{tail}"


def whole_return(rnd: Any, evidence: str = "Evidence") -> dict[str, Any]:
    """A whole-return PUT body: every question of the round answered "yes" with numbered evidence."""
    questions = Question.objects.filter(questionnaire=rnd.questionnaire)
    return {
        "completed_by": {"name": "Harriet Example", "organisation": "Harrow", "contact": "h@example.org"},
        "answers": {q.number: {"status": "yes", "evidence": f"{evidence} {q.number}"} for q in questions},
    }
