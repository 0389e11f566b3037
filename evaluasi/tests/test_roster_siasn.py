"""SIASN exports as a first-class source, and the atasan derived from the organisation
(docs/impor-roster.md, "SIASN" and "Atasan dari struktur organisasi")."""

import csv

import pytest

from evaluasi.demo_siasn import (
    DATA_UTAMA_HEADERS,
    SIASN_SAMPLE,
    UNOR_HEADERS,
    sample_rows,
    siasn_workbook,
)
from evaluasi.models import ImporRoster, JenisJabatan, JenisUnit, Pegawai, UnitKerja
from evaluasi.services.roster_import import roster_import_file
from evaluasi.services.roster_import.siasn import eselon_level, jenis_unit_from
from evaluasi.tests.workbooks import PEGAWAI_HEADERS, UNIT_HEADERS, pegawai_row, write_xlsx

SELESAI = ImporRoster.Status.SELESAI
GAGAL = ImporRoster.Status.GAGAL_VALIDASI

# The shape of ../shared/cases/siasn-contoh.xlsx (fictional people), as SIASN lays it out.
CASE_UNOR = [
    ["8AE483A2", "A5EB03E2", "", "21", "Badan Kepegawaian Daerah", "Kepala BKD", "P0001"],
    [
        "8AE483A3",
        "A5EB03E2",
        "8AE483A2",
        "31",
        "Bidang Penilaian Kinerja",
        "Kepala Bidang",
        "P0002",
    ],
    ["8AE483A4", "A5EB03E2", "8AE483A2", "31", "Bidang Pengembangan Kompetensi", "Kepala", ""],
]
_PNS = "PNS DAERAH PROVINSI"


def _asn(pns_id, nip, nama, jenis, kedudukan, cpns, gol, jenis_jabatan, jabatan, unor):
    return [
        pns_id, nip, "", nama, "", "", "01-01-1980", "M", jenis, kedudukan, cpns, gol,
        jenis_jabatan, jabatan, unor, "", "", "081200000001",
    ]  # fmt: skip


CASE_ASN = [
    _asn("P0001", "197005122000031002", "SUTRISNO", _PNS, "Aktif", "P", "IV/c",
         "Jabatan Struktural", "Kepala BKD", "8AE483A2"),
    _asn("P0002", "197808172005012004", "NURHAYATI", _PNS, "Aktif", "P", "IV/a",
         "Jabatan Struktural", "Kepala Bidang", "8AE483A3"),
    _asn("P0003", "198702142011031001", "RUDI HARTONO", _PNS, "Aktif", "P", "III/b",
         "Jabatan Fungsional", "Analis SDM Aparatur Ahli Pertama", "8AE483A3"),
    _asn("P0004", "199802202024031003", "ADI NUGROHO", _PNS, "Aktif", "C", "III/a",
         "Jabatan Pelaksana", "Penata Kelola SDM Aparatur", "8AE483A4"),
    _asn("P0005", "199104052024212005", "SITI RAHMAWATI", "PPPK", "Aktif", "", "IX",
         "Jabatan Fungsional", "Pranata Komputer Ahli Pertama", "8AE483A4"),
    _asn("P0006", "196511031990031001", "BAMBANG SUSILO", _PNS, "Pensiun", "P", "III/d",
         "Jabatan Pelaksana", "Pengadministrasi Perkantoran", "8AE483A3"),
]  # fmt: skip
NIP = {row[0]: row[1] for row in CASE_ASN}


def _unor_only(rows):
    """UNOR rows in the order siasn_workbook writes them (its UNOR_HEADERS)."""
    assert UNOR_HEADERS[:7] == [
        "ID", "INSTANSI_ID", "DIATASAN_ID", "ESELON_ID", "NAMA_UNOR", "NAMA_JABATAN",
        "PEMIMPIN_PNS_ID",
    ]  # fmt: skip
    return rows


def _save(workbook, path):
    workbook.save(path)
    return path


