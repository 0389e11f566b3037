"""Selecting and publishing awardees: Admin BKD only."""

from cms.errors import ActionRefused
from evaluasi.models import EvaluasiKinerja, Penghargaan


class AwardRefused(ActionRefused):
    """Selecting or publishing an awardee is not allowed; the message is shown to the admin as is."""


def _require(user) -> None:
    from evaluasi.selectors.roster import unit_scope_for

    if not (user.has_perm("evaluasi.add_penghargaan") and unit_scope_for(user).everything):
        raise AwardRefused("Hanya Admin BKD yang memilih dan memublikasikan penerima penghargaan.")


def award_select(*, periode_id: int, pegawai_id: int, kutipan: str, user) -> Penghargaan:
    _require(user)
    if not kutipan.strip():
        raise AwardRefused("Tuliskan kutipan penghargaan.")
    if not EvaluasiKinerja.objects.filter(
        periode_id=periode_id, rencana__pegawai_id=pegawai_id, predikat__in=["sangat_baik", "baik"]
    ).exists():
        raise AwardRefused(
            "Penerima penghargaan harus berpredikat Sangat Baik atau Baik pada periode ini."
        )
    award, _ = Penghargaan.objects.update_or_create(
        periode_id=periode_id,
        pegawai_id=pegawai_id,
        defaults={"kutipan": kutipan.strip(), "dipilih_oleh": user},
    )
    return award


def award_publish(*, penghargaan_id: int, publish: bool, user) -> Penghargaan:
    _require(user)
    award = Penghargaan.objects.get(pk=penghargaan_id)
    award.dipublikasikan = publish
    award.save(update_fields=["dipublikasikan"])
    return award
