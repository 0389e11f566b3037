"""The workshop's certificate ZIP (every attendee's name and NIP) is a private file: generated
outside MEDIA_ROOT without a URL, downloaded only by admins allowed to see registrations
(docs/privasi.md, "Berkas pribadi")."""

import io
import zipfile

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import ADMIN_BKD
from sosialisasi.models import WorkshopPage
from sosialisasi.services.attendance import attendance_mark
from sosialisasi.services.certificates import certificates_archive_path

PAST = "sosialisasi-penilaian-kinerja-angkatan-1"


def test_certificate_zip_is_private_and_downloaded_only_with_permission(
    demo, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    workshop = WorkshopPage.objects.get(slug=PAST)
    for pendaftaran in workshop.pendaftaran.filter(hadir=True):
        attendance_mark(pendaftaran_id=pendaftaran.pk)
    url = f"/admin/workshop/pendaftaran/checkin/{workshop.pk}/sertifikat/"
    client.post("/admin/login/", {"username": ADMIN_BKD[0], "password": DEMO_PASSWORD})
    client.post(url)

    admin = get_user_model().objects.get(username=ADMIN_BKD[0])
    name = certificates_archive_path(workshop.pk, user=admin)
    assert (tmp_path / "private" / name).is_file()
    assert not (tmp_path / "media" / name).exists()
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(url).streaming_content)))
    assert len(archive.namelist()) == workshop.pendaftaran.filter(hadir=True).count() > 0

    client.post("/admin/logout/")
    assert client.get(url)["Location"].startswith("/admin/login/")
    # An admin-area user without the registrations permission is refused.
    user = get_user_model().objects.create_user("editor-tanpa-izin", password="x-123456")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    refused = client.get(url)  # Wagtail turns PermissionDenied into a redirect to the dashboard
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
