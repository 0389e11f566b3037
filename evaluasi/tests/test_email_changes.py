"""A roster email changed by an admin's import is recorded and told to the old address, like one
changed on the edit screen (cms/tests/test_account_takeover.py; issue 16, finding 2)."""

from django.contrib.auth import get_user_model
from django.core import mail

from evaluasi.models import Pegawai, PerubahanEmail
from evaluasi.services.roster_import import roster_import_file
from evaluasi.tests.factories import new_nip
from evaluasi.tests.workbooks import pegawai_row, write_xlsx


def test_import_that_changes_emails_records_each_and_tells_the_old_addresses(
    opd, tmp_path, django_capture_on_commit_callbacks
):
    admin = get_user_model().objects.create_user("admin-impor")
    nips = [new_nip(), new_nip()]
    first = tmp_path / "awal.xlsx"
    write_xlsx(
        first,
        pegawai=[
            pegawai_row(nips[0], email="lama@contoh.id"),
            pegawai_row(nips[1], email="tetap@contoh.id"),
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        roster_import_file(first, filename=first.name, dry_run=False, oleh=admin)
    assert not PerubahanEmail.objects.exists()  # new people: nothing was changed
    mail.outbox.clear()

    second = tmp_path / "ubah.xlsx"
    write_xlsx(
        second,
        pegawai=[
            pegawai_row(nips[0], email="baru@contoh.id"),
            pegawai_row(nips[1], email="TETAP@contoh.id", jabatan="Analis Ahli"),
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        roster_import_file(second, filename=second.name, dry_run=False, oleh=admin)

    change = PerubahanEmail.objects.get()
    assert (change.nip, change.email_lama, change.email_baru, change.sumber) == (
        nips[0],
        "lama@contoh.id",
        "baru@contoh.id",
        "impor",
    )
    assert change.diubah_oleh == admin and change.pegawai == Pegawai.objects.get(nip=nips[0])
    assert [m.to for m in mail.outbox] == [["lama@contoh.id"]]
    assert "baru@contoh.id" in mail.outbox[0].body
