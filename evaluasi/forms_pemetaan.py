"""The column-mapping step of the roster import: per sheet a kind, per file column a field.

The rules (required fields, a field chosen twice) are the service's (`mapping_check` in
evaluasi/services/roster_import/mapping.py); this form only turns the choices into
`MappingChoice`s and refuses a column mapped to a field of the other kind of sheet.
"""

from django import forms

from evaluasi.services.roster_import.columns import PEGAWAI_SHEET, UNIT_SHEET
from evaluasi.services.roster_import.mapping import COLUMNS, IGNORED, MappingChoice, SheetColumns

KIND_CHOICES = [
    (IGNORED, "— Abaikan sheet ini —"),
    (PEGAWAI_SHEET, "Pegawai"),
    (UNIT_SHEET, "Unit Kerja"),
]
# "Pegawai:nip" -> data "NIP" of the Pegawai sheet, grouped by kind in the select.
FIELD_CHOICES = [(IGNORED, "— Abaikan kolom ini —")] + [
    (kind, [(f"{kind}:{name}", label) for name, (label, _) in COLUMNS[kind].items()])
    for kind in (PEGAWAI_SHEET, UNIT_SHEET)
]


class PemetaanKolomForm(forms.Form):
    """One kind select and one name per sheet (`s<i>-jenis`, `s<i>-nama`), one field select per
    file column (`s<i>-k<j>`), pre-filled from what the import recognised or a saved mapping."""

    def __init__(self, *args, sheets: list[SheetColumns], **kwargs):
        super().__init__(*args, **kwargs)
        self.sheets = sheets
        for i, sheet in enumerate(sheets):
            self.fields[f"s{i}-jenis"] = forms.ChoiceField(
                label="Jenis data di sheet ini",
                choices=KIND_CHOICES,
                required=False,
                initial=sheet.kind,
            )
            self.fields[f"s{i}-nama"] = forms.CharField(
                label="Nama pemetaan (untuk dipakai lagi)",
                required=False,
                max_length=100,
                initial=sheet.pemetaan,
                help_text="Boleh dikosongkan; nama dibuat dari judul kolom.",
            )
            for j, key in enumerate(sheet.keys):
                chosen = sheet.chosen.get(key)
                self.fields[f"s{i}-k{j}"] = forms.ChoiceField(
                    label=sheet.headers[j],
                    choices=FIELD_CHOICES,
                    required=False,
                    initial=f"{sheet.kind}:{chosen}" if chosen else IGNORED,
                )

    def sheet_rows(self):
        """Per sheet: (sheet, kind field, name field, [(column field, samples)]) for the
        template."""
        for i, sheet in enumerate(self.sheets):
            columns = [(self[f"s{i}-k{j}"], sheet.samples[j]) for j in range(len(sheet.keys))]
            yield sheet, self[f"s{i}-jenis"], self[f"s{i}-nama"], columns

    def clean(self):
        cleaned = super().clean()
        for i, sheet in enumerate(self.sheets):
            kind = cleaned.get(f"s{i}-jenis", IGNORED)
            if kind == IGNORED:
                continue
            for j, header in enumerate(sheet.headers):
                value = cleaned.get(f"s{i}-k{j}") or IGNORED
                if value != IGNORED and not value.startswith(f"{kind}:"):
                    self.add_error(
                        f"s{i}-k{j}",
                        f"Kolom '{header}' dipetakan ke data sheet {value.split(':')[0]}, "
                        f"padahal sheet ini berjenis {kind}.",
                    )
        return cleaned

    def choices(self) -> list[MappingChoice]:
        """The admin's choices, one MappingChoice per sheet (call after is_valid)."""
        result = []
        for i, sheet in enumerate(self.sheets):
            kind = self.cleaned_data.get(f"s{i}-jenis") or IGNORED
            chosen = {}
            for j, key in enumerate(sheet.keys):
                value = self.cleaned_data.get(f"s{i}-k{j}") or IGNORED
                chosen[key] = value.split(":", 1)[1] if value != IGNORED else IGNORED
            result.append(
                MappingChoice(kind=kind, chosen=chosen, name=self.cleaned_data.get(f"s{i}-nama"))
            )
        return result
