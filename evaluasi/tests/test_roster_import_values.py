"""Values as people write them (docs/impor-roster.md, Values): golongan with the pangkat, invisible
characters pasted from web pages, NIPs that a spreadsheet turned into numbers."""

import pytest

from evaluasi.models import ImporRoster, JenisUnit, Pegawai, UnitKerja
from evaluasi.tests.factories import new_nip
from evaluasi.tests.workbooks import pegawai_row, write_csv, write_xlsx

SELESAI = ImporRoster.Status.SELESAI
GAGAL = ImporRoster.Status.GAGAL_VALIDASI
NIP_AS_NUMBER = "tersimpan sebagai angka"


def _messages(outcome):
    return [(e.sheet, e.row, e.column, e.message) for e in outcome.errors]


@pytest.fixture
def bkd_pka(opd):
    return UnitKerja.objects.create(
        kode="BKD-PKA", nama="Bidang Penilaian Kinerja", jenis=JenisUnit.BIDANG, induk=opd
    )


def test_golongan_written_with_the_pangkat_imports(bkd_pka, run_import, tmp_path):
    # The layout of a real officer's file (shared/cases/golongan-dengan-pangkat.xlsx).
    headers = ["NIP", "Nama", "Status", "Golongan", "Jabatan", "Kode Unit", "Email", "No HP"]
    written = {
        "Penata Muda Tingkat I, III/b": "III/b",
        "III/a - Penata Muda": "III/a",
        "Gol. III/a": "III/a",
        "Penata": "III/c",
        "III / c": "III/c",
        "IIIa": "III/a",
        "Pembina": "IV/a",
    }
    nips = {new_nip(): golongan for golongan in written}
    rows = [[nip, "Rudi", "PNS", gol, "Analis", "BKD-PKA", "", ""] for nip, gol in nips.items()]
    rows.append([new_nip(pppk=True), "Siti", "PPPK", "Golongan IX", "Analis", "BKD-PKA", "", ""])
    path = write_xlsx(tmp_path / "gol.xlsx", pegawai=rows, pegawai_headers=headers)
    outcome = run_import(path)
    assert outcome.status == SELESAI, _messages(outcome)
    stored = dict(Pegawai.objects.values_list("nip", "golongan"))
    assert {nip: stored[nip] for nip in nips} == {nip: written[g] for nip, g in nips.items()}
    assert stored[rows[-1][0]] == "IX"


def test_golongan_naming_two_golongan_is_a_row_error_naming_both(opd, run_import, tmp_path):
    path = write_xlsx(
        tmp_path / "r.xlsx", pegawai=[pegawai_row(new_nip(), golongan="III/a Pembina")]
    )
    outcome = run_import(path)
    assert outcome.status == GAGAL
    [(sheet, row, column, message)] = _messages(outcome)
    assert (sheet, row, column) == ("Pegawai", 2, "Golongan")
    assert "III/a" in message and "IV/a" in message


# zero-width space, zero-width non-joiner and joiner, word joiner, BOM, soft hyphen, NBSP, narrow NBSP
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u00a0", "\u202f"]


@pytest.mark.parametrize("char", INVISIBLE)
def test_invisible_characters_are_removed_from_every_identifier(opd, run_import, tmp_path, char):
    boss, staff = new_nip(), new_nip(2)

    def dirty(text):  # pasted from a web page: the character before, inside and after
        return f"{char}{text[:4]}{char}{text[4:]}{char}"

    path = write_xlsx(
        tmp_path / "r.xlsx",
        units=[[dirty("OPD1-SEK"), "Sekretariat", dirty("OPD1"), "Bidang/Bagian"]],
        pegawai=[
            pegawai_row(dirty(boss), "Rahmat", unit=dirty("OPD1-SEK")),
            pegawai_row(
                dirty(staff),
                f"{char}Siti\u00a0Aminah{char}",
                unit=dirty("OPD1-SEK"),
                atasan=dirty(boss),
                email=dirty("siti@contoh.go.id"),
                no_hp=dirty("081234567890"),
                golongan=dirty("III/b"),
                jabatan=f"Analis\u00a0SDM{char}",
            ),
        ],
    )
    outcome = run_import(path)
    assert outcome.status == SELESAI, _messages(outcome)
    unit = UnitKerja.objects.get(kode="OPD1-SEK")
    assert unit.induk == opd
    siti = Pegawai.objects.get(nip=staff)
    assert siti.atasan.nip == boss and siti.unit_kerja == unit
    assert (siti.email, siti.no_hp, siti.golongan) == ("siti@contoh.go.id", "081234567890", "III/b")
    assert siti.nama == "Siti Aminah"
    assert siti.jabatan == "Analis SDM"


def test_invisible_characters_in_a_csv_nip(opd, run_import, tmp_path):
    nip = new_nip()
    path = write_csv(
        tmp_path / "pegawai.csv",
        ["NIP", "Nama", "Status", "Kode Unit"],
        [[f"\ufeff{nip}\u200b", "Budi", "PNS", "OPD1\u00a0"]],
    )
    outcome = run_import(path)
    assert outcome.status == SELESAI, _messages(outcome)
    assert Pegawai.objects.filter(nip=nip).exists()


@pytest.mark.parametrize("written", ["1.98702E+17", "1,99105E+17", "1.98702e17", " 1.98702E17 "])
def test_nip_in_scientific_notation_as_text_is_a_number_error(opd, run_import, tmp_path, written):
    path = write_xlsx(
        tmp_path / "r.xlsx", pegawai=[pegawai_row(new_nip()), pegawai_row(written, "Ani")]
    )
    outcome = run_import(path)
    assert outcome.status == GAGAL
    [(sheet, row, column, message)] = _messages(outcome)
    assert (sheet, row, column) == ("Pegawai", 3, "NIP")
    assert NIP_AS_NUMBER in message
    assert repr(written.strip()) in message  # quoted as it is in the file


def test_nip_atasan_in_scientific_notation_is_a_number_error(opd, run_import, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", pegawai=[pegawai_row(new_nip(), atasan="1,99105E+17")])
    [(_, _, column, message)] = _messages(run_import(path))
    assert column == "NIP Atasan" and NIP_AS_NUMBER in message and "'1,99105E+17'" in message


def test_numeric_nip_cell_quotes_what_the_spreadsheet_shows(opd, run_import, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", pegawai=[pegawai_row(198702142011031001)])
    [(_, _, column, message)] = _messages(run_import(path))
    assert column == "NIP" and NIP_AS_NUMBER in message
    assert "'1.98702E+17'" in message