def _atasan(pns_id):
    atasan = Pegawai.objects.get(pns_id=pns_id).atasan
    return atasan.pns_id if atasan else None


def _check_case_roster():
    assert _atasan("P0003") == "P0002"
    assert _atasan("P0002") == "P0001"
    assert _atasan("P0001") is None
    assert _atasan("P0004") == "P0001"  # vacant-head UNOR 8AE483A4: climb to its induk
    assert _atasan("P0005") == "P0001"
    p4, p5, p6 = (Pegawai.objects.get(pns_id=p) for p in ("P0004", "P0005", "P0006"))
    assert (p4.status, p4.cpns) == ("PNS", True)
    assert (p5.status, p5.cpns, p5.golongan) == ("PPPK", False, "IX")
    assert p6.aktif is False and p6.nip == NIP["P0006"]
    assert not any(p.atasan_manual for p in Pegawai.objects.all())
    bkd = UnitKerja.objects.get(kode="8AE483A2")
    assert (bkd.kepala.pns_id, bkd.kepala_pns_id, bkd.eselon) == ("P0001", "P0001", "21")
    assert bkd.jenis == JenisUnit.OPD
    vacant = UnitKerja.objects.get(kode="8AE483A4")
    assert (vacant.kepala, vacant.kepala_pns_id, vacant.jenis) == (None, "", JenisUnit.BIDANG)
    assert vacant.induk == bkd


def test_siasn_workbook_with_both_exports_imports_with_derived_supervisors(db, tmp_path):
    path = _save(siasn_workbook(_unor_only(CASE_UNOR), CASE_ASN), tmp_path / "siasn.xlsx")
    preview = roster_import_file(path, filename=path.name, dry_run=True)
    assert preview.errors == [] and preview.status == ImporRoster.Status.PRATINJAU
    assert preview.warnings == []  # NIP_LAMA, TANGGAL_LAHIR, … are expected, not warned about
    assert preview.counts["unit_baru"] == 3 and preview.counts["pegawai_baru"] == 6
    assert preview.counts["tidak_aktif"] == 1
    assert preview.structure["tidak_aktif"] == [
        {"row": 7, "nip": NIP["P0006"], "nama": "BAMBANG SUSILO", "unit": "8AE483A3"}
        | {"kedudukan": "Pensiun"}
    ]
    derived = {row["nip"]: row["atasan"]["nip"] for row in preview.structure["atasan_turunan"]}
    assert derived[NIP["P0003"]] == NIP["P0002"] and derived[NIP["P0004"]] == NIP["P0001"]
    assert NIP["P0001"] not in derived

    outcome = roster_import_file(path, filename=path.name, dry_run=False)
    assert outcome.status == SELESAI, outcome.errors
    _check_case_roster()
    jenis = dict(Pegawai.objects.values_list("pns_id", "jenis_jabatan"))
    assert jenis["P0001"] == JenisJabatan.JPT  # heads an eselon II UNOR
    assert jenis["P0002"] == JenisJabatan.ADMINISTRATOR  # heads an eselon III UNOR
    assert (jenis["P0003"], jenis["P0004"]) == (JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA)

    again = roster_import_file(path, filename=path.name, dry_run=True)
    assert again.counts["pegawai_tetap"] == 6 and again.counts["unit_tetap"] == 3, again.changes


def test_siasn_as_two_uploads_unor_first(db, tmp_path):
    unor = _save(siasn_workbook(CASE_UNOR, None), tmp_path / "unor.xlsx")
    outcome = roster_import_file(unor, filename=unor.name, dry_run=False)
    assert outcome.status == SELESAI, outcome.errors
    head = UnitKerja.objects.get(kode="8AE483A3")
    assert (head.kepala, head.kepala_pns_id) == (None, "P0002")  # resolved when Data Utama comes

    asn = _save(siasn_workbook(None, CASE_ASN), tmp_path / "data-utama.xlsx")
    outcome = roster_import_file(asn, filename=asn.name, dry_run=False)
    assert outcome.status == SELESAI, outcome.errors
    _check_case_roster()


