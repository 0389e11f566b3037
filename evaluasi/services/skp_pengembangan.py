"""Rencana pengembangan (PermenPANRB 6/2022, tindak lanjut hasil evaluasi kinerja: pengembangan
kompetensi): after a predikat Butuh Perbaikan, Kurang/Misconduct or Sangat Kurang
(`predikat.needs_development_plan`) the pejabat penilai proposes goals, guides and workshops and a
review date; the pegawai agrees or asks for a change; at the review date (or the next period's
evaluation) the pejabat penilai records the review.

Every step locks the evaluation's row, is logged in RiwayatSKP and tells the other side (the
pegawai or the pejabat penilai) through `cms.notifications.notify`; the actor is never told and
nobody else is. Acceptance of and objections to the evaluation are never blocked by a missing plan.
"""

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from cms.notifications import notify
from evaluasi.models import (
    EvaluasiKinerja,
    HasilTinjauan,
    RencanaPengembangan,
    StatusPengembangan,
    SumberPengembangan,
)
from evaluasi.predikat import needs_development_plan
from evaluasi.selectors.skp_pengembangan import development_suggestions, review_due

from .evaluations import EvaluationRefused
from .skp import is_owner, is_penilai, log

TUJUAN_MAX = 5000
CATATAN_MAX = 2000
TINJAU_MAKS_HARI = 366  # a review date is at most a year away: the next periods review it
S = StatusPengembangan


class DevelopmentPlanRefused(EvaluationRefused):
    """A step of the rencana pengembangan is not allowed; the message is shown to the user as
    is."""


def tanggal(day: date) -> str:
    """A calendar date as Indonesians write it ("2 Maret 2027"). Raises nothing."""
    with override("id"):
        return date_format(day, "j F Y")


def _locked(evaluasi_id: int) -> EvaluasiKinerja:
    return (
        EvaluasiKinerja.objects.select_for_update(of=("self",))
        .select_related(
            "rencana__pegawai__user",
            "rencana__pegawai__atasan__user",
            "rencana__pejabat_penilai__user",
        )
        .get(pk=evaluasi_id)
    )


def _plan(evaluasi: EvaluasiKinerja) -> RencanaPengembangan | None:
    return RencanaPengembangan.objects.filter(evaluasi=evaluasi).first()


def _tell(evaluasi: EvaluasiKinerja, *, to: str, actor, judul: str, teks: str) -> list:
    """Notify the pegawai (`to="pegawai"`) or the pejabat penilai (`to="penilai"`) of
    `evaluasi`, never the actor. Returns the rows."""
    rencana = evaluasi.rencana
    pegawai = rencana.pegawai if to == "pegawai" else rencana.pejabat_penilai
    if pegawai is None and to == "penilai":
        pegawai = rencana.pegawai.atasan
    user = getattr(pegawai, "user", None) if pegawai is not None else None
    if user is None or user.pk == actor.pk:
        return []
    return notify(
        [user],
        judul=judul,
        teks=teks,
        tautan=reverse("skp:pengembangan", args=[evaluasi.pk]),
    )


