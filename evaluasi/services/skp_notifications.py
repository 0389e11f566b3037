"""Who is told what in the SKP workflow (docs/skp.md, "Pemberitahuan").

Each function is called by the workflow service right after its state change, inside its
transaction: the rows are written with it and the emails leave after it commits
(`cms.notifications.notify`). The person who acted is never told of their own step.

| event | told |
|---|---|
| SKP diajukan, pengajuan ditarik, realisasi diajukan | the pejabat penilai |
| SKP dikembalikan / disetujui, evaluasi dinilai | the pegawai |
| keberatan diajukan | who decides it (the pejabat penilai's atasan, else the Admin OPD over the
  pegawai's unit) and the pejabat penilai |
| keberatan diputuskan | the pegawai and the pejabat penilai |
"""

from django.urls import reverse

from cms.notifications import notify, waktu_wib
from evaluasi.models import EvaluasiKinerja, Pegawai, RencanaKerja
from evaluasi.selectors.roster import admin_opd_over

CATATAN_MAX = 300


def user_of(pegawai: Pegawai | None):
    """The account of `pegawai`, or None (no pegawai, or no account yet)."""
    return getattr(pegawai, "user", None) if pegawai is not None else None


def send(users, actor, **message) -> list:
    """`cms.notifications.notify` for `users` (None skipped) except the `actor`, who is never
    told of their own step. Returns the rows."""
    return notify([u for u in users if u is not None and u.pk != actor.pk], **message)


def short(text: str) -> str:
    """`text` on one line, cut at CATATAN_MAX characters for a notification."""
    text = " ".join(text.split())
    return text if len(text) <= CATATAN_MAX else f"{text[: CATATAN_MAX - 1]}…"


def _skp_link(rencana: RencanaKerja) -> str:
    return reverse("skp:detail", args=[rencana.pk])


def _evaluation_link(evaluasi: EvaluasiKinerja) -> str:
    return reverse("skp:evaluasi", args=[evaluasi.pk])


def penilai_of(rencana: RencanaKerja) -> Pegawai | None:
    """As `skp.is_penilai`: the atasan recorded on submission, else the current atasan."""
    return rencana.pejabat_penilai or rencana.pegawai.atasan


def objection_resolvers(rencana: RencanaKerja) -> list:
    """The users who decide an objection to `rencana`'s evaluation (PermenPANRB 6/2022,
    keberatan; `skp.is_atasan_penilai`): the pejabat penilai's own atasan when recorded and with
    an account, else the Admin OPD(s) whose unit subtree holds the pegawai. Returns a list of
    Users (possibly empty). Raises nothing."""
    penilai = rencana.pejabat_penilai
    atasan_user = user_of(penilai.atasan) if penilai is not None and penilai.atasan_id else None
    if atasan_user is not None:
        return [atasan_user]
    return list(admin_opd_over(rencana.pegawai.unit_kerja))


def skp_submitted(rencana: RencanaKerja, *, actor) -> list:
    """Tell the pejabat penilai that `rencana` waits for their approval. Returns the rows."""
    return send(
        [user_of(penilai_of(rencana))],
        actor,
        judul=f"SKP menunggu persetujuan Anda: {rencana.pegawai.nama_lengkap}",
        teks=(
            f"{rencana.pegawai.nama_lengkap} mengajukan SKP {rencana.tahun_kinerja.tahun} pada "
            f"{waktu_wib(rencana.diajukan_pada)}. Tinjau, lalu setujui atau kembalikan dengan "
            "catatan perbaikan."
        ),
        tautan=_skp_link(rencana),
    )


def skp_withdrawn(rencana: RencanaKerja, *, actor) -> list:
    """Tell the pejabat penilai that the pegawai withdrew the submission of `rencana` (no
    approval is needed any more). Returns the rows."""
    return send(
        [user_of(penilai_of(rencana))],
        actor,
        judul=f"Pengajuan SKP ditarik: {rencana.pegawai.nama_lengkap}",
        teks=(
            f"{rencana.pegawai.nama_lengkap} menarik kembali pengajuan SKP "
            f"{rencana.tahun_kinerja.tahun} untuk diperbaiki. Anda belum perlu meninjaunya."
        ),
        tautan=_skp_link(rencana),
    )


