"""Demo: monitoring through the year at SMA Negeri 2 (docs/skp.md, "Pemantauan") — for the first
three teachers with an approved SKP, a progress note with evidence link on their first RHK, an
umpan balik berkelanjutan thread with the kepala sekolah spread over the quarters, and one
dialog kinerja. Written through the services (so the notifications are real), then dated back."""

from datetime import timedelta

from django.utils import timezone

from .demo_roster import GURU_DEMO, KEPALA_SMAN2
from .models import CatatanProgres, DialogKinerja, RencanaKerja, UmpanBalikBerkelanjutan
from .services import skp_pantau as pantau

THREAD = (
    # (author: "guru"/"kepala", days ago, text)
    ("guru", 200, "Bu, hasil asesmen awal kelas XI rata-rata 72. Saya mulai remedial mingguan."),
    ("kepala", 198, "Bagus. Catat perkembangan per bulan agar terlihat kenaikannya."),
    ("guru", 110, "Triwulan II: rata-rata naik ke 78, dua siswa masih perlu pendampingan."),
    ("kepala", 108, "Libatkan guru BK untuk dua siswa itu; kita bahas di dialog kinerja."),
    ("guru", 20, "Triwulan III: rata-rata 84, melampaui target 80."),
)


def monitoring_demo_load(note) -> None:
    """Idempotent: skipped when any thread message exists. Returns None."""
    if UmpanBalikBerkelanjutan.objects.exists():
        note("Pemantauan SKP demo", False)
        return
    plans = list(
        RencanaKerja.objects.filter(pejabat_penilai__nip=KEPALA_SMAN2[0], status="disetujui")
        .exclude(pegawai__nip=GURU_DEMO[0])
        .select_related("pegawai__user", "pejabat_penilai__user")
        .order_by("pegawai__nip")[:3]
    )
    now = timezone.now()
    for rencana in plans:
        guru, kepala = rencana.pegawai.user, rencana.pejabat_penilai.user
        rhk = rencana.rhk.order_by("-jenis", "urutan", "pk").first()
        progres = pantau.progress_add(
            rhk_id=rhk.pk,
            user=guru,
            teks="Rekap nilai asesmen sumatif triwulan III diunggah ke folder sekolah.",
            tautan="https://sman2.contoh.sch.id/rekap-nilai-xi",
        )
        CatatanProgres.objects.filter(pk=progres.pk).update(dibuat_pada=now - timedelta(days=21))
        for author, days, text in THREAD:
            message = pantau.feedback_post(
                rhk_id=rhk.pk, user=guru if author == "guru" else kepala, teks=text
            )
            UmpanBalikBerkelanjutan.objects.filter(pk=message.pk).update(
                dibuat_pada=now - timedelta(days=days)
            )
        dialog = pantau.dialog_record(
            rencana_id=rencana.pk,
            user=kepala,
            tanggal=timezone.localdate(),
            topik="Capaian ketuntasan belajar triwulan III dan pendampingan dua siswa.",
            tindak_lanjut="Remedial mingguan diteruskan; guru BK mendampingi dua siswa.",
        )
        DialogKinerja.objects.filter(pk=dialog.pk).update(
            tanggal=timezone.localdate() - timedelta(days=100)
        )
    note(f"Pemantauan SKP demo ({len(plans)} guru: progres, umpan balik, dialog)", bool(plans))
