from concordat.bench.load import form_fields, steady_rate

PAGE = """
<form method="post">
  <input type="hidden" name="csrfmiddlewaretoken" value="abc">
  <input type="hidden" name="q1-1-revision" value="3">
  <input type="radio" name="q1-1-status" value="yes">
  <input type="radio" name="q1-1-status" value="partial" checked>
  <input type="checkbox" name="q1-1-good_practice" value="on">
  <input type="checkbox" name="q1-1-support_required" checked>
  <textarea name="q1-1-evidence">Agreed &amp; minuted</textarea>
  <input type="file" name="q1-1-attachment">
  <button type="submit">Save</button>
</form>
"""


def test_the_load_bench_posts_what_a_browser_would_send_from_the_section_form() -> None:
    assert form_fields(PAGE) == {
        "csrfmiddlewaretoken": "abc",
        "q1-1-revision": "3",
        "q1-1-status": "partial",
        "q1-1-support_required": "on",
        "q1-1-evidence": "Agreed & minuted",
    }


def test_form_fields_reads_quoted_and_bare_attributes_and_a_textarea_as_a_browser_does() -> None:
    page = (
        "<input type='hidden' name='a' value='1 &lt; 2'><input name=b value=two>"
        '<input type="checkbox" name="c" checked><input type="radio" name="d" value="x">'
        '<TEXTAREA name="e" rows="3">\nfirst line\n&lt;b&gt;</TEXTAREA>'
        '<input type="submit" name="go" value="Go">'
        '<input type="text" value="no name">'
    )
    assert form_fields(page) == {"a": "1 < 2", "b": "two", "c": "on", "e": "first line\n<b>"}


def test_the_steady_rate_counts_only_requests_that_ended_once_everyone_had_arrived() -> None:
    finished = [0.5, 1.0, 10.0, 10.5, 11.0, 19.9, 20.0, 25.0]
    assert steady_rate(finished, since=10.0, until=20.0) == 0.5  # five requests in ten seconds
    assert steady_rate(finished, since=20.0, until=20.0) == 0.0
