from django import forms

from evaluasi.forms import NipField


class RegistrationForm(forms.Form):
    nip = NipField(
        required=False,
        help_text="Wajib bagi ASN; kosongkan jika Anda bukan ASN. Bagi ASN yang tercatat di data "
        "kepegawaian, konfirmasi dikirim ke email yang tercatat di sana.",
    )
    nama = forms.CharField(label="Nama lengkap", max_length=200)
    instansi = forms.CharField(label="Instansi / unit kerja", max_length=255)
    email = forms.EmailField(
        label="Email",
        help_text="Tautan konfirmasi dikirim ke sini (kecuali bagi ASN yang tercatat, lihat NIP).",
    )
    no_hp = forms.CharField(label="Nomor HP", max_length=20, required=False)
