"""Private file storage: files that must never be reachable by a URL.

Every file not meant for the public — roster uploads, generated ZIPs and PDFs, evidence files
(bukti dukung), Wagtail documents (whose collections may be login-restricted) — is stored under
`PRIVATE_MEDIA_ROOT` (default `var/private/`), outside `MEDIA_ROOT`, through the storage named
`STORAGES["private"]`. That storage has no URL: the files are served only by permission-checked
views (Wagtail's document serve view, the download views of each app). The proxy serves only the
public prefixes of `MEDIA_ROOT` (`PUBLIC_MEDIA_PREFIXES`, Wagtail images and avatars); see
docs/operasi.md ("Berkas pribadi") and docs/privasi.md.
"""

import os
import shutil

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible

# Folders of MEDIA_ROOT that may be served by URL: Wagtail's original images, their renditions and
# the admin avatars (`wagtailimages.Image`, `wagtailimages.Rendition`, `wagtailusers.UserProfile`).
PUBLIC_MEDIA_PREFIXES = ("original_images/", "images/", "avatar_images/")


@deconstructible(path="cms.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files under `PRIVATE_MEDIA_ROOT`, read at each use (so a test's `settings` override takes
    effect at once) and without any URL: `url()` raises `NotImplementedError`, which Wagtail's
    document serve view reads as "no direct URL, stream the file through the view"."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise NotImplementedError("Berkas pribadi tidak punya URL; unduh lewat tampilan berizin.")


def private_storage():
    """The storage `STORAGES["private"]` names; the callable given as `storage=` to private
    FileFields (Django resolves it when the model is loaded, the root is read at each use)."""
    return storages["private"]


def wagtail_files_make_private():
    """Point Wagtail's document and pending-upload FileFields at the private storage.

    Wagtail's own models cannot take `storage=`; this runs from `CmsConfig.ready()`. The field's
    `deconstruct()` keeps Wagtail's declaration, so no migration is generated in Wagtail's apps
    (the storage is a runtime choice, like `STORAGES["default"]`)."""
    from wagtail.documents import get_document_model
    from wagtail.models import UploadedFile

    for model in (get_document_model(), UploadedFile):
        field = model._meta.get_field("file")
        if getattr(field, "_private", False):
            continue
        declared = field.deconstruct

        def deconstruct(declared=declared):
            name, path, args, kwargs = declared()
            kwargs.pop("storage", None)
            return name, path, args, kwargs

        field.storage = private_storage()
        field._private = True
        field.deconstruct = deconstruct


def _is_public(name: str) -> bool:
    return name.startswith(PUBLIC_MEDIA_PREFIXES)


def private_files_move(*, dry_run: bool = False) -> dict:
    """Move every file of `MEDIA_ROOT` outside the public prefixes into `PRIVATE_MEDIA_ROOT`,
    keeping its relative name (the name the database stores), so files uploaded before private
    storage existed are found by their fields again and are no longer reachable by URL.

    Idempotent; a file whose name already exists in the private root is left where it is and
    reported (never overwritten). Empty folders left behind are removed.
    Returns `{"moved": [names], "skipped": [names]}`."""
    media_root = os.path.abspath(settings.MEDIA_ROOT)
    private_root = os.path.abspath(settings.PRIVATE_MEDIA_ROOT)
    moved, skipped = [], []
    if not os.path.isdir(media_root):
        return {"moved": moved, "skipped": skipped}
    for folder, _dirs, files in os.walk(media_root, topdown=False):
        for filename in sorted(files):
            source = os.path.join(folder, filename)
            name = os.path.relpath(source, media_root).replace(os.sep, "/")
            if _is_public(name):
                continue
            target = os.path.join(private_root, *name.split("/"))
            if os.path.exists(target):
                skipped.append(name)
                continue
            moved.append(name)
            if not dry_run:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.move(source, target)
        if not dry_run and folder != media_root and not os.listdir(folder):
            os.rmdir(folder)
    return {"moved": sorted(moved), "skipped": sorted(skipped)}
