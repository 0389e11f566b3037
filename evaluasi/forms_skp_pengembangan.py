"""Forms of the rencana pengembangan page (docs/skp.md, "Rencana pengembangan"): the atasan's
plan, the pegawai's request for a change, the review. Messages are Indonesian and shown next to
their field; the services check again."""

from django import forms

from evaluasi.models import HasilTinjauan
from evaluasi.services.skp_pengembangan import CATATAN_MAX, TUJUAN_MAX


class RencanaPengembanganForm(forms.Form):
    """`pilihan`: (page id, label) of the guides and workshops that may be chosen."""

    tujuan = forms.CharField(
        label="Tujuan pengembangan",
        max_length=TUJUAN_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Tuliskan tujuan pengembangan."},
    )
    sumber = forms.TypedMultipleChoiceField(
        label="Panduan dan workshop", coerce=int, required=False
    )
    tanggal_tinjau = forms.DateField(
        label="Tanggal tinjau",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={
            "required": "Tentukan tanggal tinjau.",
            "invalid": "Tanggal tidak valid; tulis seperti 2027-03-31.",
        },
    )

    def __init__(self, *args, pilihan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sumber"].choices = [(str(pk), label) for pk, label in pilihan]
        self.fields["sumber"].error_messages["invalid_choice"] = (
            "Pilih panduan atau workshop dari daftar yang disarankan."
        )


class TanggapanForm(forms.Form):
    tanggapan = forms.CharField(
        label="Perubahan yang Anda minta",
        max_length=CATATAN_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tuliskan perubahan yang Anda minta."},
    )


class TinjauanForm(forms.Form):
    hasil = forms.ChoiceField(
        label="Hasil tinjauan",
        choices=HasilTinjauan.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Pilih hasil tinjauan."},
    )
    catatan = forms.CharField(
        label="Catatan tinjauan",
        max_length=CATATAN_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tuliskan catatan tinjauan."},
    )
