"""Forms of the check-in, "kelola" and promotion screens: the registrations chosen must be in the
list the admin sees, the email's subject is one line (docs/privasi.md, "Masukan yang aman"), a
promotion out of queue order says why (README, "Workshops": the fair queue)."""

from django import forms
from django.core.exceptions import ValidationError

SUBJEK_MAX = 200
PESAN_MAX = 10000
ALASAN_MAX = 1000
ALASAN_WAJIB = (
    "Tuliskan alasan promosi: peserta dinaikkan mendahului urutan daftar tunggu, dan alasannya "
    "dicatat serta ditampilkan di daftar pendaftaran."
)


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
    alasan = forms.CharField(required=False, max_length=ALASAN_MAX)

    def __init__(self, *args, registrations, actions: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aksi"].choices = list(actions.items())
        self.fields["pilih"].queryset = registrations

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("aksi") == "email" and not (cleaned.get("subjek") and cleaned.get("pesan")):
            raise ValidationError("Subjek dan isi email wajib diisi.")
        if cleaned.get("aksi") == "promosikan" and not cleaned.get("alasan", "").strip():
            raise ValidationError(ALASAN_WAJIB)
        return cleaned


class PromosiForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan promosi",
        max_length=ALASAN_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": ALASAN_WAJIB},
        help_text="Contoh: hadir di lokasi saat kursi peserta lain kosong. Alasan ini dicatat "
        "bersama nama Anda dan ditampilkan di daftar pendaftaran.",
    )