@transaction.atomic
def development_plan_propose(
    *,
    evaluasi_id: int,
    user,
    tujuan: str,
    halaman_ids: list[int],
    tanggal_tinjau: date,
    today: date | None = None,
) -> RencanaPengembangan:
    """The pejabat penilai writes (or rewrites, while not yet agreed) the plan of
    `evaluasi_id` and sends it to the pegawai; sending records the atasan's agreement and asks
    the pegawai's anew. `tujuan`: the goals (required, ≤ 5,000 characters); `halaman_ids`: ids
    of guide/workshop pages among the suggestions for the evaluation's weakest aspects
    (`selectors.skp_pengembangan.development_suggestions`) or already chosen; `tanggal_tinjau`:
    the review date, after `today` (WIB, defaults to the current date) and at most
    TINJAU_MAKS_HARI days from it. Returns the
    RencanaPengembangan, status "draf", logged, the pegawai told.

    Raises DevelopmentPlanRefused when `user` is not the pejabat penilai, the predikat needs no
    plan (`predikat.needs_development_plan`), the plan is already agreed, or an input breaks the
    rules above; EvaluasiKinerja.DoesNotExist for an unknown id."""
    today = today or timezone.localdate()
    evaluasi = _locked(evaluasi_id)
    if not is_penilai(user, evaluasi.rencana):
        raise DevelopmentPlanRefused("Rencana pengembangan disusun oleh pejabat penilai.")
    if not needs_development_plan(evaluasi.predikat):
        raise DevelopmentPlanRefused(
            "Rencana pengembangan diperlukan untuk predikat Butuh Perbaikan, Kurang/Misconduct, "
            "atau Sangat Kurang."
        )
    plan = _plan(evaluasi)
    if plan is not None and plan.status != S.DRAF:
        raise DevelopmentPlanRefused(
            "Rencana pengembangan ini sudah disepakati dan tidak dapat diubah lagi."
        )
    tujuan = (tujuan or "").strip()
    if not tujuan:
        raise DevelopmentPlanRefused("Tuliskan tujuan pengembangan.", field="tujuan")
    if len(tujuan) > TUJUAN_MAX:
        raise DevelopmentPlanRefused(
            f"Tujuan pengembangan paling banyak {TUJUAN_MAX} karakter.", field="tujuan"
        )
    if tanggal_tinjau is None or tanggal_tinjau <= today:
        raise DevelopmentPlanRefused(
            "Tanggal tinjau harus setelah hari ini.", field="tanggal_tinjau"
        )
    if tanggal_tinjau > today + timedelta(days=TINJAU_MAKS_HARI):
        raise DevelopmentPlanRefused(
            "Tanggal tinjau paling lambat satu tahun dari hari ini; pengembangan ditinjau "
            "bersama pada periode berikutnya.",
            field="tanggal_tinjau",
        )
    offered = development_suggestions(evaluasi).halaman()
    if plan is not None:
        for s in plan.sumber.all():
            if s.halaman_id is not None:
                offered.setdefault(s.halaman_id, (s.jenis, s.judul))
    chosen = list(dict.fromkeys(int(i) for i in halaman_ids))
    if any(i not in offered for i in chosen):
        raise DevelopmentPlanRefused(
            "Pilih panduan atau workshop dari daftar yang disarankan.", field="sumber"
        )
    now = timezone.now()
    first = plan is None
    if first:
        plan = RencanaPengembangan(evaluasi=evaluasi)
    plan.tujuan = tujuan
    plan.tanggal_tinjau = tanggal_tinjau
    plan.disusun_oleh = user
    plan.disetujui_atasan_pada = now
    plan.disetujui_pegawai_pada = None
    plan.status = S.DRAF
    plan.save()
    plan.sumber.all().delete()
    SumberPengembangan.objects.bulk_create(
        SumberPengembangan(
            rencana=plan, halaman_id=i, jenis=offered[i][0], judul=offered[i][1][:255]
        )
        for i in chosen
    )
    log(
        evaluasi.rencana,
        "rencana pengembangan disusun" if first else "rencana pengembangan diperbarui",
        user,
        evaluasi=evaluasi,
    )
    _tell(
        evaluasi,
        to="pegawai",
        actor=user,
        judul="Rencana pengembangan untuk Anda"
        if first
        else "Rencana pengembangan Anda diperbarui",
        teks=(
            f"Atasan Anda {'menyusun' if first else 'memperbarui'} rencana pengembangan: tujuan, "
            "panduan dan workshop yang dapat mendukung Anda. Baca, lalu setujui atau minta "
            "perubahan."
        ),
    )
    return plan


def _waiting_for_pegawai(evaluasi: EvaluasiKinerja, user) -> RencanaPengembangan:
    if not is_owner(user, evaluasi.rencana):
        raise DevelopmentPlanRefused(
            "Hanya pegawai yang bersangkutan yang dapat menyetujui rencana pengembangan ini."
        )
    plan = _plan(evaluasi)
    if plan is None or not plan.menunggu_pegawai:
        raise DevelopmentPlanRefused(
            "Belum ada rencana pengembangan yang menunggu persetujuan Anda."
        )
    return plan


@transaction.atomic
def development_plan_agree(*, evaluasi_id: int, user) -> RencanaPengembangan:
    """The pegawai agrees to the plan the pejabat penilai sent: status "disepakati", both
    agreements recorded, logged, the pejabat penilai told. Returns the RencanaPengembangan.

    Raises DevelopmentPlanRefused when `user` is not the pegawai or no plan waits for their
    agreement."""
    evaluasi = _locked(evaluasi_id)
    plan = _waiting_for_pegawai(evaluasi, user)
    plan.disetujui_pegawai_pada = timezone.now()
    plan.status = S.DISEPAKATI
    plan.save()
    log(evaluasi.rencana, "rencana pengembangan disepakati", user, evaluasi=evaluasi)
    _tell(
        evaluasi,
        to="penilai",
        actor=user,
        judul=f"Rencana pengembangan disepakati: {evaluasi.rencana.pegawai.nama_lengkap}",
        teks=(
            f"{evaluasi.rencana.pegawai.nama_lengkap} menyetujui rencana pengembangan. "
            f"Tinjau bersama pada {tanggal(plan.tanggal_tinjau)} atau saat evaluasi berikutnya."
        ),
    )
    return plan


