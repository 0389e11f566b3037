"""Forms of the public SKP screens (docs/skp.md, "Aturan isian"): every value a pegawai or atasan
types is checked here, with the Indonesian message next to its field, and services receive clean
values (Decimal or None, http/https links, bounded text, chosen model rows).

Field names stay those of the pages (`ind0_target`, `angka_<indikator id>`, `capaian_<rhk id>`,
...): forms with a row prefix name their fields `<prefix>_<field>` (SKP rows) or
`<field>_<id>` (one form per indicator or RHK) instead of Django's `<prefix>-<field>`.
"""

import re

from django import forms
from django.core.validators import URLValidator

from evaluasi.models import (
    AspekIndikator,
    IndikatorKinerja,
    JenisRHK,
    Pendekatan,
    PeriodeKinerja,
    RealisasiIndikator,
    RencanaHasilKerja,
    TahunKinerja,
)
from evaluasi.models.skp import angka_teks
from evaluasi.predikat import ArahIndikator, Rating, default_arah
from evaluasi.services.evaluations import BERAKHLAK, bukti_problem

# Free text is bounded even where the column is a TextField: a page and a PDF must hold it.
RHK_TEKS_MAX = 2000
CATATAN_MAX = 2000
URAIAN_MAX = 5000
INDICATOR_ROWS = 3


def _max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


# Dot-grouped thousands with an optional decimal comma: "1.000", "1.250.000,50".
_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?")


