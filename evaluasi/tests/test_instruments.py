"""Instruments (services/instruments.py): the shipped ones load once; a copy is the next version."""

from evaluasi.demo import INSTRUMENTS_DIR
from evaluasi.services.instruments import instrument_copy, instrument_load


def test_shipped_berakhlak_has_7_values_with_3_indicators_and_loads_once(berakhlak):
    aspects = list(berakhlak.aspek.prefetch_related("pernyataan"))
    assert [a.nama for a in aspects] == [
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ]
    assert all(a.pernyataan.count() == 3 for a in aspects)
    assert [p.label for p in berakhlak.skala.all()][0] == "Sangat jarang"
    again, created = instrument_load(INSTRUMENTS_DIR / "berakhlak.json")
    assert not created and again.pk == berakhlak.pk
    second, _ = instrument_load(INSTRUMENTS_DIR / "disiplin-kualitas-kolaborasi.json")
    assert [a.nama for a in second.aspek.all()] == [
        "Disiplin",
        "Kualitas Kerja",
        "Kemampuan Berkolaborasi",
    ]


def test_copy_makes_the_next_version_with_every_part(berakhlak):
    copy = instrument_copy(instrumen_id=berakhlak.pk)
    assert (copy.nama, copy.versi, copy.versi_sebelumnya_id, copy.dibekukan) == (
        berakhlak.nama,
        2,
        berakhlak.pk,
        False,
    )
    assert copy.aspek.count() == 7
    assert sum(a.pernyataan.count() for a in copy.aspek.all()) == 21
    assert copy.skala.count() == 5 and copy.pertanyaan_terbuka.count() == 2
    renamed = instrument_copy(instrumen_id=berakhlak.pk, nama="BerAKHLAK Guru")
    assert (renamed.versi, renamed.versi_sebelumnya_id) == (1, None)
