"""The import's writer: new rows go in with one prepared INSERT executed many times per batch
(docs/impor-roster.md, Performance), every default and reference as the ORM would store them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluasi.models import ImporRoster, Pegawai, UnitKerja
from evaluasi.tests.factories import new_nip
from evaluasi.tests.workbooks import pegawai_row, write_xlsx


def _inserts(queries, table):
    return [q["sql"] for q in queries if f'INSERT INTO "{table}"' in q["sql"]]


def test_new_rows_are_written_by_one_prepared_insert_per_level(opd, run_import, tmp_path):
    boss = new_nip()
    staff = [new_nip() for _ in range(300)]
    units = [[f"OPD1-B{i}", f"Bidang {i}", "OPD1", "Bidang/Bagian"] for i in range(30)]
    path = write_xlsx(
        tmp_path / "r.xlsx",
        units=units,
        pegawai=[pegawai_row(boss, "Kepala", unit="OPD1-B0")]
        + [
            pegawai_row(nip, f"Staf {i}", unit=f"OPD1-B{i % 30}", atasan=boss)
            for i, nip in enumerate(staff)
        ],
    )
    with CaptureQueriesContext(connection) as captured:
        outcome = run_import(path)
    assert outcome.status == ImporRoster.Status.SELESAI, outcome.errors[:3]
    unit_inserts = _inserts(captured.captured_queries, "evaluasi_unitkerja")
    pegawai_inserts = _inserts(captured.captured_queries, "evaluasi_pegawai")
    assert len(unit_inserts) == 1 and unit_inserts[0].startswith("30 times: ")
    # The head first (their staff need their id), then the 300 staff in one executemany.
    assert [sql.split(":")[0] for sql in pegawai_inserts] == ["1 times", "300 times"]

    head = Pegawai.objects.get(nip=boss)
    assert Pegawai.objects.filter(atasan=head, aktif=True).count() == 300
    member = Pegawai.objects.get(nip=staff[31])
    assert member.unit_kerja.kode == "OPD1-B1" and member.user_id is None
    assert (member.nama, member.golongan, member.status) == ("Staf 31", "III/a", "PNS")
    unit = UnitKerja.objects.get(kode="OPD1-B7")
    assert (unit.induk, unit.aktif, unit.kedalaman) == (opd, True, opd.kedalaman + 1)
    assert unit.path == f"{opd.path}{unit.pk}/"
