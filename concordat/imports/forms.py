from typing import Any

from django import forms

from concordat.questionnaires.models import AnswerType, Question
from concordat.returns.actions import MAX_EVIDENCE_CHARS, MAX_SHORT_CHARS
from concordat.returns.models import Status


class UploadForm(forms.Form):
    document = forms.FileField(
        label="Upload the completed return",
        help_text="A Word, Excel, OpenDocument or PDF file, or plain text, smaller than 20 MB.",
        max_length=255,
        allow_empty_file=True,  # the reader says what is wrong with an empty file
        error_messages={
            "required": "Select the completed return to upload",
            "invalid": "The selected file could not be read. Try again",
            "max_length": "The file name must be 255 characters or fewer",
        },
    )


class ReviewAnswerForm(forms.Form):
    """One question of the review page, starting from what was read."""

    status = forms.ChoiceField(
        choices=[("", "Not answered"), *Status.choices],
        required=False,
        error_messages={"invalid_choice": "Select Yes, Partially, No or Not applicable"},
    )
    evidence = forms.CharField(
        required=False,
        max_length=MAX_EVIDENCE_CHARS,
        error_messages={"max_length": f"The assessment must be {MAX_EVIDENCE_CHARS:,} characters or fewer"},
    )
    good_practice = forms.BooleanField(required=False)
    good_practice_description = forms.CharField(
        required=False,
        max_length=MAX_SHORT_CHARS,
        error_messages={"max_length": f"The description must be {MAX_SHORT_CHARS:,} characters or fewer"},
    )
    support_required = forms.BooleanField(required=False)
    support_description = forms.CharField(
        required=False,
        max_length=MAX_SHORT_CHARS,
        error_messages={"max_length": f"The description must be {MAX_SHORT_CHARS:,} characters or fewer"},
    )

    def __init__(self, *args: Any, question: Question, read: dict[str, Any], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"q{question.number.replace('.', '-')}")
        super().__init__(*args, **kwargs)
        self.question = question
        self.read = read
        if question.answer_type == AnswerType.TEXT:
            del self.fields["status"]


class CompletedByForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=200, required=False)
    organisation = forms.CharField(label="Organisation", max_length=200, required=False)
    contact = forms.CharField(label="Email address or telephone number", max_length=200, required=False)
