"""SKP workflow: the pegawai drafts and submits; the atasan approves or returns with a comment;
approved plans are locked. Every step is checked for who may take it and logged in RiwayatSKP."""

import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cms.errors import ActionRefused
from evaluasi.models import (
    IndikatorKinerja,
    JenisRHK,
    Pegawai,
    Pendekatan,
    RencanaHasilKerja,
    RencanaKerja,
    RiwayatSKP,
    StatusSKP,
    TahunKinerja,
)
from evaluasi.predikat import default_arah
from evaluasi.selectors.roster import unit_scope_for

from . import skp_notifications

TEMPLATES_DIR = Path(settings.BASE_DIR) / "fixtures" / "skp"


class SkpRefused(ActionRefused):
    """A step of the SKP workflow is not allowed; the message is shown to the user as is."""


def _pegawai(user) -> Pegawai | None:
    return getattr(user, "pegawai", None) if user.is_authenticated else None


def log(rencana, aksi: str, user, catatan: str = "", evaluasi=None) -> None:
    """Write one RiwayatSKP row: `aksi` (short Indonesian label, e.g. "diajukan"), by `user`, with
    an optional `catatan` and the `evaluasi` (EvaluasiKinerja) it concerns. Returns None."""
    RiwayatSKP.objects.create(
        rencana=rencana, evaluasi=evaluasi, aksi=aksi, oleh=user, catatan=catatan
    )


def is_owner(user, rencana: RencanaKerja) -> bool:
    """Whether `user` is the pegawai whose SKP `rencana` is (False for anonymous users)."""
    own = _pegawai(user)
    return own is not None and own.pk == rencana.pegawai_id


def is_penilai(user, rencana: RencanaKerja) -> bool:
    """Whether `user` is the pejabat penilai of `rencana`: the atasan recorded on submission (or the
    pegawai's current atasan before it)."""
    own = _pegawai(user)
    if own is None:
        return False
    penilai_id = rencana.pejabat_penilai_id or rencana.pegawai.atasan_id
    return penilai_id == own.pk


def is_atasan_penilai(user, rencana: RencanaKerja) -> bool:
    """Whether `user` is the pejabat penilai's own atasan, or an Admin OPD (change_pegawai) whose
    unit subtree holds the pegawai: who decides an objection (PermenPANRB 6/2022, keberatan)."""
    own = _pegawai(user)
    penilai = rencana.pejabat_penilai
    if own is not None and penilai is not None and penilai.atasan_id == own.pk:
        return True
    scope = unit_scope_for(user)
    return user.has_perm("evaluasi.change_pegawai") and scope.allows_unit(
        rencana.pegawai.unit_kerja
    )


def _locked(rencana_id: int) -> RencanaKerja:
    return (
        RencanaKerja.objects.select_for_update(of=("self",))
        .select_related("pegawai__unit_kerja", "pejabat_penilai", "tahun_kinerja")
        .get(pk=rencana_id)
    )


def skp_start(*, pegawai: Pegawai, tahun_kinerja_id: int, user) -> RencanaKerja:
    """The pegawai's SKP (RencanaKerja) for the performance year `tahun_kinerja_id`, created as a
    draft on first use (logged "dibuat"); `user` must be `pegawai` themself.

    Raises SkpRefused for anyone else, or (for a new SKP) a year whose annual evaluation window
    has closed; TahunKinerja.DoesNotExist for an unknown id."""
    if _pegawai(user) is None or _pegawai(user).pk != pegawai.pk:
        raise SkpRefused("SKP hanya dapat disusun oleh pegawai yang bersangkutan.")
    tahun_kinerja = TahunKinerja.objects.get(pk=tahun_kinerja_id)
    existing = RencanaKerja.objects.filter(pegawai=pegawai, tahun_kinerja=tahun_kinerja).first()
    if existing is not None:
        return existing
    annual = tahun_kinerja.tahunan
    if annual is not None and annual.ditutup_pada < timezone.now():
        raise SkpRefused(
            f"Tahun kinerja {tahun_kinerja.tahun} sudah ditutup; pilih tahun yang berjalan."
        )
    rencana, created = RencanaKerja.objects.get_or_create(
        pegawai=pegawai,
        tahun_kinerja=tahun_kinerja,
        defaults={"pejabat_penilai_id": pegawai.atasan_id},
    )
    if created:
        log(rencana, "dibuat", user)
    return rencana


