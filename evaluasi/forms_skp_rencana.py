"""Forms of the SKP planning pages (docs/skp.md, "Perencanaan"): the atasan's ekspektasi per
BerAKHLAK value and the pegawai's lampiran SKP. Bounded text; messages in Indonesian next to the
field; the services check again what they store."""

from django import forms

from evaluasi.berakhlak import NILAI, PANDUAN_PERILAKU
from evaluasi.services.skp_rencana import EKSPEKTASI_MAX, LAMPIRAN_MAX


def _text(label: str, max_length: int, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        error_messages={
            "max_length": f"Paling banyak {max_length} karakter (terisi %(show_value)d)."
        },
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class EkspektasiForm(forms.Form):
    """One optional `ekspektasi_<i>` per BerAKHLAK value, in the order of `berakhlak.NILAI`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i, nilai in enumerate(NILAI):
            field = _text(f"Ekspektasi khusus: {nilai}", EKSPEKTASI_MAX, rows=2)
            field.help_text = PANDUAN_PERILAKU[nilai]
            self.fields[f"ekspektasi_{i}"] = field

    def rows(self):
        """(value name, bound field) per BerAKHLAK value, for the page."""
        return [(nilai, self[f"ekspektasi_{i}"]) for i, nilai in enumerate(NILAI)]

    def teks(self) -> dict[str, str]:
        """{value name: text} from clean data, as `skp_rencana.ekspektasi_save` takes it."""
        return {nilai: self.cleaned_data[f"ekspektasi_{i}"] for i, nilai in enumerate(NILAI)}


class LampiranForm(forms.Form):
    dukungan_sumber_daya = _text("Dukungan sumber daya", LAMPIRAN_MAX)
    skema_pertanggungjawaban = _text("Skema pertanggungjawaban", LAMPIRAN_MAX)
    konsekuensi = _text("Konsekuensi", LAMPIRAN_MAX)
