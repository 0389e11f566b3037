"""The import contract of docs/impor-roster.md, rule by rule."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluasi.models import ImporRoster, Pegawai, UnitKerja
from evaluasi.tests.factories import PegawaiFactory, new_nip
from evaluasi.tests.workbooks import (
    PEGAWAI_HEADERS,
    UNIT_HEADERS,
    pegawai_row,
    write_csv,
    write_xls,
    write_xlsx,
)

SELESAI = ImporRoster.Status.SELESAI
GAGAL = ImporRoster.Status.GAGAL_VALIDASI


def _messages(outcome):
    return [(e.sheet, e.row, e.column, e.message) for e in outcome.errors]


def test_new_units_and_pegawai_with_supervisor_later_in_file(opd, run_import, tmp_path):
    boss, staff = new_nip(), new_nip(2)
    path = write_xlsx(
        tmp_path / "roster.xlsx",
        units=[
            ["OPD1-SEK", "Sekretariat", "OPD1", "Bidang/Bagian"],
            ["OPD1-SUB", "Subbagian Umum", "OPD1-SEK", "Bidang/Bagian"],
        ],
        pegawai=[
            pegawai_row(staff, "Siti Aminah", unit="OPD1-SUB", atasan=boss),
            pegawai_row(boss, "Rahmat Hidayat", unit="OPD1-SEK"),
        ],
    )
    outcome = run_import(path)
    assert outcome.status == SELESAI, _messages(outcome)
    assert outcome.counts["unit_baru"] == 2 and outcome.counts["pegawai_baru"] == 2
    sub = UnitKerja.objects.get(kode="OPD1-SUB")
    assert sub.induk.kode == "OPD1-SEK"
    assert sub.path == f"{opd.path}{sub.induk_id}/{sub.id}/"
    assert Pegawai.objects.get(nip=staff).atasan.nip == boss


def test_supervisor_already_in_database(opd, run_import, tmp_path):
    boss = PegawaiFactory(unit_kerja=opd)
    staff = new_nip()
    outcome = run_import(
        write_xlsx(tmp_path / "r.xlsx", pegawai=[pegawai_row(staff, atasan=boss.nip)])
    )
    assert outcome.status == SELESAI
    assert Pegawai.objects.get(nip=staff).atasan == boss


def test_headers_match_loosely_in_any_order_and_unknown_columns_warn(opd, run_import, tmp_path):
    nip, boss = new_nip(), new_nip()
    headers = [
        "Nama",
        "N.I.P.",
        "nip atasan",
        "Gelar_Belakang",
        "No. HP",
        "STATUS",
        "golongan",
        "Kode Unit",
        "Keterangan",
    ]
    path = write_xlsx(
        tmp_path / "r.xlsx",
        pegawai=[
            ["Dewi", nip, boss, "S.Pd.", "0812-3456-7890", "pns", "3c", "OPD1", "x"],
            ["Bos", boss, "", "", "", "PNS", "IV/a", "OPD1", ""],
        ],
        pegawai_headers=headers,
    )
    outcome = run_import(path)
    assert outcome.status == SELESAI, _messages(outcome)
    dewi = Pegawai.objects.get(nip=nip)
    assert (dewi.gelar_belakang, dewi.no_hp, dewi.golongan, dewi.atasan.nip) == (
        "S.Pd.",
        "081234567890",
        "III/c",
        boss,
    )
    assert any("Keterangan" in warning for warning in outcome.warnings)


def test_nip_typed_with_spaces_dots_or_apostrophe_is_normalised(opd, run_import, tmp_path):
    nip = new_nip()
    spaced = f"'{nip[:8]} {nip[8:14]}.{nip[14]}.{nip[15:]}"
    outcome = run_import(write_xlsx(tmp_path / "r.xlsx", pegawai=[pegawai_row(spaced)]))
    assert outcome.status == SELESAI, _messages(outcome)
    assert Pegawai.objects.filter(nip=nip).exists()


def test_nip_stored_as_number_is_an_error_never_stored(opd, run_import, tmp_path):
    nip = new_nip()
    outcome = run_import(write_xlsx(tmp_path / "r.xlsx", pegawai=[pegawai_row(int(nip))]))
    assert outcome.status == GAGAL
    ((sheet, row, column, message),) = _messages(outcome)
    assert (sheet, row, column) == ("Pegawai", 2, "NIP")
    assert "Teks" in message
    assert not Pegawai.objects.exists()


def test_spellings_normalise_and_text_is_trimmed(opd, run_import, tmp_path):
    rows = [
        pegawai_row(new_nip(), "  Agus Salim  ", status="P3K", golongan="9"),
        pegawai_row(new_nip(), "Budi", status="pns", golongan="III-B"),
    ]
    assert run_import(write_xlsx(tmp_path / "r.xlsx", pegawai=rows)).status == SELESAI
    agus = Pegawai.objects.get(nama="Agus Salim")
    assert (agus.status, agus.golongan) == ("PPPK", "IX")
    assert Pegawai.objects.get(nama="Budi").golongan == "III/b"


def test_unknown_values_are_row_errors_with_column(opd, run_import, tmp_path):
    rows = [
        pegawai_row(new_nip(), status="Honorer"),
        pegawai_row(new_nip(), golongan="V/z"),
        pegawai_row(new_nip(), jenis_jabatan="Direktur"),
        pegawai_row(new_nip(), email="bukan-email"),
    ]
    outcome = run_import(write_xlsx(tmp_path / "r.xlsx", pegawai=rows))
    assert outcome.status == GAGAL
    assert [(row, column) for _, row, column, _ in _messages(outcome)] == [
        (2, "Status"),
        (3, "Golongan"),
        (4, "Jenis Jabatan"),
        (5, "Email"),
    ]


def test_duplicates_within_file_name_both_rows(opd, run_import, tmp_path):
    nip = new_nip()
    path = write_xlsx(
        tmp_path / "r.xlsx",
        units=[["A1", "Unit A", "OPD1", "OPD"], ["A1", "Unit A lagi", "OPD1", "OPD"]],
        pegawai=[pegawai_row(nip), pegawai_row(new_nip()), pegawai_row(nip, "Kembar")],
    )
    messages = _messages(run_import(path))
    assert ("Unit Kerja", 3, "Kode Unit", "A1 sudah ada di baris 2.") in messages
    assert ("Unit Kerja", 2, "Kode Unit", "A1 muncul lebih dari sekali.") in messages
    assert ("Pegawai", 4, "NIP", f"{nip} sudah ada di baris 2.") in messages
    assert ("Pegawai", 2, "NIP", f"{nip} muncul lebih dari sekali.") in messages


def test_unknown_atasan_self_supervision_and_cycles_are_errors(opd, run_import, tmp_path):
    a, b, c, lone, ghost = (new_nip() for _ in range(5))
    rows = [
        pegawai_row(a, atasan=b),
        pegawai_row(b, atasan=c),
        pegawai_row(c, atasan=a),
        pegawai_row(lone, atasan=lone),
        pegawai_row(new_nip(), atasan=ghost),
    ]
    messages = _messages(run_import(write_xlsx(tmp_path / "r.xlsx", pegawai=rows)))
    cycle_rows = sorted(row for _, row, _, message in messages if "melingkar" in message)
    assert cycle_rows == [2, 3, 4]
    cycle_message = next(m for _, row, _, m in messages if row == 2)
    assert "baris 3" in cycle_message and "baris 4" in cycle_message
    assert any(row == 5 and "dirinya sendiri" in m for _, row, _, m in messages)
    assert any(row == 6 and ghost in m and "tidak ditemukan" in m for _, row, _, m in messages)
    assert not Pegawai.objects.exists()


def test_cycle_through_the_database_is_caught(opd, run_import, tmp_path):
    boss = PegawaiFactory(unit_kerja=opd)
    staff = PegawaiFactory(unit_kerja=opd, atasan=boss)
    # The file makes the boss report to their own subordinate.
    row = pegawai_row(boss.nip, boss.nama, golongan=boss.golongan, atasan=staff.nip)
    outcome = run_import(write_xlsx(tmp_path / "r.xlsx", pegawai=[row]))
    assert outcome.status == GAGAL
    assert "melingkar" in outcome.errors[0].message
    boss.refresh_from_db()
    assert boss.atasan is None


def test_unknown_unit_and_unit_cycles(opd, run_import, tmp_path):
    path = write_xlsx(
        tmp_path / "r.xlsx",
        units=[["X", "X", "Y", "OPD"], ["Y", "Y", "X", "OPD"], ["Z", "Z", "TIDAKADA", "OPD"]],
        pegawai=[pegawai_row(new_nip(), unit="ENTAH")],
    )
    messages = _messages(run_import(path))
    assert sum("melingkar" in m for *_, m in messages) == 2
    assert any(row == 4 and "TIDAKADA" in m for _, row, _, m in messages)
    assert any(sheet == "Pegawai" and "ENTAH" in m for sheet, _, _, m in messages)


def test_formula_like_text_is_stored_literally(opd, run_import, tmp_path):
    nip = new_nip()
    rows = [pegawai_row(nip, '=HYPERLINK("http://jahat")', jabatan="+62 Analis")]
    assert run_import(write_xlsx(tmp_path / "r.xlsx", pegawai=rows)).status == SELESAI
    pegawai = Pegawai.objects.get(nip=nip)
    assert pegawai.nama == '=HYPERLINK("http://jahat")'
    assert pegawai.jabatan == "+62 Analis"


def test_reimport_is_idempotent_and_writes_nothing(opd, run_import, tmp_path):
    rows = [pegawai_row(new_nip(), f"Pegawai {i}") for i in range(20)]
    path = write_xlsx(
        tmp_path / "r.xlsx", units=[["OPD1-A", "Bidang A", "OPD1", "Bidang/Bagian"]], pegawai=rows
    )
    assert run_import(path).status == SELESAI
    with CaptureQueriesContext(connection) as queries:
        again = run_import(path)
    assert again.counts == {
        "unit_baru": 0,
        "unit_berubah": 0,
        "unit_tetap": 1,
        "pegawai_baru": 0,
        "pegawai_berubah": 0,
        "pegawai_tetap": 20,
        "pegawai_dinonaktifkan": 0,
        "kesalahan": 0,
    }
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_changed_rows_are_previewed_before_after(opd, run_import, tmp_path):
    pegawai = PegawaiFactory(unit_kerja=opd, nama="Lama", golongan="III/a")
    row = [*pegawai_row(pegawai.nip, "Baru", golongan="III/b"), "Tidak"]
    path = write_xlsx(
        tmp_path / "r.xlsx", pegawai=[row], pegawai_headers=[*PEGAWAI_HEADERS, "Aktif"]
    )
    outcome = run_import(path, dry_run=True)
    assert outcome.counts["pegawai_berubah"] == 1
    fields = {f["field"]: (f["before"], f["after"]) for f in outcome.changes[0]["fields"]}
    assert fields["Nama"] == ("Lama", "Baru")
    assert fields["Golongan"] == ("III/a", "III/b")
    assert fields["Aktif"] == ("Ya", "Tidak")  # in words, as the column is written
    pegawai.refresh_from_db()
    assert pegawai.nama == "Lama"  # dry run wrote nothing


def test_sync_full_deactivates_absent_pegawai_of_imported_units_only(opd, run_import, tmp_path):
    other_unit = UnitKerja.objects.create(
        kode="OPD2", nama="Dinas Lain", jenis="opd", induk=opd.induk
    )
    stays = PegawaiFactory(unit_kerja=opd)
    leaves = PegawaiFactory(unit_kerja=opd)
    elsewhere = PegawaiFactory(unit_kerja=other_unit)
    path = write_xlsx(tmp_path / "r.xlsx", pegawai=[pegawai_row(stays.nip, stays.nama)])

    preview = run_import(path, dry_run=True, sync_full=True)
    assert preview.counts["pegawai_dinonaktifkan"] == 1
    assert [p["nip"] for p in preview.deactivate_sample] == [leaves.nip]

    assert run_import(path, sync_full=True).status == SELESAI
    assert Pegawai.objects.filter(pk=leaves.pk, aktif=False).exists()  # deactivated, not deleted
    assert Pegawai.objects.get(pk=elsewhere.pk).aktif
    assert Pegawai.objects.get(pk=stays.pk).aktif


def test_failed_import_leaves_roster_exactly_as_it_was(opd, run_import, tmp_path):
    kept = [PegawaiFactory(unit_kerja=opd) for _ in range(3)]
    before = list(Pegawai.objects.order_by("pk").values())
    units_before = list(UnitKerja.objects.order_by("pk").values())
    rows = (
        [pegawai_row(p.nip, "Nama Diubah") for p in kept]
        + [pegawai_row(new_nip())]
        + [pegawai_row("123")]
    )
    outcome = run_import(
        write_xlsx(tmp_path / "r.xlsx", units=[["NEW", "Unit Baru", "OPD1", "OPD"]], pegawai=rows),
        sync_full=True,
    )
    assert outcome.status == GAGAL
    assert list(Pegawai.objects.order_by("pk").values()) == before
    assert list(UnitKerja.objects.order_by("pk").values()) == units_before


def test_admin_opd_scope_refuses_rows_outside_subtree(opd, run_import, tmp_path):
    other = UnitKerja.objects.create(kode="OPD2", nama="Dinas Lain", jenis="opd", induk=opd.induk)
    outsider = PegawaiFactory(unit_kerja=other)
    path = write_xlsx(
        tmp_path / "r.xlsx",
        units=[
            ["OPD1-B", "Bidang B", "OPD1", "Bidang/Bagian"],
            ["OPD2-B", "Bidang Lain", "OPD2", "Bidang/Bagian"],
        ],
        pegawai=[
            pegawai_row(new_nip(), unit="OPD1-B"),
            pegawai_row(new_nip(), unit="OPD2"),
            pegawai_row(outsider.nip, unit="OPD1"),
        ],
    )
    outcome = run_import(path, scope_unit=opd)
    messages = _messages(outcome)
    assert any(
        (sheet, row, column) == ("Unit Kerja", 3, "Kode Induk") and "di luar wewenang" in m
        for sheet, row, column, m in messages
    )
    assert any(
        row == 3 and "di luar wewenang" in m for sheet, row, _, m in messages if sheet == "Pegawai"
    )
    assert any(
        row == 4 and "di luar wewenang" in m for sheet, row, _, m in messages if sheet == "Pegawai"
    )
    assert not any(row == 2 and sheet == "Pegawai" for sheet, row, _, _ in messages)


def test_csv_comma_semicolon_bom_and_windows_1252(opd, run_import, tmp_path):
    cases = [
        (",", "utf-8", "Ahmad Sjamsu"),
        (";", "utf-8-sig", "Dewi Ça"),
        (";", "cp1252", "Rosé Marlina"),
    ]
    for index, (delimiter, encoding, name) in enumerate(cases):
        nip = new_nip()
        path = write_csv(
            tmp_path / f"p{index}.csv",
            PEGAWAI_HEADERS,
            [pegawai_row(nip, name)],
            delimiter=delimiter,
            encoding=encoding,
        )
        outcome = run_import(path)
        assert outcome.status == SELESAI, (encoding, _messages(outcome), outcome.message)
        assert Pegawai.objects.get(nip=nip).nama == name


def test_csv_of_units_is_recognised_by_its_headers(opd, run_import, tmp_path):
    path = write_csv(
        tmp_path / "unit.csv", UNIT_HEADERS, [["OPD1-C", "Bidang C", "OPD1", "Bidang/Bagian"]]
    )
    assert run_import(path).counts["unit_baru"] == 1


def test_xls_excel_97_is_read(opd, run_import, tmp_path):
    nip = new_nip()
    path = write_xls(
        tmp_path / "lama.xls",
        units=[["OPD1-D", "Bidang D", "OPD1", "Bidang/Bagian"]],
        pegawai=[pegawai_row(nip, unit="OPD1-D")],
    )
    outcome = run_import(path)
    assert outcome.status == SELESAI, (_messages(outcome), outcome.message)
    assert Pegawai.objects.get(nip=nip).unit_kerja.kode == "OPD1-D"


def test_admin_opd_cannot_move_units_out_of_its_subtree(opd, run_import, tmp_path):
    """An existing unit of the subtree put under a unit outside it, and the subtree's top unit
    given another induk, are refused; nothing is written."""
    other = UnitKerja.objects.create(kode="OPD2", nama="Dinas Lain", jenis="opd", induk=opd.induk)
    bidang = UnitKerja.objects.create(kode="OPD1-A", nama="Bidang A", jenis="bidang", induk=opd)
    path = write_xlsx(
        tmp_path / "pindah.xlsx",
        units=[
            ["OPD1-A", "Bidang A", "OPD2", "Bidang/Bagian"],  # moved out
            ["OPD1", "Dinas Uji", "OPD2", "OPD"],  # the top unit re-parented
            ["OPD1-N", "Bidang Baru", "OPD1-A", "Bidang/Bagian"],  # under a stored unit: fine
            ["OPD1-M", "Bidang Sah", "OPD1", "Bidang/Bagian"],
        ],
    )
    outcome = run_import(path, scope_unit=opd)
    refused = {(row, column) for _, row, column, _ in _messages(outcome)}
    assert refused == {(2, "Kode Induk"), (3, "Kode Induk")}
    bidang.refresh_from_db()
    opd.refresh_from_db()
    assert (bidang.induk_id, opd.induk_id) == (opd.pk, other.induk_id)

    path = write_xlsx(
        tmp_path / "tetap.xlsx",
        units=[["OPD1", "Dinas Uji Baru", "PEMPROV", "OPD"], ["OPD1-A", "Bidang A", "OPD1", "OPD"]],
    )
    assert run_import(path, scope_unit=opd).status == SELESAI  # its own induk kept: allowed


def test_admin_opd_cannot_name_a_head_from_outside_its_subtree(opd, run_import, tmp_path):
    other = UnitKerja.objects.create(kode="OPD2", nama="Dinas Lain", jenis="opd", induk=opd.induk)
    outsider = PegawaiFactory(unit_kerja=other)
    insider = PegawaiFactory(unit_kerja=opd)
    headers = [*UNIT_HEADERS, "Kepala Unit"]
    path = write_xlsx(
        tmp_path / "kepala.xlsx",
        units=[["OPD1", "Dinas Uji", "PEMPROV", "OPD", outsider.nip]],
        unit_headers=headers,
    )
    outcome = run_import(path, scope_unit=opd)
    assert [(row, column) for _, row, column, _ in _messages(outcome)] == [(2, "Kepala Unit")]
    assert UnitKerja.objects.get(pk=opd.pk).kepala is None

    path = write_xlsx(
        tmp_path / "kepala2.xlsx",
        units=[["OPD1", "Dinas Uji", "PEMPROV", "OPD", insider.nip]],
        unit_headers=headers,
    )
    assert run_import(path, scope_unit=opd).status == SELESAI
    assert UnitKerja.objects.get(pk=opd.pk).kepala == insider


def test_a_file_without_a_column_keeps_what_the_roster_holds(opd, run_import, tmp_path):
    """A file with only the required columns changes nothing it does not mention: gelar, golongan,
    jabatan, email and phone stay; an empty cell in a column the file has still empties it."""
    pegawai = PegawaiFactory(
        unit_kerja=opd, gelar_belakang="S.Kom.", email="a@contoh.go.id", no_hp="081200000001"
    )
    stored = Pegawai.objects.filter(pk=pegawai.pk).values().get()
    row = [pegawai.nip, pegawai.nama, pegawai.status, "OPD1"]
    path = write_xlsx(
        tmp_path / "sedikit.xlsx",
        pegawai=[row],
        pegawai_headers=["NIP", "Nama", "Status", "Kode Unit"],
    )
    outcome = run_import(path)
    assert outcome.status == SELESAI and outcome.counts["pegawai_berubah"] == 0
    assert Pegawai.objects.filter(pk=pegawai.pk).values().get() == stored

    path = write_xlsx(
        tmp_path / "email-kosong.xlsx",
        pegawai=[[*row, ""]],
        pegawai_headers=["NIP", "Nama", "Status", "Kode Unit", "Email"],
    )
    assert run_import(path).counts["pegawai_berubah"] == 1
    assert Pegawai.objects.get(pk=pegawai.pk).email == ""