def test_data_utama_before_its_unor_names_the_missing_unit(db, tmp_path):
    asn = _save(siasn_workbook(None, CASE_ASN[:1]), tmp_path / "data-utama.xlsx")
    outcome = roster_import_file(asn, filename=asn.name, dry_run=True)
    assert outcome.status == GAGAL
    assert "8AE483A2 tidak ditemukan" in outcome.errors[0].message
    assert "Referensi UNOR" in outcome.errors[0].message


def _semicolon_csv(path, headers, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([header.lower() for header in headers])
        writer.writerows(rows)
    return path


def test_lower_case_semicolon_csv_pair(db, tmp_path):
    unor = _semicolon_csv(tmp_path / "unor.csv", UNOR_HEADERS, CASE_UNOR)
    asn = _semicolon_csv(tmp_path / "asn.csv", DATA_UTAMA_HEADERS, CASE_ASN)
    for path in (unor, asn):
        outcome = roster_import_file(path, filename=path.name, dry_run=False)
        assert outcome.status == SELESAI, outcome.errors
        assert outcome.warnings == []
    _check_case_roster()


def test_unknown_siasn_value_names_the_siasn_column(db, tmp_path):
    rows = [list(row) for row in CASE_ASN[:1]]
    rows[0][8] = "HONORER"
    path = _save(siasn_workbook(CASE_UNOR, rows), tmp_path / "s.xlsx")
    outcome = roster_import_file(path, filename=path.name, dry_run=True)
    assert [(e.sheet, e.row, e.column) for e in outcome.errors] == [
        ("Data Utama", 2, "JENIS_PEGAWAI_NAMA")
    ]
    assert "HONORER" in outcome.errors[0].message


def test_hand_set_atasan_is_kept_on_a_later_siasn_import_and_listed(db, tmp_path):
    path = _save(siasn_workbook(CASE_UNOR, CASE_ASN), tmp_path / "siasn.xlsx")
    assert roster_import_file(path, filename=path.name, dry_run=False).status == SELESAI
    rudi = Pegawai.objects.get(pns_id="P0003")
    sutrisno = Pegawai.objects.get(pns_id="P0001")
    rudi.atasan, rudi.atasan_manual = sutrisno, True  # as the admin form stores it
    rudi.save()

    outcome = roster_import_file(path, filename=path.name, dry_run=False)
    assert outcome.status == SELESAI and outcome.counts["pegawai_berubah"] == 0
    rudi.refresh_from_db()
    assert rudi.atasan == sutrisno and rudi.atasan_manual
    assert outcome.counts["atasan_manual_beda"] == 1
    [kept] = outcome.structure["atasan_manual_beda"]
    assert kept["nip"] == rudi.nip
    assert (kept["tetap"]["nip"], kept["turunan"]["nip"]) == (NIP["P0001"], NIP["P0002"])


def test_admin_form_change_of_atasan_marks_it_hand_set(roster, login):
    from evaluasi.demo_roster import ADMIN_BKD, GURU_DEMO, KEPALA_SMAN2

    client = login(ADMIN_BKD[0])
    guru = Pegawai.objects.get(nip=GURU_DEMO[0])
    Pegawai.objects.filter(pk=guru.pk).update(atasan_manual=False)
    form = {
        "nip": guru.nip,
        "nama": guru.nama,
        "status": guru.status,
        "golongan": guru.golongan,
        "unit_kerja": guru.unit_kerja_id,
        "nip_atasan": KEPALA_SMAN2[0],
        "aktif": "on",
    }
    assert guru.atasan.nip == KEPALA_SMAN2[0]
    client.post(f"/admin/roster/pegawai/edit/{guru.pk}/", form)
    guru.refresh_from_db()
    assert not guru.atasan_manual  # unchanged atasan: not marked

    form["nip_atasan"] = ADMIN_BKD[0]
    assert client.post(f"/admin/roster/pegawai/edit/{guru.pk}/", form).status_code == 302
    guru.refresh_from_db()
    assert guru.atasan.nip == ADMIN_BKD[0] and guru.atasan_manual

    form["nip_atasan"] = ""  # cleared: the atasan follows the organisation again
    assert client.post(f"/admin/roster/pegawai/edit/{guru.pk}/", form).status_code == 302
    guru.refresh_from_db()
    assert guru.atasan is None and not guru.atasan_manual


def test_template_kepala_unit_gives_teachers_their_kepala_sekolah(opd, tmp_path):
    kepala, guru, guru2, guru3, other = (
        "197506102000032002",
        "198609232011011005",
        "198805112012012003",
        "199001152015031004",
        "197908172005011002",
    )
    path = write_xlsx(
        tmp_path / "sekolah.xlsx",
        units=[["SMA9", "SMA Negeri 9 Contoh", "OPD1", "Sekolah", kepala]],
        pegawai=[
            pegawai_row(guru, "Doni", unit="SMA9"),
            pegawai_row(kepala, "Sri", unit="SMA9"),
            pegawai_row(other, "Pengawas", unit="OPD1"),
            pegawai_row(guru2, "Rina", unit="SMA9", atasan=other),  # typed: kept, hand-set
            # typed, but what the organisation gives anyway: follows the organisation
            pegawai_row(guru3, "Tono", unit="SMA9", atasan=kepala),
        ],
        unit_headers=[*UNIT_HEADERS, "Kepala Unit"],
    )
    outcome = roster_import_file(path, filename=path.name, dry_run=False)
    assert outcome.status == SELESAI, outcome.errors
    assert UnitKerja.objects.get(kode="SMA9").kepala.nip == kepala
    by_nip = {p.nip: p for p in Pegawai.objects.select_related("atasan")}
    assert by_nip[guru].atasan.nip == kepala and not by_nip[guru].atasan_manual
    assert by_nip[kepala].atasan is None  # OPD1 has no head
    assert by_nip[guru2].atasan.nip == other and by_nip[guru2].atasan_manual
    assert by_nip[guru3].atasan.nip == kepala and not by_nip[guru3].atasan_manual
    assert outcome.counts["atasan_turunan"] == 1


def test_template_kepala_unit_must_be_a_known_pegawai(opd, tmp_path):
    path = write_xlsx(
        tmp_path / "u.xlsx",
        units=[["SMA9", "SMA Negeri 9 Contoh", "OPD1", "Sekolah", "197506102000032002"]],
        unit_headers=[*UNIT_HEADERS, "Kepala Unit"],
    )
    outcome = roster_import_file(path, filename=path.name, dry_run=True)
    assert [(e.sheet, e.row, e.column) for e in outcome.errors] == [
        ("Unit Kerja", 2, "Kepala Unit")
    ]


@pytest.mark.parametrize(
    ("nama", "eselon", "jenis"),
    [
        ("SMA Negeri 2 Bandar Lampung", "", JenisUnit.SEKOLAH),
        ("SMKN 1 Metro", "", JenisUnit.SEKOLAH),
        ("SLB Negeri Pringsewu", "", JenisUnit.SEKOLAH),
        ("UPTD Laboratorium Kesehatan", "41", JenisUnit.UPTD),
        ("Dinas Pendidikan dan Kebudayaan", "21", JenisUnit.OPD),
        ("Inspektorat", "II.a", JenisUnit.OPD),
        ("Sekretariat Daerah", "11", JenisUnit.OPD),
        ("Bidang Pembinaan SMA", "31", JenisUnit.BIDANG),
        ("Subbagian Umum", "42", JenisUnit.BIDANG),
        ("Seksi Kurikulum", "41", JenisUnit.BIDANG),
        ("Pemerintah Provinsi Lampung", "", JenisUnit.PEMDA),
        ("Kelompok Kerja", "", JenisUnit.LAINNYA),
    ],
)
def test_unit_jenis_from_eselon_and_name(nama, eselon, jenis):
    assert jenis_unit_from(nama, eselon) == jenis


def test_eselon_levels():
    assert [eselon_level(e) for e in ("21", "31", "42", "II.a", "III/b", "IV", "", "x")] == [
        2, 3, 4, 2, 3, 4, None, None,
    ]  # fmt: skip


def test_siasn_sample_downloads_from_the_import_screen_and_imports_into_the_demo(
    roster, login, tmp_path
):
    from evaluasi.demo_roster import ADMIN_BKD

    client = login(ADMIN_BKD[0])
    page = client.get("/admin/roster/impor/new/").content.decode()
    assert "roster/impor/contoh-siasn.xlsx" in page
    response = client.get("/admin/roster/impor/contoh-siasn.xlsx")
    assert response.status_code == 200
    path = tmp_path / "siasn-contoh.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    assert path.read_bytes() == SIASN_SAMPLE.read_bytes()

    before = Pegawai.objects.count()
    outcome = roster_import_file(path, filename=path.name, dry_run=False)
    assert outcome.status == SELESAI, outcome.errors
    _, asn = sample_rows()
    assert Pegawai.objects.count() == before + len(asn)
    atasan = {p.pns_id: p.atasan.pns_id if p.atasan else None for p in Pegawai.objects.all()}
    assert atasan["S0001"] is None
    assert [atasan[p] for p in ("S0007", "S0008", "S0009", "S0011")] == ["S0006"] * 4
    assert (atasan["S0006"], atasan["S0004"], atasan["S0010"]) == ("S0001", "S0001", "S0003")
    inactive = {p["nip"]: p["kedudukan"] for p in outcome.structure["tidak_aktif"]}
    assert sorted(inactive.values()) == ["CLTN", "Tugas Belajar"]
    assert UnitKerja.objects.get(kode="9C1A0006").jenis == JenisUnit.SEKOLAH


def test_sample_fixture_is_what_the_generator_writes(tmp_path):
    from python_calamine import CalamineWorkbook

    unor, asn = sample_rows()
    with CalamineWorkbook.from_path(str(SIASN_SAMPLE)) as workbook:
        stored = [workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names]
    assert stored == [[UNOR_HEADERS, *unor], [DATA_UTAMA_HEADERS, *asn]]


def test_preview_page_lists_inactive_rows_and_derived_supervisors(
    roster, login, tmp_path, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluasi.demo_roster import ADMIN_BKD

    settings.MEDIA_ROOT = tmp_path / "media"
    client = login(ADMIN_BKD[0])
    data = SIASN_SAMPLE.read_bytes()
    response = client.post(
        "/admin/roster/impor/new/",
        {"berkas": SimpleUploadedFile("siasn-contoh.xlsx", data)},
    )
    assert response.status_code == 302, response.content[:300]
    html = client.get(response.url).content.decode()
    inactive = html[html.index('id="tidak-aktif"') :]
    assert "BAMBANG HERMANTO" in inactive and "CLTN" in inactive
    derived = html[html.index('id="atasan-turunan"') :]
    assert "DONI KURNIAWAN" in derived and "SRI WAHYUNINGSIH" in derived


def test_a_later_template_import_keeps_siasn_ids_heads_and_eselon(db, tmp_path):
    path = _save(siasn_workbook(CASE_UNOR, CASE_ASN), tmp_path / "siasn.xlsx")
    assert roster_import_file(path, filename=path.name, dry_run=False).status == SELESAI
    rudi = Pegawai.objects.get(pns_id="P0003")
    ours = write_xlsx(
        tmp_path / "templat.xlsx",
        units=[["8AE483A3", "Bidang PKA (nama baru)", "8AE483A2", "Bidang/Bagian"]],
        pegawai=[pegawai_row(rudi.nip, "Rudi Hartono", golongan="III/c", unit="8AE483A3")],
        unit_headers=UNIT_HEADERS[:4],
        pegawai_headers=PEGAWAI_HEADERS[:12],  # no PNS ID column; NIP Atasan left empty
    )
    outcome = roster_import_file(ours, filename=ours.name, dry_run=False)
    assert outcome.status == SELESAI, outcome.errors
    rudi.refresh_from_db()
    assert (rudi.pns_id, rudi.golongan, rudi.atasan.pns_id) == ("P0003", "III/c", "P0002")
    unit = UnitKerja.objects.get(kode="8AE483A3")
    assert (unit.nama, unit.eselon, unit.kepala.pns_id) == ("Bidang PKA (nama baru)", "31", "P0002")


def test_a_new_head_in_a_later_unor_moves_the_derived_supervisors(db, tmp_path):
    path = _save(siasn_workbook(CASE_UNOR, CASE_ASN), tmp_path / "siasn.xlsx")
    assert roster_import_file(path, filename=path.name, dry_run=False).status == SELESAI
    unor = [list(row) for row in CASE_UNOR]
    unor[2][6] = "P0003"  # Rudi now heads the formerly vacant 8AE483A4
    later = _save(siasn_workbook(unor, CASE_ASN), tmp_path / "siasn-2.xlsx")
    outcome = roster_import_file(later, filename=later.name, dry_run=False)
    assert outcome.status == SELESAI, outcome.errors
    assert UnitKerja.objects.get(kode="8AE483A4").kepala.pns_id == "P0003"
    assert (_atasan("P0004"), _atasan("P0005"), _atasan("P0003")) == ("P0003", "P0003", "P0002")


def test_pns_id_twice_in_the_file_or_already_another_nips_is_an_error(db, tmp_path):
    rows = [list(row) for row in CASE_ASN[:3]]
    rows[2][0] = "P0002"
    path = _save(siasn_workbook(CASE_UNOR, rows), tmp_path / "s.xlsx")
    outcome = roster_import_file(path, filename=path.name, dry_run=True)
    assert [(e.sheet, e.row, e.column) for e in outcome.errors] == [("Data Utama", 4, "PNS ID")]
    assert "sudah dipakai di baris 3" in outcome.errors[0].message

    good = _save(siasn_workbook(CASE_UNOR, CASE_ASN[:3]), tmp_path / "g.xlsx")
    assert roster_import_file(good, filename=good.name, dry_run=False).status == SELESAI
    moved = [list(CASE_ASN[3])]
    moved[0][0] = "P0001"  # another NIP claims Sutrisno's PNS_ID
    path = _save(siasn_workbook(None, moved), tmp_path / "m.xlsx")
    outcome = roster_import_file(path, filename=path.name, dry_run=True)
    assert [(e.row, e.column) for e in outcome.errors] == [(2, "PNS ID")]
    assert NIP["P0001"] in outcome.errors[0].message


def test_struktural_heading_no_unit_takes_its_own_units_eselon(db, tmp_path):
    rows = [list(row) for row in CASE_ASN[:1]]
    rows.append(list(CASE_ASN[3]))
    rows[1][12] = "Jabatan Struktural"  # in the vacant eselon III UNOR, heading nothing
    path = _save(siasn_workbook(CASE_UNOR, rows), tmp_path / "s.xlsx")
    assert roster_import_file(path, filename=path.name, dry_run=False).status == SELESAI
    assert Pegawai.objects.get(pns_id="P0004").jenis_jabatan == JenisJabatan.ADMINISTRATOR


def test_root_unor_naming_itself_as_parent_is_a_root(db, tmp_path):
    unor = [list(row) for row in CASE_UNOR]
    unor[0][2] = unor[0][0]
    path = _save(siasn_workbook(unor, None), tmp_path / "u.xlsx")
    assert roster_import_file(path, filename=path.name, dry_run=False).status == SELESAI
    assert UnitKerja.objects.get(kode="8AE483A2").induk is None


def test_template_cpns_status_is_pns_with_the_mark(opd, tmp_path):
    nip = "199802202024031003"
    path = write_xlsx(tmp_path / "c.xlsx", pegawai=[pegawai_row(nip, status="CPNS")])
    assert roster_import_file(path, filename=path.name, dry_run=False).status == SELESAI
    pegawai = Pegawai.objects.get(nip=nip)
    assert (pegawai.status, pegawai.cpns) == ("PNS", True)


def test_heads_placed_in_each_others_units_is_a_cycle_error(db, tmp_path):
    unor = [list(row) for row in CASE_UNOR[:2]]
    unor[0][6] = "P0002"  # the BKD head sits in the bidang, the bidang head in the BKD
    unor[1][6] = "P0001"
    rows = [list(row) for row in CASE_ASN[:2]]
    path = _save(siasn_workbook(unor, rows), tmp_path / "s.xlsx")
    outcome = roster_import_file(path, filename=path.name, dry_run=True)
    assert outcome.status == GAGAL
    assert {e.message.split(":")[0] for e in outcome.errors} == {"Rantai atasan melingkar"}


def test_plan_errors_of_siasn_rows_name_the_sheet_they_are_on(db, tmp_path):
    rows = [list(CASE_ASN[0]), list(CASE_ASN[2])]
    rows[1][1] = rows[0][1]  # the same NIP_BARU twice: found by the plan, not the row reader
    path = _save(siasn_workbook(CASE_UNOR, rows), tmp_path / "s.xlsx")
    outcome = roster_import_file(path, filename=path.name, dry_run=True)
    assert outcome.errors and {e.sheet for e in outcome.errors} == {"Data Utama"}


def test_an_admin_opds_file_never_makes_someone_head_of_a_unit_outside_its_scope(db, tmp_path):
    """A unit outside the Admin OPD's subtree waits for its SIASN head (PEMIMPIN_PNS_ID known, the
    person not imported yet); a pegawai of the admin's own unit carrying that PNS_ID must not become
    its head, nor the derived atasan of its people."""
    unor = _save(siasn_workbook(CASE_UNOR, None), tmp_path / "u.xlsx")
    assert roster_import_file(unor, filename=unor.name, dry_run=False).status == SELESAI
    own = UnitKerja.objects.get(kode="8AE483A4")  # the admin's subtree: one bidang
    outside = UnitKerja.objects.get(kode="8AE483A3")
    assert outside.kepala_pns_id == "P0002" and outside.kepala is None

    claim = [list(CASE_ASN[3])]
    claim[0][0] = "P0002"  # a pegawai of the admin's unit carries the outside head's PNS_ID
    path = _save(siasn_workbook(None, claim), tmp_path / "c.xlsx")
    outcome = roster_import_file(path, filename=path.name, dry_run=False, scope_unit=own)
    assert outcome.status == SELESAI, outcome.errors
    outside.refresh_from_db()
    assert outside.kepala is None and outside.kepala_pns_id == "P0002"


def test_an_admin_opds_unor_cannot_name_a_head_from_outside_its_scope(db, tmp_path):
    both = _save(siasn_workbook(CASE_UNOR, CASE_ASN), tmp_path / "s.xlsx")
    assert roster_import_file(both, filename=both.name, dry_run=False).status == SELESAI
    own = UnitKerja.objects.get(kode="8AE483A4")  # vacant head; P0001 heads the parent unit
    unor = [list(CASE_UNOR[2])]
    unor[0][6] = "P0001"
    path = _save(siasn_workbook(unor, None), tmp_path / "u.xlsx")
    outcome = roster_import_file(path, filename=path.name, dry_run=False, scope_unit=own)
    assert [(e.sheet, e.row, e.column) for e in outcome.errors] == [
        ("Referensi UNOR", 2, "PEMIMPIN_PNS_ID")
    ]
    own.refresh_from_db()
    assert own.kepala is None and own.kepala_pns_id == ""
