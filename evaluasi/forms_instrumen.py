"""The admin form of an instrument: its aspects must carry weight (docs/skp.md, "Aturan isian")."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

BOBOT_NOL = "Jumlah bobot aspek harus lebih dari 0; beri bobot pada paling sedikit satu aspek."


class InstrumenAdminForm(WagtailAdminModelForm):
    """An instrument whose aspects all weigh 0 would divide by zero in every weighted score;
    each weight is also at least 0 (Aspek.clean)."""

    def clean(self):
        cleaned = super().clean()
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
