"""Read-side queries, always scoped to what the asking user may see (docs/architecture.md).

Modules: `roster` (units, pegawai, imports, the unit scope), `assessments` (a rater's inbox and
forms), `completion` (who has filled in what, by unit), `results` and `results_gate` (answers
grouped under the anonymity rules, and when results may be read), `reports`, `dashboard`,
`unit_rollup`, `distribution`, `awards`, `skp`, `assignment_history`. Only the roster's scope
helpers are re-exported here; import the others from their modules.
"""

from .roster import (
    CHAIN_DEPTH,
    UnitScope,
    assignments_of_ratees_in_scope,
    atasan_chain,
    awards_visible_to,
    imports_visible_to,
    in_unit_scope,
    pegawai_by_nip,
    pegawai_visible_to,
    unit_scope_for,
    units_visible_to,
)

__all__ = [
    "CHAIN_DEPTH",
    "UnitScope",
    "atasan_chain",
    "awards_visible_to",
    "imports_visible_to",
    "pegawai_by_nip",
    "pegawai_visible_to",
    "assignments_of_ratees_in_scope",
    "in_unit_scope",
    "unit_scope_for",
    "units_visible_to",
]
