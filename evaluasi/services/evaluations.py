"""Evaluation of an approved SKP: realisasi by the pegawai, the atasan's decision (suggested rating
hasil kerja, perilaku per BerAKHLAK value, predikat from the matrix), acceptance or objection."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from evaluasi.models import (
    EvaluasiKinerja,
    IndikatorKinerja,
    Keberatan,
    PerilakuKerja,
    PeriodeKinerja,
    RealisasiIndikator,
    RencanaKerja,
    StatusEvaluasi,
    StatusKeberatan,
    StatusSKP,
    UmpanBalikRHK,
)
from evaluasi.predikat import Rating, predikat_kinerja, suggest_hasil_kerja

from . import skp_notifications
from .skp import SkpRefused, is_atasan_penilai, is_owner, is_penilai, log
from .skp_kalender import window_text


class EvaluationRefused(SkpRefused):
    """A step of an SKP's evaluation is not allowed (a step of the SKP workflow, so also a
    `SkpRefused`); the message is shown to the user as is."""


S = StatusEvaluasi
BERAKHLAK = (
    "Berorientasi Pelayanan",
    "Akuntabel",
    "Kompeten",
    "Harmonis",
    "Loyal",
    "Adaptif",
    "Kolaboratif",
)
MAX_BUKTI_BYTES = 5 * 1024 * 1024
BUKTI_TYPES = {
    ".pdf": b"%PDF",
    ".png": b"\x89PNG",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
    ".pptx": b"PK\x03\x04",
}


def _locked(evaluasi_id: int) -> EvaluasiKinerja:
    return (
        EvaluasiKinerja.objects.select_for_update(of=("self",))
        .select_related(
            "rencana__pegawai__unit_kerja", "rencana__pejabat_penilai", "periode_kinerja"
        )
        .get(pk=evaluasi_id)
    )


@transaction.atomic
def evaluation_start(*, rencana_id: int, periode_kinerja_id: int, user) -> EvaluasiKinerja:
    """The pegawai starts (or reopens) the evaluation of their approved SKP `rencana_id` for the
    PeriodeKinerja `periode_kinerja_id` (a periodic or the annual period of the SKP's year, whose
    window is open: PermenPANRB 6/2022, evaluasi periodik and tahunan); returns the
    EvaluasiKinerja, created in status "realisasi" on first use and logged. Reopening an existing
    evaluation is allowed outside the window.

    Raises EvaluationRefused (a SkpRefused) when `user` is not the owner, the SKP is not
    approved, the period is of another year, or (for a new evaluation) now is outside the
    period's window — the message names the window in WIB; RencanaKerja/PeriodeKinerja
    .DoesNotExist for unknown ids."""
    rencana = RencanaKerja.objects.select_related("pegawai").get(pk=rencana_id)
    if not is_owner(user, rencana):
        raise EvaluationRefused("Hanya pemilik SKP yang dapat memulai evaluasi.")
    if rencana.status != StatusSKP.DISETUJUI:
        raise EvaluationRefused("Evaluasi hanya untuk SKP yang sudah disetujui atasan.")
    periode = PeriodeKinerja.objects.get(pk=periode_kinerja_id)
    if periode.tahun_kinerja_id != rencana.tahun_kinerja_id:
        raise EvaluationRefused("Periode evaluasi harus pada tahun yang sama dengan SKP.")
    existing = EvaluasiKinerja.objects.filter(rencana=rencana, periode_kinerja=periode).first()
    if existing is not None:
        return existing
    if not periode.dibuka():
        raise EvaluationRefused(
            f"Evaluasi {periode.nama} hanya dapat dimulai pada {window_text(periode)}."
        )
    evaluasi, created = EvaluasiKinerja.objects.get_or_create(
        rencana=rencana, periode_kinerja=periode
    )
    if created:
        log(rencana, f"evaluasi {periode.nama} dimulai", user, evaluasi=evaluasi)
    return evaluasi


def bukti_problem(berkas) -> str | None:
    """Why an evidence file is refused (the Indonesian message shown next to its field), or None.
    `berkas`: an uploaded file (name, size in bytes, read/seek); its extension, its size (at most
    MAX_BUKTI_BYTES, 5 MB) and its first bytes (BUKTI_TYPES) must agree. Raises nothing."""
    extension = Path(berkas.name).suffix.lower()
    if extension not in BUKTI_TYPES:
        return "Bukti dukung harus PDF, gambar (PNG/JPG), atau dokumen Office (docx, xlsx, pptx)."
    if berkas.size > MAX_BUKTI_BYTES:
        return "Berkas bukti dukung paling besar 5 MB."
    head = berkas.read(8)
    berkas.seek(0)
    if not head.startswith(BUKTI_TYPES[extension]):
        return "Isi berkas tidak sesuai dengan ekstensinya."
    return None


_SAFE_LINK = URLValidator(schemes=["http", "https"])


def safe_link(url: str) -> str:
    """The evidence link `url` if it is an http(s) URL, else "" (shown as text, never as a link).
    Raises nothing."""
    try:
        _SAFE_LINK(url)
    except ValidationError:
        return ""
    return url


def _refusal(error: ValidationError) -> EvaluationRefused:
    messages = [m for ms in error.message_dict.values() for m in ms]
    return EvaluationRefused(" ".join(messages))


@transaction.atomic
def realisasi_save(
    *,
    evaluasi_id: int,
    user,
    indikator_id: int,
    angka: Decimal | None = None,
    teks: str = "",
    tautan: str = "",
    berkas=None,
) -> RealisasiIndikator:
    """Store one indicator's realisasi of evaluation `evaluasi_id`; returns the RealisasiIndikator.

    `angka`: the numeric realisasi (Decimal, the indicator's satuan) or None; `teks`: the
    qualitative realisasi; `tautan`: an http(s) evidence link or ""; `berkas`: an uploaded
    evidence file or None. Values come clean from `forms_skp.RealisasiForm`; they are checked
    again against the columns (finite, `max_digits`, http(s) link, the evidence file's type and
    size) so that no caller can store a value that breaks the evaluation page or the PDF.

    Raises EvaluationRefused when `user` is not the owner, the realisasi was already submitted,
    the indicator is not of this SKP, or a value is refused."""
    evaluasi = _locked(evaluasi_id)
    if not is_owner(user, evaluasi.rencana):
        raise EvaluationRefused("Hanya pemilik SKP yang dapat mengisi realisasi.")
    if evaluasi.status != S.REALISASI:
        raise EvaluationRefused("Realisasi sudah diajukan dan tidak dapat diubah.")
    if not IndikatorKinerja.objects.filter(pk=indikator_id, rhk__rencana=evaluasi.rencana).exists():
        raise EvaluationRefused("Indikator tidak ditemukan pada SKP ini.")
    if berkas:
        problem = bukti_problem(berkas)
        if problem:
            raise EvaluationRefused(problem)
    tautan = (tautan or "").strip()
    if tautan and not safe_link(tautan):
        raise EvaluationRefused("Tautan harus diawali http:// atau https://.")
    row = RealisasiIndikator.objects.filter(evaluasi=evaluasi, indikator_id=indikator_id).first()
    row = row or RealisasiIndikator(evaluasi=evaluasi, indikator_id=indikator_id)
    row.realisasi_angka = None if angka in (None, "") else angka
    row.realisasi_teks = (teks or "").strip()
    row.bukti_tautan = tautan
    try:
        row.clean_fields(exclude=["evaluasi", "indikator", "bukti_berkas"])
    except ValidationError as error:
        raise _refusal(error) from None
    if berkas:
        row.bukti_berkas = berkas
    row.save()
    return row


@transaction.atomic
def realisasi_form_save(*, evaluasi_id: int, user, rows: list[dict], submit: bool = False) -> None:
    """The whole realisasi form in one transaction: `rows` are the clean values of
    `forms_skp.RealisasiForm.row()` (indikator_id, angka, teks, tautan, berkas; rows of another
    SKP are skipped); with `submit`, the realisasi is then submitted. Returns None. Raises
    EvaluationRefused as `realisasi_save` and `realisasi_submit` do; a refusal in one row saves
    none of them."""
    evaluasi = EvaluasiKinerja.objects.get(pk=evaluasi_id)
    own = set(
        IndikatorKinerja.objects.filter(rhk__rencana_id=evaluasi.rencana_id).values_list(
            "pk", flat=True
        )
    )
    for row in rows:
        if row["indikator_id"] in own:
            realisasi_save(evaluasi_id=evaluasi_id, user=user, **row)
    if submit:
        realisasi_submit(evaluasi_id=evaluasi_id, user=user)


@transaction.atomic
def realisasi_submit(*, evaluasi_id: int, user) -> EvaluasiKinerja:
    """The pegawai submits the realisasi to the pejabat penilai: status "diajukan", logged; returns
    the EvaluasiKinerja. Raises EvaluationRefused when `user` is not the owner, it was already
    submitted, or an indicator has neither a numeric nor a textual realisasi."""
    evaluasi = _locked(evaluasi_id)
    if not is_owner(user, evaluasi.rencana):
        raise EvaluationRefused("Hanya pemilik SKP yang dapat mengajukan realisasi.")
    if evaluasi.status != S.REALISASI:
        raise EvaluationRefused("Realisasi sudah diajukan.")
    expected = IndikatorKinerja.objects.filter(rhk__rencana=evaluasi.rencana).count()
    filled = evaluasi.realisasi.exclude(realisasi_angka__isnull=True, realisasi_teks="").count()
    if filled < expected:
        raise EvaluationRefused(f"Realisasi baru terisi {filled} dari {expected} indikator.")
    evaluasi.status = S.DIAJUKAN
    evaluasi.save(update_fields=["status"])
    log(evaluasi.rencana, "realisasi diajukan", user, evaluasi=evaluasi)
    skp_notifications.realisasi_submitted(evaluasi, actor=user)
    return evaluasi


def suggestion_for(evaluasi: EvaluasiKinerja, capaian: dict[int, str]) -> Rating | None:
    """Suggested rating hasil kerja from the atasan's judgement of each RHK: `capaian` maps RHK id
    -> Rating value; RHKs of another SKP are ignored. Returns a Rating, or None without
    judgements. The majority rule over RHK utama is `predikat.suggest_hasil_kerja` (PermenPANRB
    6/2022; docs/skp.md). Raises nothing."""
    kinds = dict(evaluasi.rencana.rhk.values_list("pk", "jenis"))
    return suggest_hasil_kerja(
        [(kinds[pk] == "utama", rating) for pk, rating in capaian.items() if pk in kinds]
    )


def perilaku_suggestion(ratings: dict[str, str]) -> Rating | None:
    """Overall rating perilaku kerja from the per-value ratings (`ratings`: BerAKHLAK value ->
    Rating value): the same majority rule, no 'utama' values. Returns a Rating, or None when
    empty."""
    return suggest_hasil_kerja([(False, r) for r in ratings.values()])


@transaction.atomic
def evaluation_decide(
    *,
    evaluasi_id: int,
    user,
    capaian: dict[int, tuple[str, str]],
    perilaku: dict[str, str],
    rating_hasil_kerja: str,
    rating_perilaku: str,
) -> EvaluasiKinerja:
    """The pejabat penilai's decision on a submitted realisasi; returns the EvaluasiKinerja, now
    "dinilai" with the predikat from the matrix (`predikat.predikat_kinerja`, PermenPANRB
    6/2022).

    `capaian`: RHK id -> (Rating value, feedback text), one per RHK of the SKP; `perilaku`: each
    of the seven BerAKHLAK values (BERAKHLAK) -> Rating value; `rating_hasil_kerja`,
    `rating_perilaku`: the final Rating values (the suggestion is stored beside them).

    Raises EvaluationRefused when `user` is not the pejabat penilai, the evaluation is not
    waiting for the decision, or a rating is missing or not a Rating."""
    evaluasi = _locked(evaluasi_id)
    if not is_penilai(user, evaluasi.rencana):
        raise EvaluationRefused("Hanya pejabat penilai yang dapat menilai evaluasi ini.")
    if evaluasi.status != S.DIAJUKAN:
        raise EvaluationRefused("Evaluasi ini tidak sedang menunggu penilaian atasan.")
    rhk_ids = set(evaluasi.rencana.rhk.values_list("pk", flat=True))
    if set(capaian) != rhk_ids or any(r not in Rating.values for r, _ in capaian.values()):
        raise EvaluationRefused("Tentukan capaian untuk setiap RHK.")
    if set(perilaku) != set(BERAKHLAK) or any(r not in Rating.values for r in perilaku.values()):
        raise EvaluationRefused("Tentukan rating untuk ketujuh nilai BerAKHLAK.")
    if rating_hasil_kerja not in Rating.values or rating_perilaku not in Rating.values:
        raise EvaluationRefused("Tentukan rating hasil kerja dan rating perilaku kerja.")
    UmpanBalikRHK.objects.filter(evaluasi=evaluasi).delete()
    UmpanBalikRHK.objects.bulk_create(
        UmpanBalikRHK(evaluasi=evaluasi, rhk_id=pk, capaian=r, teks=t.strip())
        for pk, (r, t) in capaian.items()
    )
    PerilakuKerja.objects.filter(evaluasi=evaluasi).delete()
    PerilakuKerja.objects.bulk_create(
        PerilakuKerja(evaluasi=evaluasi, nilai=v, rating=r) for v, r in perilaku.items()
    )
    saran = suggestion_for(evaluasi, {pk: r for pk, (r, _) in capaian.items()})
    evaluasi.saran_hasil_kerja = saran or ""
    evaluasi.rating_hasil_kerja = rating_hasil_kerja
    evaluasi.rating_perilaku = rating_perilaku
    evaluasi.predikat = predikat_kinerja(rating_hasil_kerja, rating_perilaku)
    evaluasi.diputuskan_oleh = user
    evaluasi.diputuskan_pada = timezone.now()
    evaluasi.status = S.DINILAI
    evaluasi.save()
    log(
        evaluasi.rencana,
        "dinilai",
        user,
        f"Predikat {evaluasi.get_predikat_display()}",
        evaluasi=evaluasi,
    )
    skp_notifications.evaluation_decided(evaluasi, actor=user, batas=objection_deadline(evaluasi))
    return evaluasi


@transaction.atomic
def evaluation_accept(*, evaluasi_id: int, user) -> EvaluasiKinerja:
    """The pegawai accepts the decision: status "final", logged; returns the EvaluasiKinerja. Raises
    EvaluationRefused when `user` is not the pegawai or the evaluation is not "dinilai"."""
    evaluasi = _locked(evaluasi_id)
    if not is_owner(user, evaluasi.rencana):
        raise EvaluationRefused("Hanya pegawai yang dinilai yang dapat menerima hasilnya.")
    if evaluasi.status != S.DINILAI:
        raise EvaluationRefused("Hasil evaluasi ini tidak sedang menunggu tanggapan Anda.")
    evaluasi.status = S.FINAL
    evaluasi.save(update_fields=["status"])
    log(evaluasi.rencana, "hasil diterima", user, evaluasi=evaluasi)
    return evaluasi


def objection_deadline(evaluasi: EvaluasiKinerja):
    """The last moment (aware datetime) an objection to `evaluasi`'s decision may be filed: the
    decision time plus settings.SKP_KEBERATAN_HARI days (14 by default; PermenPANRB 6/2022,
    keberatan)."""
    return evaluasi.diputuskan_pada + timedelta(days=settings.SKP_KEBERATAN_HARI)


@transaction.atomic
def objection_file(*, evaluasi_id: int, user, alasan: str, now=None) -> Keberatan:
    """The pegawai objects to the decision with `alasan` (required) before `objection_deadline`;
    `now` (aware datetime) defaults to the current time. Returns the Keberatan; the evaluation
    becomes "keberatan", logged.

    Raises EvaluationRefused when `user` is not the pegawai, the evaluation is not "dinilai", the
    deadline has passed, or `alasan` is blank."""
    now = now or timezone.now()
    evaluasi = _locked(evaluasi_id)
    if not is_owner(user, evaluasi.rencana):
        raise EvaluationRefused("Hanya pegawai yang dinilai yang dapat mengajukan keberatan.")
    if evaluasi.status == S.KEBERATAN:
        raise EvaluationRefused("Keberatan Anda sudah diajukan dan menunggu keputusan.")
    if evaluasi.status != S.DINILAI:
        raise EvaluationRefused("Keberatan hanya dapat diajukan atas hasil yang belum diterima.")
    if now > objection_deadline(evaluasi):
        raise EvaluationRefused(
            f"Batas pengajuan keberatan ({settings.SKP_KEBERATAN_HARI} hari setelah penilaian) "
            "sudah lewat."
        )
    if not alasan.strip():
        raise EvaluationRefused("Tuliskan alasan keberatan.")
    keberatan = Keberatan.objects.create(
        evaluasi=evaluasi, alasan=alasan.strip(), predikat_sebelum=evaluasi.predikat
    )
    evaluasi.status = S.KEBERATAN
    evaluasi.save(update_fields=["status"])
    log(evaluasi.rencana, "keberatan diajukan", user, alasan.strip(), evaluasi=evaluasi)
    skp_notifications.objection_filed(evaluasi, actor=user)
    return keberatan


@transaction.atomic
def objection_resolve(
    *,
    evaluasi_id: int,
    user,
    dikabulkan: bool,
    keputusan: str,
    rating_hasil_kerja: str = "",
    rating_perilaku: str = "",
) -> EvaluasiKinerja:
    """Decide an objection: by the pejabat penilai's atasan or an Admin OPD over the pegawai's unit
    (`skp.is_atasan_penilai`). `dikabulkan`: granted (then `rating_hasil_kerja` and
    `rating_perilaku`, Rating values, replace the decision and the predikat is recomputed) or
    rejected; `keputusan`: the reasoning (required). Returns the EvaluasiKinerja, now "final",
    logged.

    Raises EvaluationRefused when `user` may not decide, no objection is pending, `keputusan` is
    blank, or a granted objection lacks valid ratings."""
    evaluasi = _locked(evaluasi_id)
    if not is_atasan_penilai(user, evaluasi.rencana):
        raise EvaluationRefused("Keberatan diputuskan oleh atasan pejabat penilai atau Admin OPD.")
    if evaluasi.status != S.KEBERATAN:
        raise EvaluationRefused("Tidak ada keberatan yang menunggu keputusan.")
    if not keputusan.strip():
        raise EvaluationRefused("Tuliskan pertimbangan keputusan.")
    keberatan = evaluasi.keberatan
    if dikabulkan:
        if rating_hasil_kerja not in Rating.values or rating_perilaku not in Rating.values:
            raise EvaluationRefused("Keberatan yang dikabulkan memerlukan rating baru.")
        evaluasi.rating_hasil_kerja = rating_hasil_kerja
        evaluasi.rating_perilaku = rating_perilaku
        evaluasi.predikat = predikat_kinerja(rating_hasil_kerja, rating_perilaku)
    keberatan.status = StatusKeberatan.DIKABULKAN if dikabulkan else StatusKeberatan.DITOLAK
    keberatan.keputusan = keputusan.strip()
    keberatan.diputuskan_oleh = user
    keberatan.diputuskan_pada = timezone.now()
    keberatan.save()
    evaluasi.status = S.FINAL
    evaluasi.save()
    log(
        evaluasi.rencana,
        f"keberatan {keberatan.get_status_display().lower()}",
        user,
        f"{keputusan.strip()} (predikat: {evaluasi.get_predikat_display()})",
        evaluasi=evaluasi,
    )
    skp_notifications.objection_resolved(evaluasi, actor=user)
    return evaluasi
