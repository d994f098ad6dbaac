from typing import Any

from django import forms

from concordat.imports.comparing import CHOICE_LABELS, Comparison, Effect
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


_CHOOSE = "Choose whether to keep the answer in the draft or use the one read from the document"


class ReviewAnswerForm(AnswerFields):
    """One question of the review page, starting from what was read and compared with the draft.

    Where the answer read would replace typed text, ``choice`` says which the draft keeps (the draft's, until
    the editor chooses the document's); ``draft_revision`` is the draft answer's revision the page compared.
    """

    choice = forms.ChoiceField(
        choices=list(CHOICE_LABELS.items()),
        error_messages={"required": _CHOOSE, "invalid_choice": _CHOOSE},
    )
    draft_revision = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, question: Question, read: dict[str, Any], comparison: Comparison, **kwargs: Any
    ) -> None:
        super().__init__(*args, question=question, **kwargs)
        self.read = read
        self.comparison = comparison
        if comparison.effect == Effect.REPLACES:
            self.fields["choice"].label = f"Which answer to question {question.number} should the draft keep?"
        else:
            del self.fields["choice"]
