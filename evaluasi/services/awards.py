"""Selecting and publishing awardees: Admin BKD only."""

from cms.errors import ActionRefused
from evaluasi.models import Penghargaan, PeriodePenilaian
from evaluasi.selectors.awards import recognisable_evaluations
from evaluasi.selectors.roster import unit_scope_for


class AwardRefused(ActionRefused):
    """Selecting or publishing an awardee is not allowed; the message is shown to the admin as is."""


def _require(user) -> None:

    if not (user.has_perm("evaluasi.add_penghargaan") and unit_scope_for(user).everything):
        raise AwardRefused("Hanya Admin BKD yang memilih dan memublikasikan penerima penghargaan.")


def award_select(*, periode_id: int, pegawai_id: int, kutipan: str, user) -> Penghargaan:
    """Admin BKD selects pegawai `pegawai_id` as an awardee of period `periode_id` with the citation
    `kutipan` (required; stored stripped), or updates the citation of one already selected;
    returns the Penghargaan (not yet published).

    Raises AwardRefused when `user` is not Admin BKD (add_penghargaan and the whole province in
    scope), `kutipan` is blank, or the pegawai has no annual evaluation of the period's year with
    predikat Sangat Baik or Baik and no pending objection (`recognisable_evaluations`), or was
    already selected on another period of that year (recognition is yearly);
    PeriodePenilaian.DoesNotExist for an unknown period."""
    _require(user)
    if not kutipan.strip():
        raise AwardRefused("Tuliskan kutipan penghargaan.")
    tahun = PeriodePenilaian.objects.values_list("tahun", flat=True).get(pk=periode_id)
    if not recognisable_evaluations(tahun).filter(rencana__pegawai_id=pegawai_id).exists():
        raise AwardRefused(
            f"Penerima penghargaan harus berpredikat Sangat Baik atau Baik pada evaluasi tahunan "
            f"{tahun}, tanpa keberatan yang belum diputuskan."
        )
    elsewhere = (
        Penghargaan.objects.filter(periode__tahun=tahun, pegawai_id=pegawai_id)
        .exclude(periode_id=periode_id)
        .select_related("periode")
        .first()
    )
    if elsewhere is not None:
        raise AwardRefused(f"Pegawai ini sudah terpilih pada {elsewhere.periode.nama}.")
    award, _ = Penghargaan.objects.update_or_create(
        periode_id=periode_id,
        pegawai_id=pegawai_id,
        defaults={"kutipan": kutipan.strip(), "dipilih_oleh": user},
    )
    return award


def award_publish(*, penghargaan_id: int, publish: bool, user) -> Penghargaan:
    """Admin BKD publishes (`publish` True) or withdraws (False) the award `penghargaan_id` on the
    public site; returns the Penghargaan. Raises AwardRefused when `user` is not Admin BKD;
    Penghargaan.DoesNotExist for an unknown id."""
    _require(user)
    award = Penghargaan.objects.get(pk=penghargaan_id)
    award.dipublikasikan = publish
    award.save(update_fields=["dipublikasikan"])
    return award
