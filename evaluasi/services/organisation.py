"""Recording a unit's predikat kinerja organisasi for a period (Admin BKD, or Admin OPD in scope)."""

from cms.errors import ActionRefused
from evaluasi.models import PredikatUnit, UnitKerja
from evaluasi.predikat import PredikatOrganisasi
from evaluasi.selectors.roster import unit_scope_for


class OrganisationRefused(ActionRefused):
    """Recording a unit's predikat kinerja organisasi is not allowed; the message is shown as is."""


def unit_predicate_set(*, unit: UnitKerja, periode_id: int, predikat: str, user) -> PredikatUnit:
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
