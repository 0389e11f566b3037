"""The SKP's own calendar: TahunKinerja and PeriodeKinerja; RencanaKerja moves from the 360's
PeriodePenilaian to its TahunKinerja and EvaluasiKinerja to a PeriodeKinerja.

Data: every year used by an existing SKP gets a TahunKinerja (triwulanan) with its periods; each
SKP goes to its year; an evaluation on a "tahunan" PeriodePenilaian goes to the year's annual
PeriodeKinerja, one on "twN" to triwulan N. Nothing is lost (statuses and predikat are untouched,
the rows keep their ids)."""

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import django.db.models.deletion
from django.db import migrations, models

WIB = ZoneInfo("Asia/Jakarta")
ROMAWI = ("I", "II", "III", "IV")


def _window(selesai):
    # The default window, frozen here: the period's last day 00.00 WIB to 14 days later 23.59.
    return (
        datetime.combine(selesai, time.min, tzinfo=WIB),
        datetime.combine(selesai + timedelta(days=14), time(23, 59, 59), tzinfo=WIB),
    )


def _quarterly(tahun):
    rows = []
    for index in range(4):
        last_month = index * 3 + 3
        selesai = date(tahun, last_month, calendar.monthrange(tahun, last_month)[1])
        rows.append(
            (
                "periodik",
                index + 1,
                f"Triwulan {ROMAWI[index]} {tahun}",
                date(tahun, index * 3 + 1, 1),
                selesai,
            )
        )
    rows.append(("tahunan", 99, f"Tahunan {tahun}", date(tahun, 1, 1), date(tahun, 12, 31)))
    return rows


def calendar_fill(apps, schema_editor):
    """Create the years and periods the existing SKPs use and point the SKPs and evaluations at
    them (also called by the migration test)."""
    RencanaKerja = apps.get_model("evaluasi", "RencanaKerja")
    EvaluasiKinerja = apps.get_model("evaluasi", "EvaluasiKinerja")
    TahunKinerja = apps.get_model("evaluasi", "TahunKinerja")
    PeriodeKinerja = apps.get_model("evaluasi", "PeriodeKinerja")
    years = set(RencanaKerja.objects.values_list("periode__tahun", flat=True)) | set(
        EvaluasiKinerja.objects.values_list("periode__tahun", flat=True)
    )
    periods = {}
    for tahun in sorted(years):
        tahun_kinerja, _ = TahunKinerja.objects.get_or_create(
            tahun=tahun, defaults={"periodisasi": "triwulanan"}
        )
        for jenis, urutan, nama, mulai, selesai in _quarterly(tahun):
            dibuka, ditutup = _window(selesai)
            periode, _ = PeriodeKinerja.objects.get_or_create(
                tahun_kinerja=tahun_kinerja,
                jenis=jenis,
                urutan=urutan,
                defaults={
                    "nama": nama,
                    "mulai": mulai,
                    "selesai": selesai,
                    "dibuka_pada": dibuka,
                    "ditutup_pada": ditutup,
                },
            )
            periods[(tahun, "tahunan" if jenis == "tahunan" else f"tw{urutan}")] = periode
    tahun_ids = {t.tahun: t.pk for t in TahunKinerja.objects.all()}
    for rencana in RencanaKerja.objects.select_related("periode"):
        rencana.tahun_kinerja_id = tahun_ids[rencana.periode.tahun]
        rencana.save(update_fields=["tahun_kinerja"])
    for evaluasi in EvaluasiKinerja.objects.select_related("periode"):
        evaluasi.periode_kinerja = periods[(evaluasi.periode.tahun, evaluasi.periode.jenis)]
        evaluasi.save(update_fields=["periode_kinerja"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluasi", "0020_indikator_arah"),
    ]

    operations = [
        migrations.CreateModel(
            name="TahunKinerja",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("tahun", models.PositiveSmallIntegerField(unique=True, verbose_name="tahun")),
                (
                    "periodisasi",
                    models.CharField(
                        choices=[
                            ("bulanan", "Bulanan"),
                            ("triwulanan", "Triwulanan"),
                            ("semesteran", "Semesteran"),
                        ],
                        default="triwulanan",
                        max_length=12,
                        verbose_name="periodisasi evaluasi periodik",
                    ),
                ),
                ("catatan", models.TextField(blank=True, max_length=2000, verbose_name="catatan")),
            ],
            options={
                "verbose_name": "tahun kinerja",
                "verbose_name_plural": "tahun kinerja",
                "ordering": ["-tahun"],
            },
        ),
        migrations.CreateModel(
            name="PeriodeKinerja",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "jenis",
                    models.CharField(
                        choices=[("periodik", "Periodik"), ("tahunan", "Tahunan")],
                        max_length=8,
                        verbose_name="jenis",
                    ),
                ),
                ("urutan", models.PositiveSmallIntegerField(verbose_name="urutan")),
                ("nama", models.CharField(max_length=100, verbose_name="nama")),
                ("mulai", models.DateField(verbose_name="mulai")),
                ("selesai", models.DateField(verbose_name="selesai")),
                ("dibuka_pada", models.DateTimeField(verbose_name="evaluasi dibuka (WIB)")),
                ("ditutup_pada", models.DateTimeField(verbose_name="evaluasi ditutup (WIB)")),
                (
                    "tahun_kinerja",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="periode",
                        to="evaluasi.tahunkinerja",
                        verbose_name="tahun kinerja",
                    ),
                ),
            ],
            options={
                "verbose_name": "periode kinerja",
                "verbose_name_plural": "periode kinerja",
                "ordering": ["tahun_kinerja", "urutan"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("tahun_kinerja", "jenis", "urutan"), name="periode_kinerja_unik"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="rencanakerja",
            name="tahun_kinerja",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="skp",
                to="evaluasi.tahunkinerja",
                verbose_name="tahun kinerja",
            ),
        ),
        migrations.AddField(
            model_name="evaluasikinerja",
            name="periode_kinerja",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="evaluasi_kinerja",
                to="evaluasi.periodekinerja",
                verbose_name="periode kinerja",
            ),
        ),
        migrations.RunPython(calendar_fill, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="rencanakerja", name="skp_unik_per_periode"),
        migrations.RemoveConstraint(model_name="evaluasikinerja", name="evaluasi_unik"),
        migrations.RemoveIndex(model_name="evaluasikinerja", name="evaluasi_ev_periode_230d86_idx"),
        migrations.RemoveField(model_name="rencanakerja", name="periode"),
        migrations.RemoveField(model_name="evaluasikinerja", name="periode"),
        migrations.AlterField(
            model_name="rencanakerja",
            name="tahun_kinerja",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="skp",
                to="evaluasi.tahunkinerja",
                verbose_name="tahun kinerja",
            ),
        ),
        migrations.AlterField(
            model_name="evaluasikinerja",
            name="periode_kinerja",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="evaluasi_kinerja",
                to="evaluasi.periodekinerja",
                verbose_name="periode kinerja",
            ),
        ),
        migrations.AddConstraint(
            model_name="rencanakerja",
            constraint=models.UniqueConstraint(
                fields=("pegawai", "tahun_kinerja"), name="skp_unik_per_tahun"
            ),
        ),
        migrations.AddConstraint(
            model_name="evaluasikinerja",
            constraint=models.UniqueConstraint(
                fields=("rencana", "periode_kinerja"), name="evaluasi_unik"
            ),
        ),
        migrations.AddIndex(
            model_name="evaluasikinerja",
            index=models.Index(
                fields=["periode_kinerja", "predikat"], name="evaluasi_ev_periode_d4fc65_idx"
            ),
        ),
    ]
