"""Demo data: Harrow's real June 2013 return, imported from the seed text and confirmed by Harriet."""

import hashlib
from pathlib import Path
from typing import TextIO

from django.core.files.uploadedfile import SimpleUploadedFile

from concordat.accounts.models import User
from concordat.areas.models import Area
from concordat.imports import actions
from concordat.imports.models import DocumentState, ImportedDocument
from concordat.returns.demo import ROUND_SLUG, ensure_stocktake_round
from concordat.returns.models import Return, Round, RoundState
from concordat.seeds import HARROW_RETURN

HARROW = "E09000015"
NAME = "harrow-stocktake-june-2013.txt"


def load_demo(*, stdout: TextIO, seed: Path = HARROW_RETURN) -> None:
    if not seed.exists():
        stdout.write(
            f"Imports: not loaded \N{EM DASH} the real Harrow return ({seed}) is not here, so Harrow's draft "
            "stays empty. Set CONCORDAT_SHARED_DIR to the folder holding seeds/ to import it.\n"
        )
        return
    rnd = Round.objects.filter(slug=ROUND_SLUG).first() or ensure_stocktake_round()
    ret = Return.objects.filter(round=rnd, area__ons_code=HARROW).first() or Return(
        round=rnd, area=Area.objects.get(ons_code=HARROW)
    )
    data = seed.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if (
        ret.pk
        and ImportedDocument.objects.filter(ret=ret, sha256=digest, state=DocumentState.CONFIRMED).exists()
    ):
        stdout.write("Imports: Harrow's June 2013 return is already imported.\n")
        return
    if rnd.state != RoundState.OPEN or ret.is_locked:
        stdout.write("Imports: Harrow's return cannot be changed now; the seed was not imported.\n")
        return
    harriet = User.objects.get(username="harriet")
    document = actions.read_upload(ret, SimpleUploadedFile(NAME, data), acting_user=harriet)
    if document.state == DocumentState.READ:
        actions.confirm_import(document, acting_user=harriet)
    stdout.write(f"Imports: Harrow's June 2013 return imported from {seed.name}, confirmed by harriet.\n")
