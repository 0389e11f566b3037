"""Admin forms: the roster (scoped to the editing user's units) and rater assignments."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Hubungan, ImporRoster, Pegawai, PeriodePenilaian
from .nip import NipError, nip_normalise, nip_validate
from .nomor_hp import NomorHpError, nomor_hp_normalise
from .selectors import pegawai_visible_to, unit_scope_for, units_visible_to


class NipField(forms.CharField):
    """A NIP as typed: normalised (spaces, dots, invisible characters, full-width digits), then
    checked for its shape — 18 digits starting with a birth date (evaluasi.nip) — so a mistyped
    NIP is told next to the field. The shape says nothing about whether anyone has that NIP.
    `shape=False` only normalises (the login form, whose username may be an admin's name)."""

    def __init__(self, *, shape: bool = True, **kwargs):
        kwargs.setdefault("label", "NIP")
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("help_text", "18 digit, tanpa spasi.")
        super().__init__(**kwargs)
        self.shape = shape
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "username"})

    def clean(self, value):
        nip = nip_normalise(super().clean(value))
        if nip and self.shape:
            try:
                nip_validate(nip, status="PPPK")  # the checks PNS and PPPK NIPs share
            except NipError as error:
                raise forms.ValidationError(str(error)) from None
        return nip


class UnitKerjaAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "induk" in self.fields:
            self.fields["induk"].queryset = units_visible_to(self.for_user)
            # An Admin OPD's units hang below their own subtree; a unit without a parent would
            # fall outside it and out of their sight.
            if not unit_scope_for(self.for_user).everything:
                self.fields["induk"].required = True


class PegawaiAdminForm(WagtailAdminModelForm):
    """The atasan is given by NIP: a select of 60,000 people would be unusable."""

    nip_atasan = forms.CharField(
        label="NIP atasan langsung",
        required=False,
        help_text="Kosongkan jika tidak ada atasan di dalam roster.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["unit_kerja"].queryset = units_visible_to(self.for_user)
        if self.instance.atasan_id and not self.is_bound:
            self.initial["nip_atasan"] = self.instance.atasan.nip

    def clean_nip(self):
        return nip_normalise(self.cleaned_data["nip"])

    def clean_no_hp(self):
        """Stored as the import stores it (digits, 0 for +62), so an export re-imports unchanged."""
        try:
            return nomor_hp_normalise(self.cleaned_data.get("no_hp"))
        except NomorHpError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_nip_atasan(self):
        nip = nip_normalise(self.cleaned_data.get("nip_atasan"))
        if not nip:
            return None
        visible = pegawai_visible_to(self.for_user) if self.for_user else Pegawai.objects.all()
        atasan = visible.filter(nip=nip, aktif=True).first()
        if atasan is None:
            raise forms.ValidationError(
                f"Pegawai aktif dengan NIP {nip} tidak ditemukan di unit dalam wewenang Anda."
            )
        return atasan

    def clean(self):
        cleaned = super().clean()
        atasan = cleaned.get("nip_atasan")
        if (atasan.pk if atasan else None) != self.instance.atasan_id:
            # Set here by hand: later imports keep it (docs/impor-roster.md, "Atasan dari struktur
            # organisasi"); cleared here, the pegawai's atasan follows the organisation again.
            self.instance.atasan_manual = atasan is not None
        self.instance.atasan = atasan
        return cleaned

    def add_error(self, field, error):
        """The model's own check names `atasan` (not an own atasan, no cycle); on this form the
        atasan is typed as `nip_atasan`, so its message goes next to that field (was a 500)."""
        errors = getattr(error, "error_dict", None)
        if field is None and errors and "atasan" in errors:
            errors["nip_atasan"] = errors.pop("atasan")
        super().add_error(field, error)


class ImporRosterForm(WagtailAdminModelForm):
    class Meta:
        model = ImporRoster
        fields = ["berkas", "sinkronisasi_penuh"]
        labels = {"berkas": "Berkas roster (.xlsx, .xls, atau .csv)"}

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        name = berkas.name.lower()
        if not name.endswith((".xlsx", ".xls", ".csv")):
            raise forms.ValidationError(
                "Format berkas tidak didukung. Gunakan .xlsx, .xls, atau .csv."
            )
        return berkas


class PenugasanTambahForm(forms.Form):
    """NIPs are only normalised here: whether a NIP may be assigned is the service's question, and
    its answer never tells an unknown NIP from one outside the admin's scope."""

    periode = forms.ModelChoiceField(
        label="Periode",
        queryset=PeriodePenilaian.objects.filter(status__in=("draf", "dibuka")),
        empty_label=None,
    )
    nip_penilai = NipField(label="NIP penilai")
    nip_dinilai = NipField(label="NIP yang dinilai")
    hubungan = forms.ChoiceField(label="Penilai sebagai", choices=Hubungan.choices)
    alasan = forms.CharField(
        label="Alasan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "Wajib bila periode sudah dibuka (penugasan dibekukan) atau bila hubungan ini tidak "
            "sesuai roster. Dicatat di riwayat periode."
        ),
    )


class PenugasanImporForm(forms.Form):
    periode = forms.ModelChoiceField(
        label="Periode",
        queryset=PeriodePenilaian.objects.filter(status__in=("draf", "dibuka")),
        empty_label=None,
    )
    berkas = forms.FileField(
        label="Berkas (.xlsx, .xls, .csv)",
        help_text=(
            "Kolom: NIP Penilai, NIP Dinilai, Hubungan (diri / atasan / rekan / bawahan), dan "
            "Alasan (wajib untuk baris yang hubungannya tidak sesuai roster)."
        ),
    )
    alasan = forms.CharField(
        label="Alasan perubahan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Wajib bila periode sudah dibuka (penugasan dibekukan). Dicatat di riwayat periode.",
    )