def ensure_editable(rencana: RencanaKerja, user) -> None:
    """Raise SkpRefused (with the message to show) unless `user` may change `rencana` now: its
    owner, while it is a draft or returned for revision. Returns None."""
    _editable(rencana, user)


def _editable(rencana: RencanaKerja, user) -> None:
    if not is_owner(user, rencana):
        raise SkpRefused("Hanya pemilik SKP yang dapat mengubahnya.")
    if rencana.terkunci:
        raise SkpRefused("SKP yang sudah diajukan atau disetujui terkunci dan tidak dapat diubah.")


def _indikator(row: dict, **extra) -> IndikatorKinerja:
    """An unsaved IndikatorKinerja from a row as `rhk_add` describes it (blank arah: the aspect's
    default)."""
    aspek = row.get("aspek") or "kuantitas"
    return IndikatorKinerja(
        teks=row["teks"].strip(),
        aspek=aspek,
        arah=row.get("arah") or default_arah(aspek),
        target_angka=None if row.get("target_angka") in (None, "") else row["target_angka"],
        satuan=(row.get("satuan") or "").strip(),
        target_teks=(row.get("target_teks") or "").strip(),
        kondisi_awal=None if row.get("kondisi_awal") in (None, "") else row["kondisi_awal"],
        **extra,
    )


def _checked_rhk(
    rencana: RencanaKerja, *, teks: str, indikator: list[dict], rhk_atasan_id
) -> list[IndikatorKinerja]:
    """The RHK's indicators as unsaved IndikatorKinerja (with `pk` = the row's "id", or None for a
    new one), after the checks `rhk_add` and `rhk_update` share. Raises SkpRefused."""
    if not teks.strip():
        raise SkpRefused("Rumusan RHK wajib diisi.")
    rows = [i for i in indikator if (i.get("teks") or "").strip()]
    if not rows:
        raise SkpRefused("Setiap RHK memerlukan paling sedikit satu indikator kinerja.")
    for row in rows:
        if row.get("target_angka") in (None, "") and not (row.get("target_teks") or "").strip():
            raise SkpRefused(f"Indikator '{row['teks']}' belum memiliki target.")
    if (
        rhk_atasan_id
        and not RencanaHasilKerja.objects.filter(
            pk=rhk_atasan_id, rencana__pegawai_id=rencana.pegawai.atasan_id
        ).exists()
    ):
        raise SkpRefused("RHK atasan yang dipilih bukan milik atasan Anda.")
    indicators = [_indikator(row, pk=row.get("id") or None) for row in rows]
    for item in indicators:
        try:
            item.clean_fields(exclude=["rhk"])
        except ValidationError as error:
            messages = [m for ms in error.message_dict.values() for m in ms]
            raise SkpRefused(f"Indikator '{item.teks[:80]}': {' '.join(messages)}") from None
    return indicators


@transaction.atomic
def rhk_add(
    *, rencana_id: int, user, jenis: str, teks: str, indikator: list[dict], rhk_atasan_id=None
) -> RencanaHasilKerja:
    """Add one RHK with its indicators to the draft SKP `rencana_id`; returns the RencanaHasilKerja.

    `jenis`: JenisRHK ("utama"/"tambahan"; anything else becomes "utama"); `teks`: the RHK's
    wording; `indikator`: dicts with teks, aspek (AspekIndikator, default "kuantitas"), arah
    (ArahIndikator "naik"/"turun"; blank or missing: the aspect's default, `predikat.default_arah`:
    waktu and biaya lower is better), target_angka (Decimal or None), satuan, target_teks,
    kondisi_awal (the baseline, Decimal or None), as `forms_skp.RhkForm` cleans them (rows
    without teks are skipped);
    `rhk_atasan_id`: the atasan's RHK this one supports (cascading, PermenPANRB 6/2022), or None.
    Each indicator is checked again against its columns (a finite target within `max_digits`,
    lengths), so no caller can store a value that breaks the SKP page, the evaluation page or the
    PDF.

    Raises SkpRefused when `user` is not the owner, the SKP is locked (submitted or approved),
    the RHK has no wording, no indicator or an indicator without target, the atasan's RHK is not
    the atasan's, or an indicator does not fit its columns."""
    rencana = _locked(rencana_id)
    _editable(rencana, user)
    indicators = _checked_rhk(
        rencana,
        teks=teks,
        indikator=[{**i, "id": None} for i in indikator],
        rhk_atasan_id=rhk_atasan_id,
    )
    rhk = RencanaHasilKerja.objects.create(
        rencana=rencana,
        jenis=jenis if jenis in JenisRHK.values else JenisRHK.UTAMA,
        teks=teks.strip(),
        rhk_atasan_id=rhk_atasan_id or None,
        urutan=rencana.rhk.count(),
    )
    for item in indicators:
        item.rhk = rhk
    IndikatorKinerja.objects.bulk_create(indicators)
    return rhk


