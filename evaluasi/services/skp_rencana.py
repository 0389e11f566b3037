"""Writes for the SKP's planning (PermenPANRB 6/2022, lampiran: format SKP): the pejabat
penilai's *ekspektasi khusus pimpinan* per BerAKHLAK value and the pegawai's *lampiran SKP*
(dukungan sumber daya, skema pertanggungjawaban, konsekuensi). Refusals are `SkpRefused`."""

from django.db import transaction
from django.urls import reverse

from cms.notifications import notify
from evaluasi.berakhlak import NILAI
from evaluasi.models import EkspektasiPerilaku, JenisPeriodeKinerja, LampiranSKP, RencanaKerja

from .skp import SkpRefused, ensure_editable, is_penilai, log

EKSPEKTASI_MAX = 2000
LAMPIRAN_MAX = 5000
LAMPIRAN_FIELDS = ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")


def _locked(rencana_id: int) -> RencanaKerja:
    return (
        RencanaKerja.objects.select_for_update(of=("self",))
        .select_related("pegawai", "tahun_kinerja")
        .get(pk=rencana_id)
    )


def _annual_decided(rencana: RencanaKerja) -> bool:
    """Whether the SKP's annual evaluation has been decided (the ekspektasi are then final)."""
    return rencana.evaluasi.filter(
        periode_kinerja__jenis=JenisPeriodeKinerja.TAHUNAN, diputuskan_pada__isnull=False
    ).exists()


def ensure_ekspektasi_writable(rencana: RencanaKerja, user) -> None:
    """Raise SkpRefused (with the message to show) unless `user` may write the ekspektasi of
    `rencana` now: its pejabat penilai (`skp.is_penilai`), until the annual evaluation is
    decided. Returns None."""
    if not is_penilai(user, rencana):
        raise SkpRefused(
            "Hanya atasan langsung (pejabat penilai) yang dapat menulis ekspektasi perilaku."
        )
    if _annual_decided(rencana):
        raise SkpRefused(
            "Evaluasi tahunan SKP ini sudah diputuskan; ekspektasi perilaku tidak dapat diubah."
        )


@transaction.atomic
def ekspektasi_save(*, rencana_id: int, user, teks: dict[str, str]) -> int:
    """The pejabat penilai writes the *ekspektasi khusus pimpinan* of the SKP `rencana_id` per
    BerAKHLAK value (PermenPANRB 6/2022: perilaku kerja in the SKP), while reviewing it or any
    time before its annual evaluation is decided. `teks`: {value name (evaluasi.berakhlak.NILAI):
    text}; a blank text removes that value's ekspektasi, values not named stay as they are.
    Returns how many values now carry an ekspektasi. When anything changed it is logged in
    RiwayatSKP and the pegawai is told (in the app, and by email when their account has one).

    Raises SkpRefused when `user` is not the pejabat penilai, the annual evaluation is decided, a
    key is not a BerAKHLAK value or a text is longer than 2,000 characters;
    RencanaKerja.DoesNotExist for an unknown id."""
    rencana = _locked(rencana_id)
    ensure_ekspektasi_writable(rencana, user)
    cleaned = {}
    for nilai, text in teks.items():
        if nilai not in NILAI:
            raise SkpRefused(f"'{nilai}' bukan nilai dasar BerAKHLAK.")
        text = (text or "").strip()
        if len(text) > EKSPEKTASI_MAX:
            raise SkpRefused(f"Ekspektasi {nilai} paling banyak {EKSPEKTASI_MAX} karakter.")
        cleaned[nilai] = text
    before = dict(EkspektasiPerilaku.objects.filter(rencana=rencana).values_list("nilai", "teks"))
    EkspektasiPerilaku.objects.filter(
        rencana=rencana, nilai__in=[n for n, t in cleaned.items() if not t]
    ).delete()
    for nilai, text in cleaned.items():
        if text:
            EkspektasiPerilaku.objects.update_or_create(
                rencana=rencana, nilai=nilai, defaults={"teks": text, "ditulis_oleh": user}
            )
    after = dict(EkspektasiPerilaku.objects.filter(rencana=rencana).values_list("nilai", "teks"))
    if after != before:  # saving the page unchanged tells nobody
        log(rencana, "ekspektasi perilaku ditulis", user)
        _tell_pegawai(rencana, actor=user, count=len(after))
    return len(after)


def _tell_pegawai(rencana: RencanaKerja, *, actor, count: int) -> list:
    """Tell the pegawai (never the actor; as `skp_notifications`) that their atasan wrote what
    they expect: the issue's "understand what is expected of them". Returns the rows."""
    pegawai_user = rencana.pegawai.user
    if pegawai_user is None or pegawai_user.pk == actor.pk:
        return []
    return notify(
        [pegawai_user],
        judul="Atasan menulis ekspektasi perilaku pada SKP Anda",
        teks=(
            f"Pejabat penilai menuliskan ekspektasi khusus untuk {count} dari 7 nilai BerAKHLAK "
            f"pada SKP {rencana.tahun_kinerja.tahun}. Bacalah di bagian Perilaku kerja."
        ),
        tautan=reverse("skp:detail", args=[rencana.pk]) + "#perilaku-kerja",
    )


@transaction.atomic
def lampiran_save(
    *,
    rencana_id: int,
    user,
    dukungan_sumber_daya: str,
    skema_pertanggungjawaban: str,
    konsekuensi: str,
) -> LampiranSKP:
    """The pegawai writes the *lampiran SKP* (PermenPANRB 6/2022, format SKP): the resources the
    agency provides, how results are accounted for, and the consequences of the performance
    reached. Returns the LampiranSKP (created on first use).

    Raises SkpRefused when `user` is not the owner, the SKP is submitted or approved (locked, as
    its RHK are: `skp.ensure_editable`), or a text is longer than 5,000 characters;
    RencanaKerja.DoesNotExist for an unknown id."""
    rencana = _locked(rencana_id)
    ensure_editable(rencana, user)
    values = {
        "dukungan_sumber_daya": (dukungan_sumber_daya or "").strip(),
        "skema_pertanggungjawaban": (skema_pertanggungjawaban or "").strip(),
        "konsekuensi": (konsekuensi or "").strip(),
    }
    for name, text in values.items():
        if len(text) > LAMPIRAN_MAX:
            label = LampiranSKP._meta.get_field(name).verbose_name
            raise SkpRefused(f"Isian {label} paling banyak {LAMPIRAN_MAX} karakter.")
    lampiran, _ = LampiranSKP.objects.update_or_create(rencana=rencana, defaults=values)
    return lampiran
