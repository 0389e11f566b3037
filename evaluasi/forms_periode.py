"""Forms of the period screens in the admin (status, assignments, individual answers,
distribution, awards): every posted value is checked here, so a hand-made request gets a message,
never a 500 (docs/skp.md, "Aturan isian")."""

from django import forms

from evaluasi.forms import NipField
from evaluasi.models import Penghargaan, StatusPeriode
from evaluasi.predikat import PredikatOrganisasi

ALASAN_MAX = 2000
KUTIPAN_MAX = 2000


def first_error(form) -> str:
    return next(e for errors in form.errors.values() for e in errors)


class AlasanForm(forms.Form):
    """A reason for a recorded change (optional where the service does not ask for one)."""

    alasan = forms.CharField(label="Alasan", required=False, max_length=ALASAN_MAX)


class StatusPeriodeForm(AlasanForm):
    ke = forms.ChoiceField(
        label="Status baru",
        choices=StatusPeriode.choices,
        error_messages={
            "required": "Pilih status baru.",
            "invalid_choice": "Status periode tidak dikenal.",
        },
    )


class AksesIndividualForm(forms.Form):
    nip = NipField(label="NIP pegawai yang dinilai")
    alasan = forms.CharField(
        label="Alasan akses",
        max_length=ALASAN_MAX,
        error_messages={"required": "Isi NIP pegawai yang dinilai dan alasan akses."},
    )


class PredikatUnitForm(forms.Form):
    unit = forms.ModelChoiceField(
        queryset=None,
        error_messages={
            "required": "Unit tidak ditemukan.",
            "invalid_choice": "Unit tidak ditemukan.",
        },
    )
    predikat = forms.ChoiceField(
        choices=PredikatOrganisasi.choices,
        error_messages={
            "required": "Pilih predikat kinerja organisasi.",
            "invalid_choice": "Pilih predikat kinerja organisasi.",
        },
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class PenghargaanPilihForm(forms.Form):
    pegawai = forms.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        error_messages={
            "required": "Pegawai tidak ditemukan.",
            "invalid": "Pegawai tidak ditemukan.",
            "min_value": "Pegawai tidak ditemukan.",
            "max_value": "Pegawai tidak ditemukan.",
        },
    )
    kutipan = forms.CharField(
        label="Kutipan",
        max_length=KUTIPAN_MAX,
        error_messages={"required": "Tuliskan kutipan penghargaan."},
    )


class PenghargaanPublikasiForm(forms.Form):
    aksi = forms.ChoiceField(choices=[("publikasikan", "Publikasikan"), ("tarik", "Tarik")])
    penghargaan = forms.ModelChoiceField(
        queryset=Penghargaan.objects.none(),
        error_messages={
            "required": "Penghargaan tidak ditemukan.",
            "invalid_choice": "Penghargaan tidak ditemukan.",
        },
    )

    def __init__(self, *args, periode, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penghargaan"].queryset = Penghargaan.objects.filter(periode=periode)
