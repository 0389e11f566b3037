"""Four demo workshops with registrations from demo pegawai (idempotent, dates relative to today)."""

from datetime import timedelta

from django.utils import timezone
from wagtail.documents import get_document_model

from cms.topics import Topik
from evaluasi.models import Pegawai, UnitKerja

from .models import (
    MateriWorkshop,
    ModeWorkshop,
    Pendaftaran,
    StatusPendaftaran,
    WorkshopIndexPage,
    WorkshopPage,
)
from .services.attendance import certificate_code

WORKSHOPS = [
    # slug, title, days from today, mode, capacity, registrations, topic, restricted OPD
    (
        "sosialisasi-penilaian-kinerja-angkatan-1",
        "Sosialisasi Penilaian Kinerja ASN Angkatan 1",
        -20,
        ModeWorkshop.TATAP_MUKA,
        40,
        25,
        "Hasil dan Predikat",
        None,
    ),
    (
        "penyusunan-skp-guru-sma-smk",
        "Workshop Penyusunan SKP Guru SMA dan SMK",
        10,
        ModeWorkshop.TATAP_MUKA,
        30,
        28,
        "Perencanaan SKP",
        "DISDIK",
    ),
    (
        "memberi-umpan-balik-360",
        "Kelas Memberi Umpan Balik 360 yang Membangun",
        14,
        ModeWorkshop.HYBRID,
        20,
        26,
        "Penilaian 360",
        None,
    ),
    (
        "berakhlak-dalam-layanan-publik",
        "Webinar BerAKHLAK dalam Layanan Publik",
        21,
        ModeWorkshop.DARING,
        0,
        12,
        "Perilaku Kerja / BerAKHLAK",
        None,
    ),
]


def workshops_demo_load(home, note) -> None:
    index = WorkshopIndexPage.objects.child_of(home).first()
    if index is None:
        index = WorkshopIndexPage(
            title="Workshop",
            slug="workshop",
            show_in_menus=True,
            pengantar="Jadwal workshop dan pelatihan penilaian kinerja ASN. Daftar dengan NIP Anda; jika kuota penuh, Anda masuk daftar tunggu.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    today = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    pegawai = list(
        Pegawai.objects.filter(aktif=True)
        .exclude(email="")
        .select_related("unit_kerja")
        .order_by("nip")
    )
    created_any = False
    for slug, title, days, mode, capacity, count, topic, opd in WORKSHOPS:
        if WorkshopPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        created_any = True
        start = today + timedelta(days=days)
        page = WorkshopPage(
            title=title,
            slug=slug,
            mode=mode,
            kapasitas=capacity,
            jam_pelajaran=4,
            ringkasan=f"{title}: materi, diskusi, dan praktik langsung bersama narasumber BKD Provinsi Lampung.",
            body='[{"type": "paragraph", "value": "<p>Bawa laptop atau ponsel untuk praktik. Peserta yang hadir penuh menerima sertifikat.</p>"}]',
            mulai=start,
            selesai=start + timedelta(hours=4),
            tempat="" if mode == ModeWorkshop.DARING else "Aula BKD Provinsi Lampung",
            alamat=""
            if mode == ModeWorkshop.DARING
            else "Jl. Robert Wolter Monginsidi No. 69, Bandar Lampung",
            tautan_daring="https://meet.example.id/bkd-lampung-" + slug
            if mode != ModeWorkshop.TATAP_MUKA
            else "",
            pendaftaran_dibuka=start - timedelta(days=30),
            pendaftaran_ditutup=start - timedelta(hours=2),
        )
        page.topik = list(Topik.objects.filter(nama=topic))
        if opd:
            page.untuk_opd = [UnitKerja.objects.get(kode=opd)]
        index.add_child(instance=page)
        page.save_revision().publish()
        audience = [
            p
            for p in pegawai
            if not opd or p.unit_kerja.path.startswith(UnitKerja.objects.get(kode=opd).path)
        ]
        rows = []
        for position, person in enumerate(audience[:count]):
            confirmed = not capacity or position < capacity
            attended = days < 0 and confirmed and position % 6 != 5  # a past workshop, a few absent
            rows.append(
                Pendaftaran(
                    workshop=page,
                    pegawai=person,
                    nip=person.nip,
                    nama=person.nama_lengkap,
                    instansi=person.unit_kerja.nama,
                    email=person.email,
                    no_hp=person.no_hp,
                    dibuat=start - timedelta(days=20, minutes=-position),
                    status=StatusPendaftaran.TERKONFIRMASI
                    if confirmed
                    else StatusPendaftaran.DAFTAR_TUNGGU,
                    hadir=attended,
                    hadir_pada=start + timedelta(minutes=10) if attended else None,
                    kode_sertifikat=certificate_code() if attended else None,
                )
            )
        Pendaftaran.objects.bulk_create(rows)
        if days < 0:  # the past workshop publishes its materials
            for document in get_document_model().objects.order_by("id")[:2]:
                MateriWorkshop.objects.create(page=page, dokumen=document)
    note(f"{len(WORKSHOPS)} workshop dan pendaftarannya", created_any)