@transaction.atomic
def rhk_update(
    *, rhk_id: int, user, jenis: str, teks: str, indikator: list[dict], rhk_atasan_id=None
) -> RencanaHasilKerja:
    """Change one RHK of a draft or returned SKP and its indicators; returns the RencanaHasilKerja.

    Arguments as `rhk_add`; an `indikator` row with an "id" changes that indicator (ids stay
    stable: realisasi rows refer to them), a row without one adds an indicator, and the RHK's
    indicators not named by any row are removed. Raises SkpRefused as `rhk_add` does, and when a
    row's id is not an indicator of this RHK; RencanaHasilKerja.DoesNotExist for an unknown id."""
    rencana_id = RencanaHasilKerja.objects.values_list("rencana_id", flat=True).get(pk=rhk_id)
    rencana = _locked(rencana_id)
    _editable(rencana, user)
    rhk = RencanaHasilKerja.objects.get(pk=rhk_id)
    indicators = _checked_rhk(rencana, teks=teks, indikator=indikator, rhk_atasan_id=rhk_atasan_id)
    existing = set(rhk.indikator.values_list("pk", flat=True))
    named = [item.pk for item in indicators if item.pk is not None]
    if not set(named) <= existing or len(named) != len(set(named)):
        raise SkpRefused("Indikator yang diubah bukan milik RHK ini; muat ulang halaman.")
    rhk.indikator.exclude(pk__in=named).delete()
    for item in indicators:
        item.rhk = rhk
        item.save(force_update=item.pk is not None)
    rhk.jenis = jenis if jenis in JenisRHK.values else JenisRHK.UTAMA
    rhk.teks = teks.strip()
    rhk.rhk_atasan_id = rhk_atasan_id or None
    rhk.save(update_fields=["jenis", "teks", "rhk_atasan"])
    return rhk


@transaction.atomic
def skp_approach_set(*, rencana_id: int, user, pendekatan: str) -> RencanaKerja:
    """Set the draft SKP's pendekatan ("kuantitatif" or "kualitatif", Pendekatan); returns the
    RencanaKerja. Raises SkpRefused when `user` is not the owner, the SKP is locked, or the value
    is not a Pendekatan."""
    rencana = _locked(rencana_id)
    _editable(rencana, user)
    if pendekatan not in Pendekatan.values:
        raise SkpRefused("Pilih pendekatan kuantitatif atau kualitatif.")
    rencana.pendekatan = pendekatan
    rencana.save(update_fields=["pendekatan"])
    return rencana


@transaction.atomic
def rhk_delete(*, rhk_id: int, user) -> None:
    """Delete one RHK (with its indicators) from a draft SKP; returns None. Raises SkpRefused when
    `user` is not the owner or the SKP is locked; RencanaHasilKerja.DoesNotExist for an unknown
    id."""
    rhk = RencanaHasilKerja.objects.select_related("rencana").get(pk=rhk_id)
    rencana = _locked(rhk.rencana_id)
    _editable(rencana, user)
    rhk.delete()


