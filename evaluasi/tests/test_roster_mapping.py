"""The column-mapping step: unknown headers wait for a mapping, which is checked, remembered per
header set, and used by the admin screen (both paths), the preview and the command."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook

from evaluasi.demo_roster import ADMIN_BKD
from evaluasi.models import ImporRoster, Pegawai, PemetaanKolom, UnitKerja
from evaluasi.services import roster_import_jobs
from evaluasi.services.roster_import.columns import PEGAWAI_SHEET, UNIT_SHEET
from evaluasi.services.roster_import.mapping import (
    MappingRefused,
    SheetColumns,
    header_row_guess,
    header_set_key,
    mapping_check,
    mapping_save,
    saved_mappings,
)
from evaluasi.tests.factories import new_nip
from evaluasi.tests.workbooks import import_command_exit, write_csv

PERLU_PEMETAAN = ImporRoster.Status.PERLU_PEMETAAN
PRATINJAU = ImporRoster.Status.PRATINJAU
SIMPEG_HEADERS = ["Nomor Induk", "Nama Pegawai ASN", "Satker", "Kedudukan", "Keterangan"]
SIMPEG_MAPPING = {
    "nomorinduk": "nip",
    "namapegawaiasn": "nama",
    "satker": "kode_unit",
    "kedudukan": "status",
    "keterangan": "",
}


def _simpeg_rows(nips, unit="OPD1"):
    return [[nip, f"Pegawai {i}", unit, "PNS", "catatan"] for i, nip in enumerate(nips)]


def _workbook(path, headers, rows, *, sheet="Data", title=None):
    book = Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def _sheet(outcome, index=0) -> SheetColumns:
    return SheetColumns.from_dict(outcome.sheet_columns[index])


def test_unknown_headers_wait_for_a_mapping_with_samples_and_write_nothing(
    opd, run_import, tmp_path
):
    nips = [new_nip(), new_nip()]
    path = _workbook(
        tmp_path / "simpeg.xlsx",
        SIMPEG_HEADERS,
        _simpeg_rows(nips),
        title="DAFTAR PEGAWAI DINAS UJI",
    )
    outcome = run_import(path)
    assert outcome.status == PERLU_PEMETAAN
    assert "tidak dikenali" in outcome.message and "'Data'" in outcome.message
    sheet = _sheet(outcome)
    assert sheet.sheet == "Data"
    assert sheet.header_row == 2  # the title row above the headers is not taken for them
    assert sheet.headers == SIMPEG_HEADERS
    assert sheet.samples[0] == nips and sheet.samples[2] == ["OPD1", "OPD1"]
    assert sheet.kind == "" and sheet.chosen == {}  # nothing recognised, nothing guessed
    assert not Pegawai.objects.exists()


def test_header_row_guess_skips_titles_and_keeps_headers_over_wider_data_rows():
    title = ["DAFTAR PEGAWAI", None, None]
    subtitle = ["Periode", "2025", None, None, None, None]
    headers = ["Nomor Induk", "Nama", "Satker", "Kedudukan"]
    wider_data = ["1", "Budi", "OPD1", "PNS", "catatan"]
    assert header_row_guess([title, subtitle, headers, wider_data, wider_data]) == 2
    assert header_row_guess([title, [None, ""]]) is None


def test_sheet_named_pegawai_guesses_the_kind(opd, run_import, tmp_path):
    path = _workbook(tmp_path / "a.xlsx", SIMPEG_HEADERS, _simpeg_rows([new_nip()]), sheet="ASN")
    assert _sheet(run_import(path)).kind == PEGAWAI_SHEET


def test_a_sheet_named_pegawai_is_offered_even_beside_a_recognised_sheet(opd, run_import, tmp_path):
    book = Workbook()
    units = book.active
    units.title = "Unit Kerja"
    units.append(["Kode Unit", "Nama Unit", "Jenis"])
    units.append(["OPD1-A", "Bidang A", "Bidang"])
    pegawai = book.create_sheet("Pegawai")
    pegawai.append(SIMPEG_HEADERS)
    pegawai.append(_simpeg_rows([new_nip()])[0])
    book.create_sheet("Catatan").append(["Dibuat oleh", "Tanggal"])  # other sheets: not offered
    book.save(tmp_path / "dua.xlsx")
    outcome = run_import(tmp_path / "dua.xlsx")
    assert outcome.status == PERLU_PEMETAAN
    assert [sheet["sheet"] for sheet in outcome.sheet_columns] == ["Pegawai"]
    assert _sheet(outcome).kind == PEGAWAI_SHEET


def test_partly_recognised_headers_prefill_the_mapping(opd, run_import, tmp_path):
    # NIP and Nama are known, but Status and Kode Unit are under headers the import does not know:
    # without the mapping step every row would be "Wajib diisi".
    headers = ["N.I.P.", "Nama", "Satker", "Kedudukan"]
    path = write_csv(tmp_path / "sebagian.csv", headers, [[new_nip(), "Budi", "OPD1", "PNS"]])
    outcome = run_import(path)
    assert outcome.status == PERLU_PEMETAAN
    sheet = _sheet(outcome)
    assert sheet.kind == PEGAWAI_SHEET
    assert sheet.chosen == {"nip": "nip", "nama": "nama"}
    assert sheet.missing_required == ["Status", "Kode Unit"]


def test_saved_mapping_is_used_for_the_same_header_set_in_any_order(opd, run_import, tmp_path):
    first = _workbook(tmp_path / "a.xlsx", SIMPEG_HEADERS, _simpeg_rows([new_nip()]))
    sheet = _sheet(run_import(first))
    mapping_save(
        sheet=sheet, kind=PEGAWAI_SHEET, chosen=SIMPEG_MAPPING, name="SIMPEG Kabupaten", user=None
    )

    # Same columns, other order and spelling: recognised by its header set.
    nips = [new_nip(), new_nip()]
    headers = ["SATKER", "nomor_induk", "Keterangan", "Nama pegawai ASN", "KEDUDUKAN"]
    rows = [["OPD1", nip, "", f"Pegawai {nip[-3:]}", "pns"] for nip in nips]
    outcome = run_import(write_csv(tmp_path / "b.csv", headers, rows), dry_run=True)
    assert outcome.status == PRATINJAU, outcome.message
    assert outcome.counts["pegawai_baru"] == 2
    assert outcome.mappings_used == ["SIMPEG Kabupaten"]
    assert _sheet(outcome).pemetaan == "SIMPEG Kabupaten"

    # One more column is another header set: it waits for its own mapping.
    wider = write_csv(tmp_path / "c.csv", [*headers, "Email"], [[*rows[0], ""]])
    assert run_import(wider).status == PERLU_PEMETAAN


def test_mapping_check_requires_the_required_fields_and_refuses_a_field_twice():
    labels = {"nomorinduk": "Nomor Induk", "nip": "NIP", "namapegawaiasn": "Nama Pegawai ASN"}
    with pytest.raises(MappingRefused) as missing:
        mapping_check(PEGAWAI_SHEET, {"nomorinduk": "nip", "namapegawaiasn": "nama"}, labels=labels)
    assert "Kolom wajib untuk sheet Pegawai belum dipetakan: Status, Kode Unit" in str(
        missing.value
    )

    with pytest.raises(MappingRefused) as twice:
        mapping_check(
            PEGAWAI_SHEET,
            {"nomorinduk": "nip", "nip": "nip", "a": "nama", "b": "status", "c": "kode_unit"},
            labels=labels,
        )
    assert "'NIP' dipilih untuk lebih dari satu kolom ('Nomor Induk' dan 'NIP')" in str(twice.value)

    with pytest.raises(MappingRefused, match="Pilih jenis data sheet"):
        mapping_check("", {}, labels={})
    with pytest.raises(MappingRefused, match="Jenis"):  # a unit sheet needs its Jenis
        mapping_check(UNIT_SHEET, {"a": "kode", "b": "nama", "c": ""}, labels={})
    assert mapping_check(
        UNIT_SHEET, {"a": "kode", "b": "nama", "c": "jenis", "d": ""}, labels={}
    ) == {"a": "kode", "b": "nama", "c": "jenis"}


def test_saved_mapping_names_are_unique_per_header_set(opd, run_import, tmp_path):
    one = _sheet(run_import(_workbook(tmp_path / "a.xlsx", SIMPEG_HEADERS, [])))
    mapping_save(sheet=one, kind=PEGAWAI_SHEET, chosen=SIMPEG_MAPPING, name="Kab", user=None)
    other_headers = [*SIMPEG_HEADERS[:4], "Catatan"]
    other = _sheet(run_import(_workbook(tmp_path / "b.xlsx", other_headers, [])))
    chosen = {**SIMPEG_MAPPING, "catatan": ""}
    with pytest.raises(MappingRefused, match="sudah dipakai"):
        mapping_save(sheet=other, kind=PEGAWAI_SHEET, chosen=chosen, name="Kab", user=None)
    # Saving the same header set again updates its mapping instead of adding one.
    mapping_save(sheet=one, kind=PEGAWAI_SHEET, chosen=SIMPEG_MAPPING, name="Kab baru", user=None)
    assert list(PemetaanKolom.objects.values_list("nama", "kunci")) == [
        ("Kab baru", header_set_key(SIMPEG_HEADERS))
    ]
    # Without a name, a generated one that never collides.
    unnamed = mapping_save(sheet=other, kind=PEGAWAI_SHEET, chosen=chosen, name="", user=None)
    assert unnamed.nama.startswith("Pegawai: Nomor Induk, Nama Pegawai ASN")


def test_command_takes_a_saved_mapping_by_name_or_by_header_set(opd, tmp_path, capsys):
    from django.core.management.base import CommandError

    path = _workbook(tmp_path / "simpeg.xlsx", SIMPEG_HEADERS, _simpeg_rows([new_nip()]))
    assert import_command_exit(str(path), "--dry-run") == 2
    out = capsys.readouterr().out
    assert "Status: perlu_pemetaan" in out
    assert "Nomor Induk, Nama Pegawai ASN, Satker, Kedudukan, Keterangan" in out
    assert "--pemetaan NAMA" in out

    with pytest.raises(CommandError, match="Pemetaan kolom 'Tidak Ada' tidak ada") as unknown:
        call_command("import_roster", str(path), "--pemetaan", "Tidak Ada")
    assert unknown.value.returncode == 2

    sheet = SheetColumns(
        sheet="Data",
        header_row=1,
        kunci=header_set_key(SIMPEG_HEADERS),
        keys=list(SIMPEG_MAPPING),
        headers=SIMPEG_HEADERS,
        samples=[[] for _ in SIMPEG_HEADERS],
    )
    mapping_save(sheet=sheet, kind=PEGAWAI_SHEET, chosen=SIMPEG_MAPPING, name="Kab", user=None)

    # Without the option: the file's header set has a saved mapping, so it is used.
    assert import_command_exit(str(path), "--dry-run") == 0
    assert "Pemetaan kolom dipakai: Kab" in capsys.readouterr().out

    # By name: used for a file with an extra column too (its header set is another).
    nip = new_nip()
    extra = _workbook(
        tmp_path / "lebar.xlsx", [*SIMPEG_HEADERS, "Email"], [[*_simpeg_rows([nip])[0], ""]]
    )
    assert import_command_exit(str(extra), "--dry-run") == 2
    capsys.readouterr()
    assert import_command_exit(str(extra), "--pemetaan", "Kab") == 0
    assert Pegawai.objects.filter(nip=nip).exists()


def test_lookup_by_name_refuses_an_unknown_name(db):
    with pytest.raises(MappingRefused, match="belum ada"):
        saved_mappings(name="X")


# --- the admin screen -------------------------------------------------------------------------


def _upload(client, path):
    with path.open("rb") as handle:
        data = {"berkas": SimpleUploadedFile(path.name, handle.read())}
    return client.post("/admin/roster/impor/new/", data)


def _mapping_post(impor, **choices):
    data = {"s0-jenis": PEGAWAI_SHEET, "s0-nama": "SIMPEG BKD"}
    for j, key in enumerate(SIMPEG_MAPPING):
        data[f"s0-k{j}"] = f"{PEGAWAI_SHEET}:{SIMPEG_MAPPING[key]}" if SIMPEG_MAPPING[key] else ""
    data.update(choices)
    return data


def test_admin_maps_columns_previews_confirms_and_the_next_upload_is_mapped(
    roster, login, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = login(ADMIN_BKD[0])
    nips = [new_nip(), new_nip()]
    path = _workbook(tmp_path / "simpeg.xlsx", SIMPEG_HEADERS, _simpeg_rows(nips, unit="BKD"))

    response = _upload(client, path)
    impor = ImporRoster.objects.latest("pk")
    assert impor.status == PERLU_PEMETAAN
    mapping_url = f"/admin/roster/impor/{impor.pk}/pemetaan/"
    assert response["Location"] == mapping_url
    page = client.get(mapping_url).content.decode()
    assert "Nama Pegawai ASN" in page and nips[0] in page and "Abaikan kolom ini" in page

    # A required field left out: the form says which, nothing is saved or checked.
    refused = client.post(mapping_url, _mapping_post(impor, **{"s0-k3": ""}))
    assert refused.status_code == 200
    assert "Kolom wajib untuk sheet Pegawai belum dipetakan: Status" in refused.content.decode()
    assert not PemetaanKolom.objects.exists()
    # A column mapped to a unit field while the sheet is a Pegawai sheet.
    wrong_kind = client.post(mapping_url, _mapping_post(impor, **{"s0-k4": "Unit Kerja:jenis"}))
    assert "padahal sheet ini berjenis Pegawai" in wrong_kind.content.decode()

    saved = client.post(mapping_url, _mapping_post(impor))
    assert saved.status_code == 302
    impor.refresh_from_db()
    assert impor.status == PRATINJAU, impor.pesan
    assert impor.ringkasan["pegawai_baru"] == 2
    assert [p.nama for p in impor.pemetaan.all()] == ["SIMPEG BKD"]
    detail = client.get(f"/admin/roster/impor/edit/{impor.pk}/").content.decode()
    assert "SIMPEG BKD" in detail and "Ubah pemetaan" in detail

    client.post(f"/admin/roster/impor/{impor.pk}/konfirmasi/")
    assert Pegawai.objects.filter(nip__in=nips).count() == 2

    # The next upload with the same headers is mapped by itself.
    again = ImporRoster.objects.get(pk=_pk(_upload(client, path)))
    assert again.status == PRATINJAU
    assert again.ringkasan["pegawai_tetap"] == 2
    assert "SIMPEG BKD" in client.get(f"/admin/roster/impor/edit/{again.pk}/").content.decode()
    # Changing it from the preview re-checks the file with the new mapping.
    page = client.get(f"/admin/roster/impor/{again.pk}/pemetaan/").content.decode()
    assert 'value="SIMPEG BKD"' in page
    renamed = _mapping_post(again, **{"s0-nama": "SIMPEG BKD 2025"})
    assert client.post(f"/admin/roster/impor/{again.pk}/pemetaan/", renamed).status_code == 302
    again.refresh_from_db()
    assert again.status == PRATINJAU
    assert [p.nama for p in again.pemetaan.all()] == ["SIMPEG BKD 2025"]
    assert PemetaanKolom.objects.count() == 1


def _pk(response) -> int:
    assert response.status_code == 302, response.content[:300]
    return int(response["Location"].rstrip("/").split("/")[-1])


def test_mapping_step_works_for_a_background_import(
    roster, login, tmp_path, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(roster_import_jobs, "BACKGROUND_BYTES", 1)  # every file counts as large
    client = login(ADMIN_BKD[0])
    path = _workbook(tmp_path / "besar.xlsx", SIMPEG_HEADERS, _simpeg_rows([new_nip()], "BKD"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _upload(client, path)
    assert len(callbacks) == 1
    impor = ImporRoster.objects.latest("pk")
    assert impor.status == PERLU_PEMETAAN
    detail = client.get(f"/admin/roster/impor/edit/{impor.pk}/").content.decode()
    assert "Petakan kolom" in detail and "Perlu pemetaan kolom" in detail

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(f"/admin/roster/impor/{impor.pk}/pemetaan/", _mapping_post(impor))
    assert response.status_code == 302 and len(callbacks) == 1
    impor.refresh_from_db()
    assert impor.status == PRATINJAU and impor.ringkasan["pegawai_baru"] == 1


def test_an_import_waiting_for_a_mapping_can_be_cancelled(roster, login, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = login(ADMIN_BKD[0])
    path = _workbook(tmp_path / "simpeg.xlsx", SIMPEG_HEADERS, _simpeg_rows([new_nip()], "BKD"))
    _upload(client, path)
    impor = ImporRoster.objects.latest("pk")
    assert impor.status == PERLU_PEMETAAN
    client.post(f"/admin/roster/impor/{impor.pk}/batal/")
    impor.refresh_from_db()
    assert impor.status == ImporRoster.Status.DIBATALKAN
    # Nothing left to map: the mapping page sends the admin back, and a stale form saves nothing.
    response = client.get(f"/admin/roster/impor/{impor.pk}/pemetaan/")
    assert response["Location"] == f"/admin/roster/impor/edit/{impor.pk}/"
    client.post(f"/admin/roster/impor/{impor.pk}/pemetaan/", _mapping_post(impor))
    assert not PemetaanKolom.objects.exists()


def test_mapping_page_of_an_import_that_needs_none_goes_back_to_it(roster, login, tmp_path):
    client = login(ADMIN_BKD[0])
    impor = ImporRoster.objects.create(nama_berkas="x.xlsx", status=PRATINJAU)
    response = client.get(f"/admin/roster/impor/{impor.pk}/pemetaan/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/roster/impor/edit/{impor.pk}/"
    refused = client.post(f"/admin/roster/impor/{impor.pk}/pemetaan/", {"s0-jenis": "Pegawai"})
    assert refused.status_code == 302
    assert not PemetaanKolom.objects.exists()


def test_a_unit_sheet_is_mapped_and_imported_through_its_mapping(opd, run_import, tmp_path):
    headers = ["Kode Satker", "Nama Satker", "Satker Induk", "Tipe"]
    rows = [["OPD1-X", "Bidang Uji X", "OPD1", "Bidang"], ["OPD1-Y", "UPTD Uji Y", "OPD1", "UPTD"]]
    path = write_csv(tmp_path / "satker.csv", headers, rows, delimiter=";")
    sheet = _sheet(run_import(path))
    assert sheet.samples[1] == ["Bidang Uji X", "UPTD Uji Y"]
    chosen = {"kodesatker": "kode", "namasatker": "nama", "satkerinduk": "kode_induk"}
    with pytest.raises(MappingRefused, match="belum dipetakan: Jenis"):
        mapping_save(sheet=sheet, kind=UNIT_SHEET, chosen=chosen, name="", user=None)
    mapping_save(
        sheet=sheet, kind=UNIT_SHEET, chosen={**chosen, "tipe": "jenis"}, name="", user=None
    )
    outcome = run_import(path)
    assert outcome.status == ImporRoster.Status.SELESAI, outcome.errors
    assert outcome.counts["unit_baru"] == 2
    assert outcome.mappings_used == ["Unit Kerja: Kode Satker, Nama Satker, Satker Induk, Tipe"]
    assert UnitKerja.objects.get(kode="OPD1-Y").induk.kode == "OPD1"
