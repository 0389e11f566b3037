"""Private files: every FileField outside the public allowlist stores its files outside
MEDIA_ROOT, in a storage without URL, so no `/media/...` path reaches them (docs/privasi.md,
"Berkas pribadi"); Wagtail documents are served only by Wagtail's view, which enforces
collection privacy; files left in MEDIA_ROOT by older versions are moved with their names kept."""

import io
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import models

# Served by URL on purpose (pages, renditions, the admin's avatars); the proxy serves exactly
# these folders of MEDIA_ROOT.
PUBLIC_FIELDS = {
    ("wagtailimages.Image", "file"): "original_images/",
    ("wagtailimages.Rendition", "file"): "images/",
    ("wagtailusers.UserProfile", "avatar"): "avatar_images/",
}
SECRET = b"198503122010012005;rina@example.go.id;0812-0000-0000"


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.ROOT_URLCONF = "cms.tests.urls_whole_media"
    return (tmp_path / "media").resolve(), (tmp_path / "private").resolve()


def _file_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


def test_every_file_field_off_the_public_allowlist_is_private(db, roots, client):
    media_root, private_root = roots
    seen, problems = set(), []
    for model, field in _file_fields():
        key = (model._meta.label, field.name)
        seen.add(key)
        # A real file, written the way the field writes it (its upload_to, its storage).
        name = field.storage.save(
            field.generate_filename(model(), "rahasia.txt"), ContentFile(SECRET)
        )
        if key in PUBLIC_FIELDS:
            if not name.startswith(PUBLIC_FIELDS[key]):
                problems.append(f"{key}: {name} is not under {PUBLIC_FIELDS[key]}")
            continue
        location = Path(field.storage.location).resolve()
        path = Path(field.storage.path(name)).resolve()
        if location.is_relative_to(media_root) or path.is_relative_to(media_root):
            problems.append(f"{key}: stored in MEDIA_ROOT ({path})")
        if not path.is_relative_to(private_root) or path.read_bytes() != SECRET:
            problems.append(f"{key}: not in PRIVATE_MEDIA_ROOT ({path})")
        try:
            url = field.storage.url(name)
        except (ValueError, NotImplementedError):
            pass
        else:
            problems.append(f"{key}: has a URL {url}")
        response = client.get(f"/media/{name}")
        if response.status_code != 404:
            problems.append(f"{key}: /media/{name} answered {response.status_code}")
    assert set(PUBLIC_FIELDS) <= seen, "the allowlist names a field that no longer exists"
    assert {
        ("evaluasi.ImporRoster", "berkas"),
        ("evaluasi.RealisasiIndikator", "bukti_berkas"),
        ("evaluasi.EksporDokumen", "berkas"),
        ("wagtaildocs.Document", "file"),
        ("wagtailcore.UploadedFile", "file"),
    } <= seen
    assert problems == []


def test_public_images_stay_reachable_under_media(db, roots, client):
    """The counter-check: the whole-MEDIA_ROOT route does serve what lies in MEDIA_ROOT."""
    from wagtail.images.models import Image

    field = Image._meta.get_field("file")
    name = field.storage.save(field.generate_filename(Image(), "foto.jpg"), ContentFile(b"jpeg"))
    response = client.get(f"/media/{name}")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"jpeg"


@pytest.fixture
def restricted_document(db):
    from wagtail.documents.models import Document
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Internal BKD")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document(title="Daftar pegawai", collection=collection)
    document.file.save("daftar-pegawai.csv", ContentFile(SECRET), save=False)
    document.save()
    return document


def test_documents_of_a_login_restricted_collection_go_only_through_wagtails_view(
    roots, client, django_user_model, restricted_document
):
    document = restricted_document
    assert document.file.name.startswith("documents/")
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert document.url.startswith("/dokumen/")

    anonymous = client.get(document.url)
    # to our own login page (Bahasa Indonesia, NIP), not Wagtail's bare one
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/akun/masuk/")

    client.force_login(django_user_model.objects.create_user("pembaca", password="x-123456"))
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == SECRET
    assert served["X-Content-Type-Options"] == "nosniff"


def test_existing_private_files_move_out_of_media_with_their_names(roots, restricted_document):
    from wagtail.documents.models import Document

    media_root, private_root = roots
    # As an older version left it: the document's file in MEDIA_ROOT, beside public images.
    old = media_root / restricted_document.file.name
    old.parent.mkdir(parents=True)
    Path(restricted_document.file.path).rename(old)
    for name, content in {
        "impor-roster/2026/01/roster.xlsx": b"roster",
        "sertifikat/workshop-7.zip": b"zip",
        "original_images/foto.jpg": b"foto",
        "images/foto.width-400.jpg": b"kecil",
    }.items():
        (media_root / name).parent.mkdir(parents=True, exist_ok=True)
        (media_root / name).write_bytes(content)
    (private_root / "sertifikat").mkdir(parents=True)
    (private_root / "sertifikat/workshop-7.zip").write_bytes(b"newer")

    call_command("move_private_files", stdout=io.StringIO())

    document = Document.objects.get(pk=restricted_document.pk)
    assert document.file.read() == SECRET  # found again under the same name
    assert not old.exists() and not (media_root / "documents").exists()
    assert (private_root / "impor-roster/2026/01/roster.xlsx").read_bytes() == b"roster"
    assert not (media_root / "impor-roster").exists()
    # Public images stay; an existing private file is never overwritten.
    assert (media_root / "original_images/foto.jpg").read_bytes() == b"foto"
    assert (media_root / "images/foto.width-400.jpg").read_bytes() == b"kecil"
    assert (private_root / "sertifikat/workshop-7.zip").read_bytes() == b"newer"
    assert (media_root / "sertifikat/workshop-7.zip").read_bytes() == b"zip"

    out = io.StringIO()
    call_command("move_private_files", stdout=out)
    assert "Dipindahkan 0 berkas; dilewati 1." in out.getvalue()


def test_development_media_route_serves_only_the_public_folders(db, settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ROOT_URLCONF = "cms.tests.urls_dev_media"
    for name in ("original_images/foto.jpg", "images/foto.width-400.jpg", "documents/daftar.csv"):
        (tmp_path / "media" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "media" / name).write_bytes(SECRET)

    for name in ("original_images/foto.jpg", "images/foto.width-400.jpg"):
        response = client.get(f"/media/{name}")
        assert b"".join(response.streaming_content) == SECRET
    for path in ("/media/documents/daftar.csv", "/media/images/../documents/daftar.csv"):
        response = client.get(path)
        assert response.status_code in (400, 404), path
        assert SECRET not in response.content
