"""Registrations cancelled before cancelling cleared attendance still hold a certificate code:
clear it, as `services.registrations.registration_cancel` now does (a cancelled registration has no
certificate; the public verification then finds nothing)."""

from django.db import migrations


def clear_certificates_of_cancelled(apps, schema_editor):
    Pendaftaran = apps.get_model("sosialisasi", "Pendaftaran")
    Pendaftaran.objects.filter(status="dibatalkan").exclude(
        hadir=False, kode_sertifikat=None, sertifikat_dikirim=None
    ).update(hadir=False, hadir_pada=None, kode_sertifikat=None, sertifikat_dikirim=None)


class Migration(migrations.Migration):
    dependencies = [("sosialisasi", "0003_pendaftaran_sertifikat_dikirim")]

    operations = [
        migrations.RunPython(clear_certificates_of_cancelled, migrations.RunPython.noop),
    ]
