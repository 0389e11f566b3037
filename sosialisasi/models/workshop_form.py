"""The WorkshopPage edit form: before saving, the capacity field says how many people on the
waiting list a new capacity will promote (the fair queue, services/registrations.py).

The help text states the current counts, so the form tells the truth without JavaScript; the
line under the field is rendered for the stored value and `kapasitas.js` recomputes it as the
number changes.
"""

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminPageForm


def promoted_by(kapasitas: int | None, terkonfirmasi: int, menunggu: int) -> int:
    """How many of `menunggu` waiting people a capacity of `kapasitas` (0/None: no cap) promotes
    when `terkonfirmasi` seats are taken: the rule `waiting_list_fill` applies on publishing."""
    if not kapasitas:
        return menunggu
    return min(menunggu, max(0, kapasitas - terkonfirmasi))


def promotion_line(kapasitas: int | None, terkonfirmasi: int, menunggu: int) -> str:
    """The sentence under the capacity field (kapasitas.js writes the same sentences)."""
    if not menunggu:
        return "Tidak ada orang di daftar tunggu."
    n = promoted_by(kapasitas, terkonfirmasi, menunggu)
    if not kapasitas:
        return f"Tanpa batas kapasitas: semua {n} orang di daftar tunggu akan dipromosikan."
    if n:
        return (
            f"Menaikkan kapasitas menjadi {kapasitas} akan mempromosikan {n} orang dari daftar "
            "tunggu."
        )
    return f"Kapasitas {kapasitas} tidak mempromosikan siapa pun dari daftar tunggu."


class KapasitasInput(forms.NumberInput):
    """A number input followed by the live "akan mempromosikan" line."""

    def __init__(self, *args, terkonfirmasi=0, menunggu=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.terkonfirmasi, self.menunggu = terkonfirmasi, menunggu
        self.attrs.update(
            {"data-kapasitas-terkonfirmasi": terkonfirmasi, "data-kapasitas-menunggu": menunggu}
        )

    class Media:
        js = ["sosialisasi/js/kapasitas.js"]

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs=attrs, renderer=renderer)
        try:
            kapasitas = int(value or 0)
        except (TypeError, ValueError):
            kapasitas = 0
        element_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        return html + format_html(
            '<p class="help" id="{}-promosi" aria-live="polite"><strong>{}</strong></p>',
            element_id,
            promotion_line(kapasitas, self.terkonfirmasi, self.menunggu),
        )


class WorkshopPageForm(WagtailAdminPageForm):
    """Wagtail's page form; the capacity field of a saved workshop shows its queue."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("kapasitas")
        if field is None or not self.instance.pk:
            return
        terkonfirmasi, menunggu = self.instance.kursi_dan_antrean()
        help_text = (
            f"0 = tanpa batas. Saat ini {terkonfirmasi} peserta terkonfirmasi dan {menunggu} "
            "orang di daftar tunggu. Saat halaman diterbitkan (juga penerbitan terjadwal), setiap "
            f"kursi di atas {terkonfirmasi} langsung diberikan kepada daftar tunggu menurut urutan "
            "mendaftar, dan mereka menerima email; 0 mempromosikan semuanya. Menurunkan kapasitas "
            "tidak membatalkan peserta yang sudah terkonfirmasi."
        )
        if self.instance.mulai and self.instance.mulai <= timezone.now():
            help_text += (
                " Workshop ini sudah dimulai: kursi tambahan tidak lagi ditawarkan otomatis; "
                "promosikan peserta dari menu Pendaftaran workshop."
            )
        field.help_text = help_text
        field.widget = KapasitasInput(
            attrs=field.widget.attrs, terkonfirmasi=terkonfirmasi, menunggu=menunggu
        )