@transaction.atomic
def development_plan_request_change(
    *, evaluasi_id: int, user, tanggapan: str
) -> RencanaPengembangan:
    """The pegawai asks the pejabat penilai to change the plan, with `tanggapan` (required,
    ≤ 2,000 characters): the atasan's agreement is cleared until they send it again; logged
    with the comment, the pejabat penilai told. Returns the RencanaPengembangan.

    Raises DevelopmentPlanRefused when `user` is not the pegawai, no plan waits for their
    agreement, or `tanggapan` is blank or too long."""
    evaluasi = _locked(evaluasi_id)
    plan = _waiting_for_pegawai(evaluasi, user)
    tanggapan = (tanggapan or "").strip()
    if not tanggapan:
        raise DevelopmentPlanRefused("Tuliskan perubahan yang Anda minta.", field="tanggapan")
    if len(tanggapan) > CATATAN_MAX:
        raise DevelopmentPlanRefused(
            f"Tanggapan paling banyak {CATATAN_MAX} karakter.", field="tanggapan"
        )
    plan.tanggapan_pegawai = tanggapan
    plan.disetujui_atasan_pada = None
    plan.save()
    log(
        evaluasi.rencana,
        "perubahan rencana pengembangan diminta",
        user,
        tanggapan,
        evaluasi=evaluasi,
    )
    _tell(
        evaluasi,
        to="penilai",
        actor=user,
        judul=f"Permintaan perubahan rencana pengembangan: {evaluasi.rencana.pegawai.nama_lengkap}",
        teks=f"Tanggapan: {tanggapan[:300]}",
    )
    return plan


@transaction.atomic
def development_plan_review(
    *, evaluasi_id: int, user, hasil: str, catatan: str, today: date | None = None
) -> RencanaPengembangan:
    """The pejabat penilai records the review of the agreed plan: `hasil` (a HasilTinjauan value:
    tercapai, sebagian, belum) and `catatan` (required, ≤ 2,000 characters), from the review date
    (`today`, WIB, defaults to the current date) or once the next period's evaluation is
    submitted (`selectors.skp_pengembangan.review_due`). Status "ditinjau", logged, the pegawai
    told. Returns the RencanaPengembangan.

    Raises DevelopmentPlanRefused when `user` is not the pejabat penilai, the plan is not agreed
    or already reviewed, the review is not yet due, or an input is missing."""
    evaluasi = _locked(evaluasi_id)
    if not is_penilai(user, evaluasi.rencana):
        raise DevelopmentPlanRefused("Tinjauan rencana pengembangan dicatat oleh pejabat penilai.")
    plan = _plan(evaluasi)
    if plan is None or plan.status == S.DRAF:
        raise DevelopmentPlanRefused("Tinjauan dicatat setelah rencana pengembangan disepakati.")
    if plan.status == S.DITINJAU:
        raise DevelopmentPlanRefused("Tinjauan rencana pengembangan ini sudah dicatat.")
    if not review_due(plan, today):
        raise DevelopmentPlanRefused(
            f"Tinjauan dapat dicatat mulai {tanggal(plan.tanggal_tinjau)} atau saat evaluasi "
            "periode berikutnya diajukan."
        )
    if hasil not in HasilTinjauan.values:
        raise DevelopmentPlanRefused("Pilih hasil tinjauan.", field="hasil")
    catatan = (catatan or "").strip()
    if not catatan:
        raise DevelopmentPlanRefused("Tuliskan catatan tinjauan.", field="catatan")
    if len(catatan) > CATATAN_MAX:
        raise DevelopmentPlanRefused(
            f"Catatan tinjauan paling banyak {CATATAN_MAX} karakter.", field="catatan"
        )
    plan.hasil_tinjauan = hasil
    plan.catatan_tinjauan = catatan
    plan.ditinjau_oleh = user
    plan.ditinjau_pada = timezone.now()
    plan.status = S.DITINJAU
    plan.save()
    log(
        evaluasi.rencana,
        f"rencana pengembangan ditinjau: {plan.get_hasil_tinjauan_display().lower()}",
        user,
        catatan,
        evaluasi=evaluasi,
    )
    _tell(
        evaluasi,
        to="pegawai",
        actor=user,
        judul="Tinjauan rencana pengembangan Anda",
        teks=f"Hasil: {plan.get_hasil_tinjauan_display()}. Catatan atasan: {catatan[:300]}",
    )
    return plan
