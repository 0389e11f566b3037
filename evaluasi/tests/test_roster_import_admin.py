"""The admin import screens: upload → preview → confirm, history, scope, jobs, downloads."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from evaluasi.demo_roster import ADMIN_BKD, ADMIN_OPD_DISDIK, GURU_DEMO
from evaluasi.models import ImporRoster, Pegawai
from evaluasi.services import roster_import_jobs
from evaluasi.tests.factories import new_nip
from evaluasi.tests.workbooks import pegawai_row, write_xlsx


def _upload(client, path, **extra):
    with path.open("rb") as handle:
        data = {"berkas": SimpleUploadedFile(path.name, handle.read()), **extra}
    return client.post("/admin/roster/impor/new/", data)


def _impor_from(response) -> ImporRoster:
    assert response.status_code == 302, response.content[:300]
    return ImporRoster.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_upload_preview_confirm_and_history(roster, login, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = login(ADMIN_BKD[0])
    nip = new_nip()
    path = write_xlsx(
        tmp_path / "baru.xlsx", pegawai=[pegawai_row(nip, "Pegawai Baru", unit="BKD")]
    )

    impor = _impor_from(_upload(client, path))
    assert impor.status == ImporRoster.Status.PRATINJAU
    assert impor.ringkasan["pegawai_baru"] == 1
    assert not Pegawai.objects.filter(nip=nip).exists()
    page = client.get(f"/admin/roster/impor/edit/{impor.pk}/").content.decode()
    assert "Simpan ke roster" in page and "pratinjau" in page

    client.post(f"/admin/roster/impor/{impor.pk}/konfirmasi/")
    impor.refresh_from_db()
    assert impor.status == ImporRoster.Status.SELESAI
    assert Pegawai.objects.filter(nip=nip).exists()

    # A double-clicked confirm applies nothing twice and raises nothing.
    again = client.post(f"/admin/roster/impor/{impor.pk}/konfirmasi/")
    assert again.status_code == 302
    assert Pegawai.objects.filter(nip=nip).count() == 1

    history = client.get("/admin/roster/impor/").content.decode()
    assert "baru.xlsx" in history and "Selesai" in history


def test_errors_block_confirm_and_download_as_xlsx(roster, login, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = login(ADMIN_BKD[0])
    path = write_xlsx(tmp_path / "salah.xlsx", pegawai=[pegawai_row("12345", unit="BKD")])
    impor = _impor_from(_upload(client, path))
    assert impor.status == ImporRoster.Status.GAGAL_VALIDASI
    assert (
        "Simpan ke roster"
        not in client.get(f"/admin/roster/impor/edit/{impor.pk}/").content.decode()
    )

    client.post(f"/admin/roster/impor/{impor.pk}/konfirmasi/")
    impor.refresh_from_db()
    assert impor.status == ImporRoster.Status.GAGAL_VALIDASI

    report = client.get(f"/admin/roster/impor/{impor.pk}/kesalahan.xlsx")
    sheet = load_workbook(io.BytesIO(report.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Sheet", "Baris", "Kolom", "Pesan")
    assert rows[1][:3] == ("Pegawai", 2, "NIP")


def test_admin_opd_import_is_scoped_and_hidden_from_other_scopes(
    roster, login, tmp_path, settings, client
):
    settings.MEDIA_ROOT = tmp_path / "media"
    login(ADMIN_BKD[0])
    path = write_xlsx(tmp_path / "bkd.xlsx", pegawai=[pegawai_row(new_nip(), unit="BKD")])
    bkd_import = _impor_from(_upload(client, path))
    client.post("/admin/logout/")

    login(ADMIN_OPD_DISDIK[0])
    for url in (
        f"/admin/roster/impor/edit/{bkd_import.pk}/",
        f"/admin/roster/impor/{bkd_import.pk}/status/",
        f"/admin/roster/impor/{bkd_import.pk}/kesalahan.xlsx",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/admin/roster/impor/{bkd_import.pk}/konfirmasi/").status_code == 404
    bkd_import.refresh_from_db()
    assert bkd_import.status == ImporRoster.Status.PRATINJAU
    assert "bkd.xlsx" not in client.get("/admin/roster/impor/").content.decode()

    own = _impor_from(
        _upload(
            client, write_xlsx(tmp_path / "luar.xlsx", pegawai=[pegawai_row(new_nip(), unit="BKD")])
        )
    )
    assert own.lingkup_unit.kode == "DISDIK"
    assert own.status == ImporRoster.Status.GAGAL_VALIDASI
    assert "di luar wewenang" in own.kesalahan[0]["message"]


def test_large_file_runs_as_a_background_job(
    roster, login, tmp_path, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(roster_import_jobs, "BACKGROUND_BYTES", 1)  # every file counts as large
    client = login(ADMIN_BKD[0])
    rows = [pegawai_row(new_nip(), f"Pegawai {i}", unit="BKD") for i in range(50)]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        impor = _impor_from(_upload(client, write_xlsx(tmp_path / "besar.xlsx", pegawai=rows)))
    assert len(callbacks) == 1  # enqueued after the upload committed
    impor.refresh_from_db()
    assert impor.status == ImporRoster.Status.PRATINJAU
    assert (impor.baris_selesai, impor.baris_total) == (50, 50)
    status = client.get(f"/admin/roster/impor/{impor.pk}/status/").json()
    assert status == {
        "status": "pratinjau",
        "label": "Pratinjau siap",
        "tahap": "",
        "selesai": 50,
        "total": 50,
        "persen": 100,
        "berjalan": False,
    }


def test_template_workbook_has_sheets_dropdowns_and_text_nip(roster, login):
    client = login(ADMIN_BKD[0])
    response = client.get("/admin/roster/impor/templat.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert {"Petunjuk", "Unit Kerja", "Pegawai"} <= set(workbook.sheetnames)
    pegawai = workbook["Pegawai"]
    assert pegawai["A1"].value == "NIP *"
    assert pegawai["A2"].number_format == "@"
    sources = {dv.formula1 for dv in pegawai.data_validations.dataValidation}
    assert '"PNS,CPNS,PPPK"' in sources
    assert any(source.startswith("Pilihan!") for source in sources)


def test_asn_cannot_open_the_import_screen(roster, client):
    from evaluasi.demo import DEMO_PASSWORD

    client.post("/akun/masuk/", {"username": GURU_DEMO[0], "password": DEMO_PASSWORD})
    response = client.get("/admin/roster/impor/new/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
