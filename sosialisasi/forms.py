from django import forms

from evaluasi.forms import NipField

ASN, UMUM = "asn", "umum"
PERSONAL_FIELDS = ("nama", "instansi", "email", "no_hp")


class RegistrationForm(forms.Form):
    """A visitor's registration request. An ASN gives the NIP alone (the roster holds their name,
    unit and email, and the job writes to the roster's address); anyone else gives name, agency,
    email and phone. Each choice is validated here, so the form works without JavaScript (which
    only hides the other choice's fields); fields of the other choice are dropped, not kept.

    `opd_sasaran`: the names of the OPDs a restricted workshop is for ("" when it is open to
    everyone); such a workshop takes ASN only, so the form then has the NIP field alone.
    A post without `identitas` (a page cached before the choice existed) is read as before: every
    field as typed, the NIP optional.
    """

    identitas = forms.ChoiceField(
        label="Siapa Anda?",
        choices=[
            (ASN, "Saya ASN Pemprov Lampung (punya NIP)"),
            (UMUM, "Saya bukan ASN / tidak punya NIP"),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    nip = NipField(
        required=False,
        help_text="Cukup NIP: nama, unit kerja, dan email Anda diambil dari data kepegawaian, dan "
        "tautan konfirmasi dikirim ke email yang tercatat di sana.",
    )
    nama = forms.CharField(label="Nama lengkap", max_length=200, required=False)
    instansi = forms.CharField(label="Instansi / unit kerja", max_length=255, required=False)
    email = forms.EmailField(
        label="Email", help_text="Tautan konfirmasi dikirim ke sini.", required=False
    )
    no_hp = forms.CharField(label="Nomor HP", max_length=20, required=False)

    def __init__(self, *args, opd_sasaran: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.opd_sasaran = opd_sasaran
        if opd_sasaran:
            for name in ("identitas", *PERSONAL_FIELDS):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        choice = ASN if self.opd_sasaran else cleaned.get("identitas", "")
        if choice == ASN:
            for name in PERSONAL_FIELDS:  # the roster holds these: never asked, never used
                self.errors.pop(name, None)
                cleaned[name] = ""
            if not cleaned.get("nip") and "nip" not in self.errors:
                self.add_error(
                    "nip",
                    f"Workshop ini khusus untuk ASN {self.opd_sasaran}; isi NIP Anda untuk mendaftar."
                    if self.opd_sasaran
                    else "Isi NIP Anda (18 digit), atau pilih \u201cSaya bukan ASN\u201d.",
                )
            return cleaned
        if choice == UMUM:
            self.errors.pop("nip", None)
            cleaned["nip"] = ""
        required = {
            "nama": "Nama wajib diisi.",
            "instansi": "Instansi atau unit kerja wajib diisi.",
            "email": "Email wajib diisi untuk menerima tautan konfirmasi.",
        }
        for name, message in required.items():
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        return cleaned

    def request_data(self) -> dict:
        """The cleaned fields `registration_request` takes (nip, nama, instansi, email, no_hp)."""
        return {name: self.cleaned_data.get(name, "") for name in ("nip", *PERSONAL_FIELDS)}
