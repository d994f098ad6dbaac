from typing import Any

from django import forms

from concordat.questionnaires.models import Question
from concordat.returns.forms import AnswerFields


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


class ReviewAnswerForm(AnswerFields):
    """One question of the review page, starting from what was read."""

    def __init__(self, *args: Any, question: Question, read: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, question=question, **kwargs)
        self.read = read
