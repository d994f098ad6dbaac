"""Parts of a section page that another app fills: the May 2014 update's person-by-person list is the
register's (people's data has one owner), shown on the area's section page beside the questions.

``register`` sits above this app, so it hands its panel over when it starts (``RegisterConfig.ready``), as
``returns`` hands the designer its renderer. A panel returns HTML it has escaped itself, or "" for nothing;
it decides who sees what (the register's rules), and nothing it shows enters the return's answers or versions.
"""

from collections.abc import Callable, Iterable

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from concordat.questionnaires.models import Section
from concordat.returns.models import Return

type SectionPanel = Callable[[HttpRequest, Return, Section], str]

_PANELS: dict[tuple[str, str], SectionPanel] = {}


def register_section_panel(questionnaire_slug: str, section_number: str, panel: SectionPanel) -> None:
    _PANELS[(questionnaire_slug, section_number)] = panel


def render_panel(request: HttpRequest, ret: Return, section: Section) -> SafeString:
    panel = _PANELS.get((ret.round.questionnaire.slug, section.number))
    # The panel's output is a rendered template (autoescaped), so it is marked safe here, once.
    return mark_safe(panel(request, ret, section)) if panel else SafeString("")


def render_panels(request: HttpRequest, ret: Return, sections: Iterable[Section]) -> dict[str, SafeString]:
    """The panels of a whole return's sections (check answers, a version), by section number."""
    drawn = {s.number: render_panel(request, ret, s) for s in sections}
    return {number: html for number, html in drawn.items() if html}
