"""The published bulk-upload template for the person-level register, split by what each part does:

* :mod:`.columns` — the columns (data dictionary), their choices, and :class:`PersonRecord`;
* :mod:`.reading` — an uploaded CSV or XLSX file into raw rows of text, within limits;
* :mod:`.validation` — raw rows into typed :class:`RegisterRow` objects plus plain-English :class:`RowError`;
* :mod:`.writing` — the blank template and the data dictionary as CSV and XLSX.

The public names are re-exported here, so ``from concordat.register import template as t`` gives them all.
"""

from concordat.register.template.columns import (
    AGE_BANDS,
    COLUMNS,
    COLUMNS_BY_NAME,
    COMMISSIONER_TYPES,
    DESTINATIONS,
    DISTANCE_BANDS,
    HEADERS,
    LEGAL_STATUSES,
    MAX_ROWS,
    NO_PLAN_REASONS,
    PLACEMENTS,
    REVIEW_OUTCOMES,
    SHEET_NAME,
    WARD_TYPES,
    YES_NO,
    Choice,
    Column,
    ColumnType,
    PersonRecord,
)
from concordat.register.template.reading import (
    MAX_BLANK_ROWS_READ,
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_UNZIPPED_BYTES,
    UploadError,
    read_rows,
)
from concordat.register.template.validation import (
    EARLIEST_DATE,
    RegisterRow,
    RowError,
    ValidationResult,
    validate_rows,
)
from concordat.register.template.writing import (
    data_dictionary_rows,
    write_data_dictionary_csv,
    write_template_csv,
    write_template_xlsx,
)

__all__ = [
    "AGE_BANDS",
    "COLUMNS",
    "COLUMNS_BY_NAME",
    "COMMISSIONER_TYPES",
    "DESTINATIONS",
    "DISTANCE_BANDS",
    "EARLIEST_DATE",
    "HEADERS",
    "LEGAL_STATUSES",
    "MAX_BLANK_ROWS_READ",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_UNZIPPED_BYTES",
    "NO_PLAN_REASONS",
    "PLACEMENTS",
    "REVIEW_OUTCOMES",
    "SHEET_NAME",
    "WARD_TYPES",
    "YES_NO",
    "Choice",
    "Column",
    "ColumnType",
    "PersonRecord",
    "RegisterRow",
    "RowError",
    "UploadError",
    "ValidationResult",
    "data_dictionary_rows",
    "read_rows",
    "validate_rows",
    "write_data_dictionary_csv",
    "write_template_csv",
    "write_template_xlsx",
]
