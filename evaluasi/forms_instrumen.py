"""The admin form of an instrument: its aspects must carry weight, and an unreadable rich-text
value is a message next to its field (docs/skp.md, "Aturan isian")."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

BOBOT_NOL = "Jumlah bobot aspek harus lebih dari 0; beri bobot pada paling sedikit satu aspek."
TIDAK_TERBACA = "Isi petunjuk tidak terbaca; muat ulang halaman lalu tulis kembali."


class InstrumenAdminForm(WagtailAdminModelForm):
    """An instrument whose aspects all weigh 0 would divide by zero in every weighted score;
    each weight is also at least 0 (Aspek.clean). The rich-text editor posts JSON: anything
    else (a hand-made request) is refused next to the field instead of failing the page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._unreadable = set()
        for name, field in self.fields.items():
            widget = field.widget
            if hasattr(widget, "converter"):  # Wagtail's rich-text (Draftail) editor
                widget.value_from_datadict = self._guarded(name, widget.value_from_datadict)

    def _guarded(self, name, read):
        def value_from_datadict(data, files, html_name):
            try:
                return read(data, files, html_name)
            except (ValueError, TypeError, KeyError, AttributeError):
                self._unreadable.add(name)
                return ""

        return value_from_datadict

    def clean(self):
        cleaned = super().clean()
        for name in self._unreadable:
            self.add_error(name, TIDAK_TERBACA)
        formset = self.formsets.get("aspek")
        if formset is None or not formset.is_valid():
            return cleaned
        kept = [
            form
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        weights = [form.cleaned_data.get("bobot") for form in kept]
        if kept and sum(w for w in weights if w is not None) <= 0:
            kept[0].add_error("bobot", BOBOT_NOL)
            raise ValidationError(BOBOT_NOL)
        return cleaned


class InstrumenVersiForm(forms.Form):
    """The name of a new version (the same name) or of a copy (another name)."""

    nama = forms.CharField(
        label="Nama",
        required=False,
        max_length=200,  # Instrumen.nama
        error_messages={"max_length": "Paling banyak 200 karakter (terisi %(show_value)d)."},
    )
