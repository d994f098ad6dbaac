"""Where the programme's seed documents and hand-labelled fixtures are: beside the repository, not in it.

The one place that knows the path. ``CONCORDAT_SHARED_DIR`` names the folder holding ``seeds/``,
``fixtures/`` and ``reference/`` (default: ``../shared`` next to the checkout). Nothing here imports
Django, so the document reader's tests and the benchmarks can use it too. Reference data the service
needs (areas, questionnaires) is carried in the package and never read from here.
"""

import os
from pathlib import Path

SHARED_DIR = Path(
    os.environ.get("CONCORDAT_SHARED_DIR", Path(__file__).resolve().parent.parent.parent / "shared")
)
SEEDS_DIR = SHARED_DIR / "seeds"
FIXTURES_DIR = SHARED_DIR / "fixtures"
REFERENCE_DIR = SHARED_DIR / "reference"

# The real Harrow return of June 2013, as text extracted from the council's document, and its reading
# labelled by hand.
HARROW_RETURN = SEEDS_DIR / "002_5aa53b61c46ad5fc.txt"
HARROW_EXPECTED = FIXTURES_DIR / "harrow-2013-expected.json"
# The Concordat of December 2012, whose commitments the tracker's dataset was built from.
CONCORDAT_DOCUMENT = SEEDS_DIR / "003_41225362c15ca2d3.txt"

MISSING = (
    "the seed documents are not beside the repository: set CONCORDAT_SHARED_DIR to the folder that "
    "holds seeds/ and fixtures/"
)
