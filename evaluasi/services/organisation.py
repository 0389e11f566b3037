"""Recording a unit's predikat kinerja organisasi for a period (Admin BKD, or Admin OPD in scope)."""

from cms.errors import ActionRefused
from evaluasi.models import PredikatUnit, UnitKerja
from evaluasi.predikat import PredikatOrganisasi
from evaluasi.selectors.roster import unit_scope_for


class OrganisationRefused(ActionRefused):
    """Recording a unit's predikat kinerja organisasi is not allowed; the message is shown as is."""


def unit_predicate_set(*, unit: UnitKerja, periode_id: int, predikat: str, user) -> PredikatUnit:
    """Record (or replace) the predikat kinerja organisasi of `unit` for period `periode_id`,
    against which the individual predicates are distributed (PermenPANRB 6/2022, distribusi
    predikat). `predikat`: a PredikatOrganisasi value. Returns the PredikatUnit.

    Raises OrganisationRefused when `user` lacks change_predikatunit, `unit` is outside the
    user's unit scope, or `predikat` is not a PredikatOrganisasi value."""
    if not user.has_perm("evaluasi.change_predikatunit"):
        raise OrganisationRefused("Anda tidak berwenang mencatat predikat kinerja organisasi.")
    if not unit_scope_for(user).allows_unit(unit):
        raise OrganisationRefused("Unit ini di luar kewenangan Anda.")
    if predikat not in PredikatOrganisasi.values:
        raise OrganisationRefused("Pilih predikat kinerja organisasi.")
    row, _ = PredikatUnit.objects.update_or_create(
        unit_kerja=unit, periode_id=periode_id, defaults={"predikat": predikat}
    )
    return row
