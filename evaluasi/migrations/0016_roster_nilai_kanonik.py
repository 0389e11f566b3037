"""Stored roster values in their canonical form (docs/impor-roster.md, "Ekspor dan impor ulang"):
phone numbers as digits starting with 0 (evaluasi.nomor_hp), and no export guard apostrophe in
front of text that looks like a formula ("'=X" stored by earlier imports becomes "=X").

A phone number that is not one is left as it is (the admin form and the import say so when the
row is next edited or imported). Nothing to undo: the canonical values are the same values.
"""

from django.db import migrations

from evaluasi.nomor_hp import NomorHpError, nomor_hp_normalise

FORMULA_PREFIXES = ("=", "+", "-", "@")
PEGAWAI_TEXT = ("nama", "gelar_depan", "gelar_belakang", "jabatan")


def _unguarded(text: str) -> str:
    if len(text) > 1 and text[0] in "'’" and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def _canonical_phone(text: str) -> str:
    try:
        return nomor_hp_normalise(text)
    except NomorHpError:
        return text


def canonical_values(apps, schema_editor):
    Pegawai = apps.get_model("evaluasi", "Pegawai")
    UnitKerja = apps.get_model("evaluasi", "UnitKerja")
    changed = []
    for pegawai in Pegawai.objects.only("id", "no_hp", *PEGAWAI_TEXT).iterator(chunk_size=2000):
        before = [pegawai.no_hp, *(getattr(pegawai, name) for name in PEGAWAI_TEXT)]
        pegawai.no_hp = _canonical_phone(pegawai.no_hp) if pegawai.no_hp else ""
        for name in PEGAWAI_TEXT:
            setattr(pegawai, name, _unguarded(getattr(pegawai, name)))
        if before != [pegawai.no_hp, *(getattr(pegawai, name) for name in PEGAWAI_TEXT)]:
            changed.append(pegawai)
    Pegawai.objects.bulk_update(changed, ["no_hp", *PEGAWAI_TEXT], batch_size=500)
    units = []
    for unit in UnitKerja.objects.only("id", "nama").iterator(chunk_size=2000):
        if unit.nama != _unguarded(unit.nama):
            unit.nama = _unguarded(unit.nama)
            units.append(unit)
    UnitKerja.objects.bulk_update(units, ["nama"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0015_pegawai_pns_id_unit_kepala")]

    operations = [migrations.RunPython(canonical_values, migrations.RunPython.noop)]