def skp_returned(rencana: RencanaKerja, *, actor) -> list:
    """Tell the pegawai that `rencana` was returned, with the atasan's general note and how many
    RHK carry their own comment. Returns the rows."""
    parts = []
    if rencana.catatan_atasan:
        parts.append(f"dengan catatan: {short(rencana.catatan_atasan)}")
    per_rhk = rencana.rhk.exclude(catatan_atasan="").count()
    if per_rhk:
        parts.append(f"dengan catatan pada {per_rhk} RHK")
    return send(
        [user_of(rencana.pegawai)],
        actor,
        judul=f"SKP Anda dikembalikan untuk diperbaiki ({rencana.tahun_kinerja.tahun})",
        teks=(
            f"Pejabat penilai mengembalikan SKP Anda {'; '.join(parts)}. "
            "Perbaiki, lalu ajukan kembali."
        ),
        tautan=_skp_link(rencana),
    )


def skp_approved(rencana: RencanaKerja, *, actor) -> list:
    """Tell the pegawai that `rencana` was approved (and is now locked). Returns the rows."""
    return send(
        [user_of(rencana.pegawai)],
        actor,
        judul=f"SKP Anda disetujui ({rencana.tahun_kinerja.tahun})",
        teks=(
            f"Pejabat penilai menyetujui SKP Anda pada {waktu_wib(rencana.disetujui_pada)}. "
            "SKP kini terkunci; realisasi diisi pada evaluasi kinerja."
        ),
        tautan=_skp_link(rencana),
    )


def realisasi_submitted(evaluasi: EvaluasiKinerja, *, actor) -> list:
    """Tell the pejabat penilai that the realisasi of `evaluasi` waits for their decision.
    Returns the rows."""
    rencana = evaluasi.rencana
    return send(
        [user_of(penilai_of(rencana))],
        actor,
        judul=f"Realisasi menunggu penilaian Anda: {rencana.pegawai.nama_lengkap}",
        teks=(
            f"{rencana.pegawai.nama_lengkap} mengajukan realisasi SKP untuk evaluasi "
            f"{evaluasi.periode_kinerja.nama}. Beri umpan balik dan rating pada halaman evaluasi."
        ),
        tautan=_evaluation_link(evaluasi),
    )


def evaluation_decided(evaluasi: EvaluasiKinerja, *, actor, batas) -> list:
    """Tell the pegawai that `evaluasi` was decided, with the predikat and the last moment to
    object (`batas`, an aware datetime: `evaluations.objection_deadline`). Returns the
    rows."""
    return send(
        [user_of(evaluasi.rencana.pegawai)],
        actor,
        judul=f"Evaluasi kinerja Anda sudah dinilai ({evaluasi.periode_kinerja.nama})",
        teks=(
            f"Predikat: {evaluasi.get_predikat_display()}. Terima hasilnya, atau ajukan "
            f"keberatan paling lambat {waktu_wib(batas)}."
        ),
        tautan=_evaluation_link(evaluasi),
    )


def objection_filed(evaluasi: EvaluasiKinerja, *, actor) -> list:
    """Tell who decides the objection (`objection_resolvers`) and the pejabat penilai that the
    pegawai objected to `evaluasi`'s decision. Returns the rows."""
    rencana = evaluasi.rencana
    return send(
        [*objection_resolvers(rencana), user_of(penilai_of(rencana))],
        actor,
        judul=f"Keberatan atas hasil evaluasi: {rencana.pegawai.nama_lengkap}",
        teks=(
            f"{rencana.pegawai.nama_lengkap} mengajukan keberatan atas predikat "
            f"{evaluasi.get_predikat_display()} ({evaluasi.periode_kinerja.nama}). Keberatan diputuskan "
            "oleh atasan pejabat penilai atau Admin OPD."
        ),
        tautan=_evaluation_link(evaluasi),
    )


def objection_resolved(evaluasi: EvaluasiKinerja, *, actor) -> list:
    """Tell the pegawai and the pejabat penilai how the objection to `evaluasi` was decided.
    Returns the rows."""
    rencana = evaluasi.rencana
    keberatan = evaluasi.keberatan
    return send(
        [user_of(rencana.pegawai), user_of(penilai_of(rencana))],
        actor,
        judul=(
            f"Keberatan {keberatan.get_status_display().lower()}: {rencana.pegawai.nama_lengkap} "
            f"({evaluasi.periode_kinerja.nama})"
        ),
        teks=(
            f"Predikat akhir: {evaluasi.get_predikat_display()}. Pertimbangan: "
            f"{short(keberatan.keputusan)}"
        ),
        tautan=_evaluation_link(evaluasi),
    )
