from concordat.bench.load import form_fields

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