@transaction.atomic
def skp_submit(*, rencana_id: int, user) -> RencanaKerja:
    """Submit the draft SKP to the atasan for approval: status "diajukan", the current atasan
    recorded as pejabat penilai, logged; returns the RencanaKerja. Raises SkpRefused when `user`
    is not the owner, the SKP is locked, it has no RHK utama, or the pegawai has no atasan in the
    roster."""
    rencana = _locked(rencana_id)
    _editable(rencana, user)
    rhks = list(rencana.rhk.prefetch_related("indikator"))
    if not any(r.jenis == JenisRHK.UTAMA for r in rhks):
        raise SkpRefused("SKP memerlukan paling sedikit satu RHK utama.")
    if rencana.pegawai.atasan_id is None:
        raise SkpRefused(
            "Atasan langsung Anda belum tercatat di data kepegawaian; hubungi Admin OPD."
        )
    rencana.status = StatusSKP.DIAJUKAN
    rencana.pejabat_penilai_id = rencana.pegawai.atasan_id
    rencana.diajukan_pada = timezone.now()
    # The atasan's earlier comments were answered by this revision; RiwayatSKP keeps them.
    rencana.catatan_atasan = ""
    rencana.save(update_fields=["status", "pejabat_penilai", "diajukan_pada", "catatan_atasan"])
    rencana.rhk.update(catatan_atasan="")
    log(rencana, "diajukan", user)
    skp_notifications.skp_submitted(rencana, actor=user)
    return rencana


@transaction.atomic
def skp_withdraw(*, rencana_id: int, user) -> RencanaKerja:
    """The pegawai takes back a submitted SKP before the atasan decides: status "draf" again
    (editable), logged "pengajuan ditarik"; returns the RencanaKerja. Raises SkpRefused when
    `user` is not the owner, or the SKP is not (or no longer) waiting for approval — already
    withdrawn (a second click), returned or approved."""
    rencana = _locked(rencana_id)
    if not is_owner(user, rencana):
        raise SkpRefused("Hanya pemilik SKP yang dapat menarik pengajuannya.")
    if rencana.status == StatusSKP.DISETUJUI:
        raise SkpRefused("SKP sudah disetujui atasan; pengajuan tidak dapat ditarik lagi.")
    if rencana.status == StatusSKP.DIKEMBALIKAN:
        raise SkpRefused(
            "SKP sudah dikembalikan atasan; perbaiki lalu ajukan kembali bila sudah siap."
        )
    if rencana.status != StatusSKP.DIAJUKAN:
        raise SkpRefused("SKP ini tidak sedang diajukan; pengajuan sudah ditarik.")
    rencana.status = StatusSKP.DRAF
    rencana.diajukan_pada = None
    rencana.save(update_fields=["status", "diajukan_pada"])
    log(rencana, "pengajuan ditarik", user)
    skp_notifications.skp_withdrawn(rencana, actor=user)
    return rencana


def _review(rencana_id: int, user) -> RencanaKerja:
    rencana = _locked(rencana_id)
    if not is_penilai(user, rencana):
        raise SkpRefused("Hanya atasan langsung (pejabat penilai) yang dapat meninjau SKP ini.")
    if rencana.status != StatusSKP.DIAJUKAN:
        raise SkpRefused("SKP ini tidak sedang menunggu persetujuan.")
    return rencana


@transaction.atomic
def skp_return(
    *, rencana_id: int, user, catatan: str = "", catatan_rhk: dict[int, str] | None = None
) -> RencanaKerja:
    """The pejabat penilai returns a submitted SKP for revision: status "dikembalikan", logged;
    returns the RencanaKerja. `catatan`: the general comment; `catatan_rhk`: {RHK id: comment}
    for RHKs of this SKP, stored on each RHK (`RencanaHasilKerja.catatan_atasan`, shown beside
    it) until the pegawai resubmits; both are written to RiwayatSKP. At least one comment,
    general or per RHK, is required.

    Raises SkpRefused when `user` is not the pejabat penilai, the SKP is not waiting for
    approval, an id in `catatan_rhk` is not an RHK of this SKP, or every comment is blank."""
    rencana = _review(rencana_id, user)
    rhks = {rhk.pk: rhk for rhk in rencana.rhk.all()}
    per_rhk = {int(pk): (text or "").strip() for pk, text in (catatan_rhk or {}).items()}
    if not set(per_rhk) <= set(rhks):
        raise SkpRefused("Catatan ditujukan pada RHK yang bukan bagian dari SKP ini.")
    per_rhk = {pk: text for pk, text in per_rhk.items() if text}
    if not catatan.strip() and not per_rhk:
        raise SkpRefused("Tuliskan catatan perbaikan untuk pegawai, umum atau pada salah satu RHK.")
    rencana.status = StatusSKP.DIKEMBALIKAN
    rencana.catatan_atasan = catatan.strip()
    rencana.save(update_fields=["status", "catatan_atasan"])
    for pk, rhk in rhks.items():
        rhk.catatan_atasan = per_rhk.get(pk, "")
        rhk.save(update_fields=["catatan_atasan"])
    lines = [catatan.strip()] if catatan.strip() else []
    lines += [
        f"RHK {number}. {rhk.teks[:80]}: {per_rhk[pk]}"
        for number, (pk, rhk) in enumerate(rhks.items(), start=1)
        if pk in per_rhk
    ]
    log(rencana, "dikembalikan", user, "\n".join(lines))
    skp_notifications.skp_returned(rencana, actor=user)
    return rencana


