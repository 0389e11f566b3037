"""Roster import from Excel/CSV: read → normalise → plan (dry run) → apply, all or nothing.

The contract is documented in docs/impor-roster.md. Entry points: `roster_import_file` (used by the
management command, the admin screen and the django-q2 task) and `roster_import_job`.
"""

from .errors import FileRefused, RowError
from .limits import ImportLimits
from .pipeline import ImportOutcome, roster_import_file, roster_import_job

__all__ = [
    "FileRefused",
    "ImportLimits",
    "ImportOutcome",
    "RowError",
    "roster_import_file",
    "roster_import_job",
]
