"""Who is told of monitoring on an approved SKP (docs/skp.md, "Pemberitahuan" and "Pemantauan").

Called by `services.skp_pantau` inside its transaction, like `skp_notifications`: the rows are
written with the step and the emails leave after it commits (`cms.notifications.notify`). The
author is never told of their own message; nobody but the two sides is told anything.

| event | told |
|---|---|
| a message in an RHK's feedback thread (umpan balik berkelanjutan) | the other side: the pejabat penilai when the pegawai wrote, the pegawai when the penilai wrote |
| a dialog kinerja recorded | the pegawai |
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import override

from cms.notifications import notify
from evaluasi.models import DialogKinerja, Pegawai, RencanaKerja, UmpanBalikBerkelanjutan

KUTIPAN_MAX = 300


def _user(pegawai: Pegawai | None):
    return getattr(pegawai, "user", None) if pegawai is not None else None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= KUTIPAN_MAX else f"{text[: KUTIPAN_MAX - 1]}…"


def _penilai(rencana: RencanaKerja) -> Pegawai | None:
    # As `skp.is_penilai`: the atasan recorded on submission, else the current atasan.
    return rencana.pejabat_penilai or rencana.pegawai.atasan


def _tanggal(day) -> str:
    with override("id"):
        return date_format(day, "j F Y")


def _send(users, actor, **message) -> list:
    return notify([u for u in users if u is not None and u.pk != actor.pk], **message)


def feedback_posted(pesan: UmpanBalikBerkelanjutan, *, actor) -> list:
    """Tell the other side of RHK `pesan.rhk`'s thread (pegawai ↔ pejabat penilai; never
    `actor`) of the new message, quoting its start. Returns the Pemberitahuan rows."""
    rhk = pesan.rhk
    rencana = rhk.rencana
    pegawai = rencana.pegawai
    from_pegawai = actor.pk == getattr(_user(pegawai), "pk", None)
    penulis = pegawai.nama_lengkap if from_pegawai else "Pejabat penilai"
    return _send(
        [_user(pegawai), _user(_penilai(rencana))],
        actor,
        judul=(
            f"Umpan balik baru dari {pegawai.nama_lengkap}"
            if from_pegawai
            else "Umpan balik baru dari pejabat penilai"
        )
        + f" — RHK: {_short(rhk.teks)[:80]}",
        teks=f"{penulis} menulis: {_short(pesan.teks)}",
        tautan=reverse("skp:rhk_pantau", args=[rhk.pk]) + f"#pesan-{pesan.pk}",
    )


def dialog_recorded(dialog: DialogKinerja, *, actor) -> list:
    """Tell the pegawai that their pejabat penilai recorded a dialog kinerja (its date and the
    agreed follow-up). Returns the Pemberitahuan rows."""
    rencana = dialog.rencana
    return _send(
        [_user(rencana.pegawai)],
        actor,
        judul=f"Catatan dialog kinerja {_tanggal(dialog.tanggal)} dari pejabat penilai",
        teks=f"Tindak lanjut yang disepakati: {_short(dialog.tindak_lanjut)}",
        tautan=reverse("skp:dialog", args=[rencana.pk]),
    )