@transaction.atomic
def skp_approve(*, rencana_id: int, user) -> RencanaKerja:
    """The pejabat penilai approves a submitted SKP: status "disetujui" (locked from now on),
    logged; returns the RencanaKerja. Raises SkpRefused when `user` is not the pejabat penilai or
    the SKP is not waiting for approval."""
    rencana = _review(rencana_id, user)
    rencana.status = StatusSKP.DISETUJUI
    rencana.disetujui_pada = timezone.now()
    rencana.catatan_atasan = ""
    rencana.save(update_fields=["status", "disetujui_pada", "catatan_atasan"])
    rencana.rhk.update(catatan_atasan="")
    log(rencana, "disetujui", user)
    skp_notifications.skp_approved(rencana, actor=user)
    return rencana


def _copy_rhks(rencana: RencanaKerja, items: list[dict]) -> int:
    for index, item in enumerate(items):
        rhk = RencanaHasilKerja.objects.create(
            rencana=rencana,
            jenis=item["jenis"],
            teks=item["teks"],
            urutan=rencana.rhk.count() + index,
        )
        IndikatorKinerja.objects.bulk_create(
            _indikator(indikator, rhk=rhk) for indikator in item["indikator"]
        )
    return len(items)


@transaction.atomic
def skp_copy_previous(*, rencana_id: int, user) -> int:
    """Copy the RHKs and indicators of the pegawai's most recent earlier SKP into this draft;
    returns the number of RHKs copied. Raises SkpRefused when `user` is not the owner, the SKP is
    locked, or there is no earlier SKP."""
    rencana = _locked(rencana_id)
    _editable(rencana, user)
    previous = (
        RencanaKerja.objects.filter(
            pegawai=rencana.pegawai, tahun_kinerja__tahun__lt=rencana.tahun_kinerja.tahun
        )
        .order_by("-tahun_kinerja__tahun")
        .first()
    )
    if previous is None:
        raise SkpRefused("Tidak ada SKP tahun sebelumnya untuk disalin.")
    items = [
        {
            "jenis": rhk.jenis,
            "teks": rhk.teks,
            "indikator": [
                {
                    "teks": i.teks,
                    "aspek": i.aspek,
                    "arah": i.arah,
                    "target_angka": i.target_angka,
                    "satuan": i.satuan,
                    "target_teks": i.target_teks,
                    "kondisi_awal": i.kondisi_awal,
                }
                for i in rhk.indikator.all()
            ],
        }
        for rhk in previous.rhk.prefetch_related("indikator")
    ]
    copied = _copy_rhks(rencana, items)
    log(rencana, "disalin dari tahun sebelumnya", user)
    return copied


def skp_templates() -> dict[str, dict]:
    """Shipped SKP templates for common jabatan (fixtures/skp/*.json), by slug (the file name): each
    {"nama": ..., "rhk": [{"jenis", "teks", "indikator": [...]}]}, each indicator as `rhk_add`
    takes it (arah optional: the aspect's default; kondisi_awal optional). Raises nothing for a
    missing folder (an empty dict)."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(TEMPLATES_DIR.glob("*.json"))
    }


@transaction.atomic
def skp_apply_template(*, rencana_id: int, user, slug: str) -> int:
    """Append the RHKs of the shipped template `slug` (see `skp_templates`) to this draft; returns
    the number of RHKs added. Raises SkpRefused when `user` is not the owner, the SKP is locked,
    or no template has that slug."""
    rencana = _locked(rencana_id)
    _editable(rencana, user)
    template = skp_templates().get(slug)
    if template is None:
        raise SkpRefused("Templat SKP tidak ditemukan.")
    copied = _copy_rhks(rencana, template["rhk"])
    log(rencana, f"templat {template['nama']}", user)
    return copied
