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

from evaluasi.models import DialogKinerja, UmpanBalikBerkelanjutan

from .skp_notifications import penilai_of, send, short, user_of


def _tanggal(day) -> str:
    with override("id"):
        return date_format(day, "j F Y")


def feedback_posted(pesan: UmpanBalikBerkelanjutan, *, actor) -> list:
    """Tell the other side of RHK `pesan.rhk`'s thread (pegawai ↔ pejabat penilai; never
    `actor`) of the new message, quoting its start. Returns the Pemberitahuan rows."""
    rhk = pesan.rhk
    rencana = rhk.rencana
    pegawai = rencana.pegawai
    from_pegawai = actor.pk == getattr(user_of(pegawai), "pk", None)
    penulis = pegawai.nama_lengkap if from_pegawai else "Pejabat penilai"
    return send(
        [user_of(pegawai), user_of(penilai_of(rencana))],
        actor,
        judul=(
            f"Umpan balik baru dari {pegawai.nama_lengkap}"
            if from_pegawai
            else "Umpan balik baru dari pejabat penilai"
        )
        + f" — RHK: {short(rhk.teks)[:80]}",
        teks=f"{penulis} menulis: {short(pesan.teks)}",
        tautan=reverse("skp:rhk_pantau", args=[rhk.pk]) + f"#pesan-{pesan.pk}",
    )


def dialog_recorded(dialog: DialogKinerja, *, actor) -> list:
    """Tell the pegawai that their pejabat penilai recorded a dialog kinerja (its date and the
    agreed follow-up). Returns the Pemberitahuan rows."""
    rencana = dialog.rencana
    return send(
        [user_of(rencana.pegawai)],
        actor,
        judul=f"Catatan dialog kinerja {_tanggal(dialog.tanggal)} dari pejabat penilai",
        teks=f"Tindak lanjut yang disepakati: {short(dialog.tindak_lanjut)}",
        tautan=reverse("skp:dialog", args=[rencana.pk]),
    )