class AngkaField(forms.DecimalField):
    """A number as Indonesians type it ("87,5", also "87.5"; "1.250.000" with dots grouping
    thousands), finite, not negative (targets and
    realisasi count or measure something) and within the column (`max_digits`/`decimal_places`
    of the model field it is stored in)."""

    widget = forms.TextInput

    def __init__(self, *, subject: str, model_field, **kwargs):
        max_digits, places = model_field.max_digits, model_field.decimal_places
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": f"{subject} harus berupa bilangan, misalnya 87,5.",
                "max_digits": f"{subject} paling banyak {max_digits} digit.",
                "max_decimal_places": (f"{subject} paling banyak {places} angka di belakang koma."),
                "max_whole_digits": (
                    f"{subject} paling banyak {max_digits - places} digit sebelum koma."
                ),
                "min_value": f"{subject} tidak boleh negatif.",
            },
        )
        kwargs.setdefault("min_value", 0)
        super().__init__(max_digits=max_digits, decimal_places=places, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal"})

    def widget_attrs(self, widget):
        # No min/max/step: the browser would refuse "87,5" before the server could explain.
        return {}

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if _THOUSANDS.fullmatch(value):
                # "1.250.000,50": dots group thousands, as Indonesians write amounts.
                value = value.replace(".", "")
            value = value.replace(",", ".")
        return super().to_python(value)


class TautanField(forms.URLField):
    """A link to evidence: http or https only (a `javascript:` link would run in the atasan's
    browser), at most the column's length."""

    default_validators = [
        URLValidator(
            schemes=["http", "https"], message="Tautan harus diawali http:// atau https://."
        )
    ]

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("assume_scheme", "https")
        kwargs.setdefault("max_length", _max_length(RealisasiIndikator, "bukti_tautan"))
        kwargs.setdefault(
            "error_messages", {"invalid": "Tautan harus diawali http:// atau https://."}
        )
        super().__init__(**kwargs)


class _RowNamesMixin:
    """Name fields `<prefix>_<field>` (or `<field>_<suffix>`) as the SKP pages always have."""

    suffix = False

    def add_prefix(self, field_name):
        if not self.prefix:
            return field_name
        if self.suffix:
            return f"{field_name}_{self.prefix}"
        return f"{self.prefix}_{field_name}"


# --- SKP (rencana) ---------------------------------------------------------------------------


class SkpMulaiForm(forms.Form):
    tahun_kinerja = forms.ModelChoiceField(
        label="Tahun kinerja",
        queryset=TahunKinerja.objects.all(),
        error_messages={
            "required": "Pilih tahun kinerja.",
            "invalid_choice": "Tahun kinerja tidak ditemukan.",
        },
    )


class IndikatorForm(_RowNamesMixin, forms.Form):
    """One indicator row of the "Tambah RHK" and "Ubah RHK" forms; a row without its text is left
    out. On the edit form a row stands for a stored `indikator` (its id goes to the service, so
    the indicator keeps it) and can be ticked `hapus` to remove it."""

    teks = forms.CharField(
        label="Indikator kinerja individu",
        required=False,
        max_length=_max_length(IndikatorKinerja, "teks"),
    )
    aspek = forms.ChoiceField(
        label="Aspek",
        choices=AspekIndikator.choices,
        initial=AspekIndikator.KUANTITAS,
        required=False,
        error_messages={"invalid_choice": "Pilih aspek kuantitas, kualitas, waktu, atau biaya."},
    )
    # Blank: the aspect's default (waktu and biaya lower is better), so the form works without JS.
    arah = forms.ChoiceField(
        label="Arah",
        choices=[("", "Ikuti aspek"), *ArahIndikator.choices],
        required=False,
        error_messages={
            "invalid_choice": "Pilih arah: makin tinggi makin baik atau makin rendah makin baik."
        },
    )
    target = AngkaField(
        label="Target (angka)",
        subject="Target",
        model_field=IndikatorKinerja._meta.get_field("target_angka"),
    )
    satuan = forms.CharField(
        label="Satuan", required=False, max_length=_max_length(IndikatorKinerja, "satuan")
    )
    target_teks = forms.CharField(
        label="atau target kualitatif",
        required=False,
        max_length=_max_length(IndikatorKinerja, "target_teks"),
    )
    hapus = forms.BooleanField(label="Hapus indikator ini", required=False)
    kondisi_awal = AngkaField(
        label="Kondisi awal (opsional)",
        subject="Kondisi awal",
        model_field=IndikatorKinerja._meta.get_field("kondisi_awal"),
    )

    def __init__(self, *args, indikator: IndikatorKinerja | None = None, **kwargs):
        self.indikator = indikator
        if indikator is not None and not kwargs.get("initial"):
            kwargs["initial"] = {
                "teks": indikator.teks,
                "aspek": indikator.aspek,
                # A direction equal to the aspect's default shows as "Ikuti aspek", so it
                # follows the aspect when the user changes it.
                "arah": "" if indikator.arah == default_arah(indikator.aspek) else indikator.arah,
                "target": angka_teks(indikator.target_angka),
                "satuan": indikator.satuan,
                "target_teks": indikator.target_teks,
                "kondisi_awal": angka_teks(indikator.kondisi_awal),
            }
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hapus"):
            return cleaned
        cleaned["aspek"] = cleaned.get("aspek") or AspekIndikator.KUANTITAS
        cleaned["arah"] = cleaned.get("arah") or default_arah(cleaned["aspek"])
        if not cleaned.get("teks") and "teks" not in self.errors:
            filled = ("target", "satuan", "target_teks", "kondisi_awal")
            if any(cleaned.get(f) not in (None, "") for f in filled):
                self.add_error("teks", "Tuliskan indikatornya, atau kosongkan baris ini.")
            return cleaned
        if (
            cleaned.get("target") is None
            and not cleaned.get("target_teks")
            and not (self.has_error("target") or self.has_error("target_teks"))
        ):
            self.add_error("target", "Isi target angka atau target kualitatif.")
        return cleaned

    @property
    def filled(self) -> bool:
        return bool(self.cleaned_data.get("teks")) and not self.cleaned_data.get("hapus")

    def row(self) -> dict:
        c = self.cleaned_data
        return {
            "id": self.indikator.pk if self.indikator is not None else None,
            "teks": c["teks"],
            "aspek": c["aspek"],
            "arah": c["arah"],
            "target_angka": c["target"],
            "satuan": c["satuan"],
            "target_teks": c["target_teks"],
            "kondisi_awal": c["kondisi_awal"],
        }


class RhkForm(forms.Form):
    """One RHK with its indicator rows (`indikator_forms`, names `ind<n>_<field>`): three empty
    rows to add an RHK; to change a stored `rhk`, one row per indicator (pre-filled, in id order)
    and one empty row for a new indicator (at least three rows)."""

    jenis = forms.ChoiceField(label="Jenis", choices=JenisRHK.choices, initial=JenisRHK.UTAMA)
    teks = forms.CharField(
        label="Rumusan RHK",
        max_length=RHK_TEKS_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Rumusan RHK wajib diisi."},
    )
    rhk_atasan = forms.ModelChoiceField(
        label="Mendukung RHK atasan (opsional)",
        queryset=RencanaHasilKerja.objects.none(),
        required=False,
        error_messages={"invalid_choice": "RHK atasan yang dipilih bukan milik atasan Anda."},
    )

    def __init__(self, *args, rhk_atasan=None, rhk: RencanaHasilKerja | None = None, **kwargs):
        stored = []
        if rhk is not None:
            stored = list(rhk.indikator.order_by("pk"))
            kwargs.setdefault(
                "initial", {"jenis": rhk.jenis, "teks": rhk.teks, "rhk_atasan": rhk.rhk_atasan_id}
            )
        super().__init__(*args, **kwargs)
        if rhk_atasan is not None:
            self.fields["rhk_atasan"].queryset = rhk_atasan
        data = args[0] if args else kwargs.get("data")
        rows = stored + [None] * max(1, INDICATOR_ROWS - len(stored))
        self.indikator_forms = [
            IndikatorForm(data, prefix=f"ind{n}", indikator=indikator)
            for n, indikator in enumerate(rows)
        ]

    def is_valid(self):
        rows_valid = all([f.is_valid() for f in self.indikator_forms])  # noqa: C419 (every row)
        valid = super().is_valid() and rows_valid
        if valid and not any(f.filled for f in self.indikator_forms):
            self.indikator_forms[0].add_error(
                "teks", "Setiap RHK memerlukan paling sedikit satu indikator kinerja."
            )
            return False
        return valid

    def indikator(self) -> list[dict]:
        return [f.row() for f in self.indikator_forms if f.filled]


class PendekatanForm(forms.Form):
    pendekatan = forms.ChoiceField(
        label="Pendekatan",
        choices=Pendekatan.choices,
        error_messages={"invalid_choice": "Pilih pendekatan kuantitatif atau kualitatif."},
    )


class KonfirmasiForm(forms.Form):
    """The explicit "yes" of a confirmation page (delete an RHK, submit the SKP): a POST without
    it changes nothing and shows the question again."""

    konfirmasi = forms.ChoiceField(
        choices=[("ya", "Ya")],
        error_messages={
            "required": "Konfirmasi dulu dengan tombol di halaman ini.",
            "invalid_choice": "Konfirmasi dulu dengan tombol di halaman ini.",
        },
    )


class TemplatForm(forms.Form):
    templat = forms.ChoiceField(
        label="Templat", error_messages={"invalid_choice": "Templat SKP tidak ditemukan."}
    )

    def __init__(self, *args, templates: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["templat"].choices = [(slug, t["nama"]) for slug, t in templates.items()]


class CatatanForm(forms.Form):
    """The atasan's return: a general `catatan` and one optional `catatan_rhk_<id>` per RHK of
    `rhks`; at least one of them is written."""

    catatan = forms.CharField(
        label="Catatan perbaikan (umum)",
        required=False,
        max_length=CATATAN_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, rhks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rhks = list(rhks)
        for rhk in self.rhks:
            self.fields[f"catatan_rhk_{rhk.pk}"] = forms.CharField(
                label=f"Catatan untuk RHK: {rhk.teks[:80]}",
                required=False,
                max_length=CATATAN_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any((v or "").strip() for v in cleaned.values()):
            self.add_error(
                "catatan",
                "Tuliskan catatan perbaikan untuk pegawai, umum atau pada salah satu RHK.",
            )
        return cleaned

    def catatan_rhk(self) -> dict[int, str]:
        return {rhk.pk: self.cleaned_data[f"catatan_rhk_{rhk.pk}"] for rhk in self.rhks}

    def per_rhk(self):
        """(rhk, bound field) pairs for the template."""
        return [(rhk, self[f"catatan_rhk_{rhk.pk}"]) for rhk in self.rhks]


class MulaiEvaluasiForm(forms.Form):
    """The PeriodeKinerja to evaluate: `periods` are those of the SKP's year whose window is
    open (`selectors.skp.evaluation_periods`)."""

    periode_kinerja = forms.ModelChoiceField(
        label="Periode",
        queryset=PeriodeKinerja.objects.none(),
        error_messages={
            "required": "Pilih periode evaluasi.",
            "invalid_choice": "Periode evaluasi tidak tersedia untuk SKP ini.",
        },
    )

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode_kinerja"].queryset = periods


# --- Evaluation -----------------------------------------------------------------------------


class BuktiBerkasMixin:
    """A form whose `berkas` is an evidence file: its type, size and first bytes are checked by
    `services.evaluations.bukti_problem` (the realisasi and the progress forms)."""

    def clean_berkas(self):
        berkas = self.cleaned_data.get("berkas")
        if berkas:
            problem = bukti_problem(berkas)
            if problem:
                raise forms.ValidationError(problem)
        return berkas


class RealisasiForm(BuktiBerkasMixin, _RowNamesMixin, forms.Form):
    """The realisasi of one indicator: names `angka_<id>`, `teks_<id>`, `tautan_<id>`,
    `berkas_<id>`."""

    suffix = True

    angka = AngkaField(
        label="Realisasi",
        subject="Realisasi",
        model_field=RealisasiIndikator._meta.get_field("realisasi_angka"),
    )
    teks = forms.CharField(
        label="Uraian realisasi",
        required=False,
        max_length=URAIAN_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    tautan = TautanField(label="Tautan bukti dukung (opsional)")
    berkas = forms.FileField(
        label="Berkas bukti dukung",
        required=False,
        max_length=_max_length(RealisasiIndikator, "bukti_berkas"),
        error_messages={"max_length": "Nama berkas terlalu panjang; ganti namanya lalu unggah."},
    )

    def __init__(self, *args, indikator: IndikatorKinerja, **kwargs):
        self.indikator = indikator
        super().__init__(*args, prefix=str(indikator.pk), **kwargs)

    def row(self) -> dict:
        c = self.cleaned_data
        return {
            "indikator_id": self.indikator.pk,
            "angka": c["angka"],
            "teks": c["teks"],
            "tautan": c["tautan"],
            "berkas": c["berkas"] or None,
        }


def realisasi_forms(indikator_list, data=None, files=None, initial=None) -> list[RealisasiForm]:
    """One form per indicator; `initial` maps indicator id -> stored RealisasiIndikator."""
    initial = initial or {}
    result = []
    for indikator in indikator_list:
        stored = initial.get(indikator.pk)
        values = {}
        if stored is not None:
            angka = stored.realisasi_angka
            values = {
                "angka": "" if angka is None else f"{angka.normalize():f}".replace(".", ","),
                "teks": stored.realisasi_teks,
                "tautan": stored.bukti_tautan,
            }
        result.append(RealisasiForm(data, files, indikator=indikator, initial=values))
    return result


_RATING_REQUIRED = {"required": "Pilih salah satu.", "invalid_choice": "Pilihan tidak dikenal."}


class CapaianForm(_RowNamesMixin, forms.Form):
    """The atasan's judgement of one RHK: names `capaian_<rhk id>`, `umpan_<rhk id>`."""

    suffix = True

    capaian = forms.ChoiceField(
        label="Capaian",
        choices=Rating.choices,
        error_messages={
            "required": "Pilih capaian untuk RHK ini.",
            "invalid_choice": "Pilihan tidak dikenal.",
        },
    )
    umpan = forms.CharField(
        label="Umpan balik",
        required=False,
        max_length=CATATAN_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, rhk, **kwargs):
        self.rhk = rhk
        super().__init__(*args, prefix=str(rhk.pk), **kwargs)


class PenilaianForm(forms.Form):
    """Per BerAKHLAK value (`perilaku_<n>`) and the two overall ratings."""

    rating_hasil_kerja = forms.ChoiceField(
        label="Rating hasil kerja",
        choices=Rating.choices,
        error_messages={
            "required": "Pilih rating hasil kerja.",
            "invalid_choice": "Pilihan tidak dikenal.",
        },
    )
    rating_perilaku = forms.ChoiceField(
        label="Rating perilaku kerja",
        choices=Rating.choices,
        error_messages={
            "required": "Pilih rating perilaku kerja.",
            "invalid_choice": "Pilihan tidak dikenal.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i, nilai in enumerate(BERAKHLAK):
            self.fields[f"perilaku_{i}"] = forms.ChoiceField(
                label=nilai,
                choices=Rating.choices,
                error_messages={
                    "required": f"Pilih rating untuk nilai {nilai}.",
                    "invalid_choice": "Pilihan tidak dikenal.",
                },
            )

    def perilaku(self) -> dict[str, str]:
        return {nilai: self.cleaned_data[f"perilaku_{i}"] for i, nilai in enumerate(BERAKHLAK)}


class KeberatanForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan keberatan",
        max_length=URAIAN_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tuliskan alasan keberatan."},
    )


class PutusanKeberatanForm(forms.Form):
    keputusan = forms.CharField(
        label="Pertimbangan keputusan",
        max_length=URAIAN_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tuliskan pertimbangan keputusan."},
    )
    dikabulkan = forms.TypedChoiceField(
        label="Keputusan",
        choices=[("0", "Ditolak (hasil tetap)"), ("1", "Dikabulkan (rating baru)")],
        coerce=lambda v: v == "1",
        initial="0",
        error_messages={"invalid_choice": "Pilihan tidak dikenal."},
    )
    rating_hasil_kerja = forms.ChoiceField(
        label="Rating hasil kerja baru",
        choices=[("", "—"), *Rating.choices],
        required=False,
        error_messages={"invalid_choice": "Pilihan tidak dikenal."},
    )
    rating_perilaku = forms.ChoiceField(
        label="Rating perilaku kerja baru",
        choices=[("", "—"), *Rating.choices],
        required=False,
        error_messages={"invalid_choice": "Pilihan tidak dikenal."},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("dikabulkan"):
            for field in ("rating_hasil_kerja", "rating_perilaku"):
                if not cleaned.get(field) and not self.has_error(field):
                    self.add_error(field, "Keberatan yang dikabulkan memerlukan rating baru.")
        return cleaned
