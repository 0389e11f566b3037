"""The uploaded roster (every NIP, email and phone number) is a private file: stored outside
MEDIA_ROOT without a URL, downloadable only from the import's admin page by those who may see
that import (docs/privasi.md, "Berkas pribadi")."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from evaluasi.demo_roster import ADMIN_BKD, ADMIN_OPD_DISDIK
from evaluasi.models import ImporRoster
from evaluasi.tests.factories import new_nip
from evaluasi.tests.workbooks import pegawai_row, write_xlsx


def test_uploaded_roster_is_private_and_served_only_within_the_imports_scope(
    roster, login, client, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    login(ADMIN_BKD[0])
    path = write_xlsx(tmp_path / "bkd.xlsx", pegawai=[pegawai_row(new_nip(), unit="BKD")])
    response = client.post(
        "/admin/roster/impor/new/", {"berkas": SimpleUploadedFile(path.name, path.read_bytes())}
    )
    impor = ImporRoster.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))

    stored = Path(impor.berkas.path).resolve()
    assert stored.is_relative_to((tmp_path / "private").resolve())
    assert stored.read_bytes() == path.read_bytes()
    assert not (tmp_path / "media").exists()

    url = f"/admin/roster/impor/{impor.pk}/berkas/"
    assert url in client.get(f"/admin/roster/impor/edit/{impor.pk}/").content.decode()
    download = client.get(url)
    assert b"".join(download.streaming_content) == path.read_bytes()
    assert download["Content-Disposition"] == 'attachment; filename="bkd.xlsx"'

    client.post("/admin/logout/")
    assert client.get(url)["Location"].startswith("/admin/login/")
    login(ADMIN_OPD_DISDIK[0])  # another scope: the BKD's import does not exist for them
    assert client.get(url).status_code == 404
