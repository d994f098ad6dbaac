"""What the imports app's audit events say in words (registered with ``audit.words``)."""

from concordat.audit.models import AuditEvent
from concordat.audit.words import Description, describes, label


@describes("import.document_read", "import.confirmed")
def _document(event: AuditEvent) -> Description:
    name = event.data.get("name") or event.object_repr or "a document"
    if event.verb == "import.document_read":
        return Description(f"Document '{name}' uploaded and read")
    answers = event.data.get("answers")
    rows = [("Answers imported", str(answers))] if answers is not None else []
    return Description(f"Answers imported from '{name}'", tuple(rows))


label("import.document_restored", "Discarded document brought back")
label("import.discarded", "Imported document discarded")
