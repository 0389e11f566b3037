"""The answers a rater sends on the 360 form (docs/privasi.md, "Masukan yang aman").

Autosave sends only part of the form, so the form has a field for each answer name that was sent
and belongs to the assignment: `p_<statement id>` (a value of the instrument's scale) and
`t_<question id>` (free text, trimmed and cut at MAX_TEXT characters, as the page's `maxlength`
promises; a browser counts a line break as one character but sends two). Other names are ignored.
The service builds it under the assignment's row lock, where the statements, questions and scale
that apply are known (`services.answers._items`), and stores its clean values.
"""

from django import forms

MAX_TEXT = 4000
NILAI_TIDAK_SAH = "Nilai jawaban tidak sah. Muat ulang halaman lalu coba lagi."


class JawabanForm(forms.Form):
    def __init__(self, data, *, statements, questions, scale):
        super().__init__(data)
        choices = [(str(v), str(v)) for v in sorted(scale)]
        for pk in statements:
            if f"p_{pk}" in data:
                self.fields[f"p_{pk}"] = forms.TypedChoiceField(
                    choices=choices,
                    coerce=int,
                    required=False,
                    empty_value=None,
                    error_messages={"invalid_choice": NILAI_TIDAK_SAH},
                )
        for pk in questions:
            if f"t_{pk}" in data:
                self.fields[f"t_{pk}"] = forms.CharField(
                    required=False,
                    error_messages={"null_characters_not_allowed": "Teks jawaban tidak sah."},
                )

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if name.startswith("t_"):
                cleaned[name] = value[:MAX_TEXT]
        return cleaned

    def first_error(self) -> str:
        return next(e for errors in self.errors.values() for e in errors)

    def values(self) -> dict[int, int]:
        """Statement id -> scale value, for the statements answered in this request."""
        return {
            int(name[2:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("p_") and value is not None
        }

    def texts(self) -> dict[int, str]:
        """Question id -> text ("" clears the answer), for the questions sent."""
        return {
            int(name[2:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("t_")
        }
