"""Reading an uploaded document in the worker (``django.tasks``), so the upload request returns at once.

The reading itself runs in a bounded child (``imports.sandbox``): the worker is never the process a hostile
document exhausts. A run for an upload already settled does nothing, so a retried task is harmless.
"""

from django.tasks import task

from concordat.imports import actions


@task()
def read_document_upload(upload_id: int) -> str:
    return str(actions.read_pending(upload_id).state)
