from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class ImportLimits:
    """Safety limits of a file import (bytes, rows, compression); overridable by
    ROSTER_IMPORT_LIMITS."""

    max_bytes: int = 20 * 1024 * 1024
    max_rows: int = 200_000
    # A real xlsx expands 5–20x; far beyond that is a zip bomb.
    max_expansion_ratio: int = 100
    max_uncompressed_bytes: int = 1024 * 1024 * 1024
    # Imports with more rows than this run as a background job from the admin screen.
    background_threshold: int = 2_000

    @classmethod
    def from_settings(cls) -> "ImportLimits":
        overrides = getattr(settings, "ROSTER_IMPORT_LIMITS", {})
        return cls(**overrides)
