"""Checks migration 0021 (the SKP's own calendar) on the database named by DATABASE_URL, which
must be a fresh one: migrate to 0020, write SKPs and evaluations on 360 periods with the old
models, migrate to 0021, and compare. Run by test_skp_kalender in a child process; prints
"migrasi 0021 utuh" and exits 0 when nothing is lost."""

from datetime import timedelta

import django


def main() -> None:
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    before = [("evaluasi", "0020_indikator_arah")]
    after = [("evaluasi", "0021_kalender_skp")]
    call_command("migrate", verbosity=0)  # every app, then evaluasi back to 0020
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Unit, Pegawai = old.get_model("evaluasi", "UnitKerja"), old.get_model("evaluasi", "Pegawai")
    Instrumen = old.get_model("evaluasi", "Instrumen")
    Periode = old.get_model("evaluasi", "PeriodePenilaian")
    Rencana = old.get_model("evaluasi", "RencanaKerja")
    Evaluasi = old.get_model("evaluasi", "EvaluasiKinerja")
    unit = Unit.objects.create(kode="U1", nama="Unit", jenis="opd", path="/1/")
    people = [
        Pegawai.objects.create(nip=f"19850312201001200{i}", nama=f"P{i}", unit_kerja=unit)
        for i in range(3)
    ]
    instrumen = Instrumen.objects.create(nama="I", versi=1)
    now = timezone.now()

    def period(tahun, jenis):
        return Periode.objects.create(
            nama=f"{jenis} {tahun}",
            tahun=tahun,
            jenis=jenis,
            instrumen=instrumen,
            dibuka_pada=now,
            ditutup_pada=now + timedelta(days=1),
        )

    y25, y26, tw2 = period(2025, "tahunan"), period(2026, "tahunan"), period(2026, "tw2")
    r1 = Rencana.objects.create(pegawai=people[0], periode=y25, status="disetujui")
    r2 = Rencana.objects.create(pegawai=people[0], periode=y26, status="disetujui")
    r3 = Rencana.objects.create(pegawai=people[1], periode=y26, status="draf")
    e1 = Evaluasi.objects.create(rencana=r1, periode=y25, status="final", predikat="baik")
    e2 = Evaluasi.objects.create(rencana=r2, periode=tw2, status="dinilai", predikat="sangat_baik")
    e3 = Evaluasi.objects.create(rencana=r2, periode=y26, status="realisasi")
    counts = (Rencana.objects.count(), Evaluasi.objects.count())

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    Rencana = new.get_model("evaluasi", "RencanaKerja")
    Evaluasi = new.get_model("evaluasi", "EvaluasiKinerja")
    Tahun = new.get_model("evaluasi", "TahunKinerja")
    assert (Rencana.objects.count(), Evaluasi.objects.count()) == counts
    assert sorted(Tahun.objects.values_list("tahun", "periodisasi")) == [
        (2025, "triwulanan"),
        (2026, "triwulanan"),
    ]
    assert Tahun.objects.get(tahun=2026).periode.count() == 5
    years = dict(Rencana.objects.values_list("pk", "tahun_kinerja__tahun"))
    assert years == {r1.pk: 2025, r2.pk: 2026, r3.pk: 2026}
    assert dict(Rencana.objects.values_list("pk", "status"))[r3.pk] == "draf"
    moved = {
        e.pk: (e.periode_kinerja.nama, e.status, e.predikat)
        for e in Evaluasi.objects.select_related("periode_kinerja")
    }
    assert moved == {
        e1.pk: ("Tahunan 2025", "final", "baik"),
        e2.pk: ("Triwulan II 2026", "dinilai", "sangat_baik"),
        e3.pk: ("Tahunan 2026", "realisasi", ""),
    }
    print("migrasi 0021 utuh")


if __name__ == "__main__":
    main()
