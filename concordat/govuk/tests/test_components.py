"""The form components written in Python (decision 0803): GOV.UK's markup, errors linked, values escaped."""

from django import forms
from django.template import Context, Template

from concordat.govuk import components


class QuestionForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", "Not answered"), ("yes", "Yes"), ("partial", "Partial"), ("no", "No")], required=False
    )
    evidence = forms.CharField(widget=forms.Textarea, help_text="What shows it", required=True)
    good_practice = forms.BooleanField(required=False, label="We have an example")
    reference = forms.CharField(max_length=5, required=False)
    formats = forms.MultipleChoiceField(choices=[("pdf", "PDF"), ("csv", "CSV")], required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput)


def test_a_textarea_in_error_links_its_hint_and_error_and_escapes_what_was_typed() -> None:
    form = QuestionForm(data={"evidence": "", "revision": "3"}, prefix="q1")
    form.is_valid()
    assert components.textarea(form["evidence"], label="Evidence", rows=6) == (
        '<div class="govuk-form-group govuk-form-group--error">\n'
        '  <label class="govuk-label" for="id_q1-evidence">Evidence</label>\n'
        '  <div id="id_q1-evidence-hint" class="govuk-hint">What shows it</div>\n'
        '  <p id="id_q1-evidence-error" class="govuk-error-message">'
        '<span class="govuk-visually-hidden">Error:</span> This field is required.</p>\n'
        '  <textarea class="govuk-textarea govuk-textarea--error" id="id_q1-evidence" name="q1-evidence"'
        ' rows="6" aria-describedby="id_q1-evidence-hint id_q1-evidence-error"></textarea>\n'
        "</div>"
    )
    hostile = QuestionForm(data={"evidence": '</textarea><script>alert("x")</script>'})
    html = components.textarea(hostile["evidence"])
    assert "<script>" not in html
    assert "&lt;/textarea&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</textarea>" in html


def test_radios_leave_out_the_blank_choice_and_check_the_current_value() -> None:
    form = QuestionForm(initial={"status": "partial"}, prefix="q2")
    html = components.radios(form["status"], legend="What is your position?", inline=True, small=True)
    assert 'value=""' not in html
    legend = (
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">What is your position?</legend>'
    )
    assert legend in html
    assert (
        '<div class="govuk-radios govuk-radios--inline govuk-radios--small" data-module="govuk-radios">'
        in html
    )
    # The first item takes the field's id (where an error summary links); the others add their value.
    assert 'id="id_q2-status" name="q2-status" type="radio" value="yes">' in html
    assert 'id="id_q2-status-partial" name="q2-status" type="radio" value="partial" checked>' in html
    assert 'for="id_q2-status-no">No</label>' in html
    assert html.count(" checked") == 1


def test_a_checkbox_is_checked_by_its_value_and_controls_its_conditional_reveal() -> None:
    form = QuestionForm(data={"good_practice": "on"})
    html = components.checkbox(form["good_practice"], conditional="gp-reveal")
    assert (
        '<input class="govuk-checkboxes__input" id="id_good_practice" name="good_practice" type="checkbox" '
        'value="on" checked data-aria-controls="gp-reveal">'
    ) in html
    assert ">We have an example</label>" in html
    assert " checked" not in components.checkbox(QuestionForm(data={})["good_practice"])


def test_checkboxes_check_each_chosen_value() -> None:
    form = QuestionForm(data={"formats": ["csv"]})
    html = components.checkboxes(form["formats"], legend="Formats")
    assert 'id="id_formats" name="formats" type="checkbox" value="pdf">' in html
    assert 'id="id_formats-csv" name="formats" type="checkbox" value="csv" checked>' in html


def test_an_input_keeps_what_was_typed_escaped_with_its_error() -> None:
    form = QuestionForm(data={"reference": '"><b>toolong', "evidence": "x", "revision": "1"})
    form.is_valid()
    html = components.text_input(form["reference"], label="Reference", width=10, spellcheck="false")
    assert 'class="govuk-input govuk-input--width-10 govuk-input--error"' in html
    assert 'value="&quot;&gt;&lt;b&gt;toolong"' in html
    assert 'aria-describedby="id_reference-error" spellcheck="false">' in html
    assert "Ensure this value has at most 5 characters" in html


def test_the_template_tags_take_the_arguments_the_includes_took() -> None:
    form = QuestionForm(initial={"revision": 7}, prefix="q3")
    rendered = Template(
        '{% load govuk %}{% govuk_hidden form.revision %}{% govuk_file field=form.reference label="Attach" '
        'accept=".pdf" %}'
    ).render(Context({"form": form}))
    assert '<input type="hidden" name="q3-revision" value="7" id="id_q3-revision">' in rendered
    assert 'type="file" accept=".pdf">' in rendered
    assert '<label class="govuk-label" for="id_q3-reference">Attach</label>' in rendered


def test_a_status_tag_is_coloured_by_the_state_and_grey_for_any_other() -> None:
    assert components.status_tag("accepted", "Accepted") == (
        '<strong class="govuk-tag govuk-tag--green">Accepted</strong>'
    )
    assert 'govuk-tag--light-blue">In progress' in components.status_tag("in_progress", "In progress")
    assert components.status_tag("", "<b>Not started</b>") == (
        '<strong class="govuk-tag govuk-tag--grey">&lt;b&gt;Not started&lt;/b&gt;</strong>'
    )
