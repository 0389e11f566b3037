"""Forms of the check-in and "kelola" screens: the registrations chosen must be in the list the
admin sees, the email's subject is one line (docs/privasi.md, "Masukan yang aman")."""

from django import forms
from django.core.exceptions import ValidationError

SUBJEK_MAX = 200
PESAN_MAX = 10000


def _one_line(value: str) -> None:
    if "\n" in value or "\r" in value:
        raise ValidationError("Subjek email harus satu baris.")


class HadirForm(forms.Form):
    pendaftaran = forms.ModelChoiceField(queryset=None)
    hadir = forms.BooleanField(required=False)
    q = forms.CharField(required=False, max_length=200)

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pendaftaran"].queryset = registrations

    def clean_hadir(self):
        return self.data.get("hadir") == "1"


class KelolaForm(forms.Form):
    aksi = forms.ChoiceField(choices=())
    pilih = forms.ModelMultipleChoiceField(queryset=None)
    subjek = forms.CharField(required=False, max_length=SUBJEK_MAX, validators=[_one_line])
    pesan = forms.CharField(required=False, max_length=PESAN_MAX)

    def __init__(self, *args, registrations, actions: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aksi"].choices = list(actions.items())
        self.fields["pilih"].queryset = registrations

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("aksi") == "email" and not (cleaned.get("subjek") and cleaned.get("pesan")):
            raise ValidationError("Subjek dan isi email wajib diisi.")
        return cleaned
