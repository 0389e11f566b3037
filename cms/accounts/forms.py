from django import forms
from django.contrib.auth.forms import AuthenticationForm

from evaluasi.forms import NipField


class NipLoginForm(AuthenticationForm):
    username = NipField(shape=False)
    error_messages = {
        "invalid_login": "NIP atau kata sandi salah. Periksa kembali, atau gunakan 'Lupa kata sandi'.",
        "inactive": "Akun ini tidak aktif. Hubungi Admin OPD Anda.",
    }


class ActivationRequestForm(forms.Form):
    nip = NipField()
    email = forms.EmailField(
        label="Email", help_text="Email yang tercatat di data kepegawaian Anda.", max_length=254
    )
