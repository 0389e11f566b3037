from django import forms
from django.contrib.auth.forms import AuthenticationForm

from evaluasi.nip import nip_normalise


class NipField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "NIP")
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("help_text", "18 digit, tanpa spasi.")
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "username"})

    def clean(self, value):
        return nip_normalise(super().clean(value))


class NipLoginForm(AuthenticationForm):
    username = NipField()
    error_messages = {
        "invalid_login": "NIP atau kata sandi salah. Periksa kembali, atau gunakan 'Lupa kata sandi'.",
        "inactive": "Akun ini tidak aktif. Hubungi Admin OPD Anda.",
    }


class ActivationRequestForm(forms.Form):
    nip = NipField()
    email = forms.EmailField(
        label="Email", help_text="Email yang tercatat di data kepegawaian Anda.", max_length=254
    )
