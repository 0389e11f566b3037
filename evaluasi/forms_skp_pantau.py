"""Forms of the monitoring screens (docs/skp.md, "Pemantauan"): a progress note with evidence, a
message of the feedback thread, a dialog kinerja note. Invalid input is a message next to its
field, in Indonesian; the services check again what they store (`services.skp_pantau`)."""

from django import forms
from django.utils import timezone

from evaluasi.forms_skp import BuktiBerkasMixin, TautanField
from evaluasi.models import CatatanProgres
from evaluasi.services.skp_pantau import TEKS_MAX


def _teks(label: str, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TEKS_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": f"{label} wajib diisi.",
            "max_length": f"{label} paling banyak {TEKS_MAX} karakter.",
        },
    )


class ProgresForm(BuktiBerkasMixin, forms.Form):
    """The pegawai's progress on one RHK: what was done, and optional evidence."""

    teks = _teks("Catatan progres")
    tautan = TautanField(
        label="Tautan bukti dukung (opsional)",
        max_length=CatatanProgres._meta.get_field("tautan").max_length,
    )
    berkas = forms.FileField(
        label="Berkas bukti dukung (opsional)",
        required=False,
        max_length=CatatanProgres._meta.get_field("berkas").max_length,
        error_messages={"max_length": "Nama berkas terlalu panjang; ganti namanya lalu unggah."},
    )


class PesanForm(forms.Form):
    """One message of an RHK's feedback thread (umpan balik berkelanjutan)."""

    teks = _teks("Pesan", rows=2)


class DialogForm(forms.Form):
    """The atasan's note of one dialog kinerja."""

    tanggal = forms.DateField(
        label="Tanggal dialog",
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Tanggal dialog wajib diisi.",
            "invalid": "Tanggal tidak valid; tulis misalnya 2026-03-15.",
        },
    )
    topik = _teks("Topik yang dibahas")
    tindak_lanjut = _teks("Tindak lanjut yang disepakati")

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if tanggal > timezone.localdate():
            raise forms.ValidationError("Tanggal dialog tidak boleh setelah hari ini.")
        return tanggal
