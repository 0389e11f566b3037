"""Instruments: deep copies, new versions of frozen instruments, and loading shipped instruments."""

import json
from pathlib import Path

from django.db import transaction
from django.db.models import Max

from cms.topics import Topik
from evaluasi.models import Aspek, Instrumen, Pernyataan, PertanyaanTerbuka, SkalaPoin

RELATIONS = ("diri", "atasan", "rekan", "bawahan")


@transaction.atomic
def instrument_copy(*, instrumen_id: int, nama: str | None = None) -> Instrumen:
    """A full, editable copy. Same name → the next version of it; another name → version 1."""
    source = Instrumen.objects.prefetch_related(
        "skala", "aspek__pernyataan", "pertanyaan_terbuka"
    ).get(pk=instrumen_id)
    nama = nama or source.nama
    latest = Instrumen.objects.filter(nama=nama).aggregate(v=Max("versi"))["v"] or 0
    copy = Instrumen.objects.create(
        nama=nama, versi=latest + 1, petunjuk=source.petunjuk,
        versi_sebelumnya=source if nama == source.nama else None,
    )  # fmt: skip
    SkalaPoin.objects.bulk_create(
        SkalaPoin(instrumen=copy, nilai=p.nilai, label=p.label, sort_order=p.sort_order)
        for p in source.skala.all()
    )
    PertanyaanTerbuka.objects.bulk_create(
        PertanyaanTerbuka(instrumen=copy, teks=q.teks, wajib=q.wajib, sort_order=q.sort_order)
        for q in source.pertanyaan_terbuka.all()
    )
    for aspek in source.aspek.all():
        new_aspek = Aspek.objects.create(
            instrumen=copy,
            nama=aspek.nama,
            deskripsi=aspek.deskripsi,
            topik_id=aspek.topik_id,
            bobot=aspek.bobot,
            sort_order=aspek.sort_order,
        )
        Pernyataan.objects.bulk_create(
            Pernyataan(
                aspek=new_aspek,
                teks=p.teks,
                wajib=p.wajib,
                sort_order=p.sort_order,
                **{f"untuk_{r}": p.untuk(r) for r in RELATIONS},
            )
            for p in aspek.pernyataan.all()
        )
    return copy


@transaction.atomic
def instrument_load(path: Path) -> tuple[Instrumen, bool]:
    """Create a shipped instrument from fixtures/instrumen/*.json unless its version 1 exists."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    existing = Instrumen.objects.filter(nama=data["nama"]).order_by("versi").first()
    if existing:
        return existing, False
    instrumen = Instrumen.objects.create(nama=data["nama"], petunjuk=data["petunjuk"])
    SkalaPoin.objects.bulk_create(
        SkalaPoin(instrumen=instrumen, nilai=v, label=label, sort_order=i)
        for i, (v, label) in enumerate(data["skala"])
    )
    PertanyaanTerbuka.objects.bulk_create(
        PertanyaanTerbuka(instrumen=instrumen, teks=t, sort_order=i)
        for i, t in enumerate(data["pertanyaan_terbuka"])
    )
    for i, item in enumerate(data["aspek"]):
        topik = Topik.objects.filter(nama=item.get("topik", "")).first()
        aspek = Aspek.objects.create(
            instrumen=instrumen,
            nama=item["nama"],
            deskripsi=item.get("deskripsi", ""),
            topik=topik,
            sort_order=i,
        )
        Pernyataan.objects.bulk_create(
            Pernyataan(aspek=aspek, teks=teks, sort_order=j)
            for j, teks in enumerate(item["pernyataan"])
        )
    return instrumen, True
