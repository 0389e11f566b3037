"""Fixtures shared by this package's tests: the account tests' new ASN, and the access tests' world
(the authorization matrix, the scope sweep)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.utils import timezone

from cms.roles import ADMIN_OPD, EDITOR
from cms.topics import Topik


@pytest.fixture
def new_asn(roster):
    """A roster pegawai who has never logged in (the account tests)."""
    from evaluasi.models import Pegawai

    return Pegawai.objects.filter(user__isnull=True, aktif=True).exclude(email="").first()


@pytest.fixture
def world(demo, settings, tmp_path):
    """(users by role, object ids by name): the demo (`make run`) with one person of each role, and
    people of another OPD for the "lain"/"luar" roles. The "asn" is a teacher of Dinas Pendidikan,
    "admin_opd" its Admin OPD."""
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode
    from wagtail.documents.models import Document

    from evaluasi.demo_roster import ADMIN_BKD, ADMIN_OPD_DISDIK, KEPALA_SMAN2
    from evaluasi.models import (
        CatatanProgres,
        EksporDokumen,
        EvaluasiKinerja,
        ImporRoster,
        JenisUnit,
        LingkupAdmin,
        Penghargaan,
        Penugasan,
        PeriodePenilaian,
        RealisasiIndikator,
        RencanaKerja,
        StatusPeriode,
        TahunKinerja,
        UnitKerja,
    )
    from evaluasi.tests.factories import PegawaiFactory
    from sosialisasi.models import Pendaftaran
    from sosialisasi.registration_links import checkin_url, registration_token
    from sosialisasi.services.registration_requests import confirm_token

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    # The ASN: a teacher under the demo kepala sekolah with an SKP evaluation (the demo's chain).
    evaluasi = EvaluasiKinerja.objects.filter(rencana__pegawai__atasan__nip=KEPALA_SMAN2[0]).first()
    asn = evaluasi.rencana.pegawai
    lain = UnitKerja.objects.filter(jenis=JenisUnit.OPD).exclude(kode="DISDIK").first()
    boss_lain = PegawaiFactory(unit_kerja=lain)
    asn_lain = PegawaiFactory(unit_kerja=lain, atasan=boss_lain)

    def account(username, pegawai=None, group=None, scope=None):
        user = User.objects.create_user(username, password="x")
        if pegawai:
            pegawai.user = user
            pegawai.save(update_fields=["user"])
        if group:
            user.groups.add(Group.objects.get(name=group))
        if scope:
            LingkupAdmin.objects.create(user=user, unit_kerja=scope)
        return user

    users = {
        "asn_lain": account("asn-lain", asn_lain),
        "atasan_lain": account("atasan-lain", boss_lain),
        "admin_opd_luar": account("opd-luar", group=ADMIN_OPD, scope=lain),
        "editor": account("editor", group=EDITOR),
    }
    for role, row in (
        ("atasan", KEPALA_SMAN2),
        ("admin_opd", ADMIN_OPD_DISDIK),
        ("admin_bkd", ADMIN_BKD),
    ):
        users[role] = User.objects.get(username=row[0])
    users["asn"] = asn.user

    terbit = PeriodePenilaian.objects.get(status=StatusPeriode.DIPUBLIKASIKAN)
    realisasi = evaluasi.realisasi.first() or RealisasiIndikator.objects.create(
        evaluasi=evaluasi, indikator=evaluasi.rencana.rhk.first().indikator.first()
    )
    realisasi.bukti_berkas.save("rapor.pdf", ContentFile(b"%PDF-1.4 rapor"))
    progres = CatatanProgres.objects.create(
        rhk=evaluasi.rencana.rhk.first(), teks="Progres", oleh=users["asn"]
    )
    progres.berkas.save("foto.pdf", ContentFile(b"%PDF-1.4 foto"))
    pendaftaran = Pendaftaran.objects.filter(kode_sertifikat__isnull=False).first()
    upcoming = Pendaftaran.objects.filter(workshop__selesai__gt=timezone.now()).first()
    # A certificate link is valid for a day after the workshop: make this one's end recent.
    type(pendaftaran.workshop).objects.filter(pk=pendaftaran.workshop_id).update(
        selesai=timezone.now() - timedelta(hours=2)
    )
    pendaftaran.workshop.refresh_from_db()
    ekspor = EksporDokumen.objects.create(
        periode=terbit, jenis="laporan_360", diminta_oleh=users["admin_bkd"]
    )
    ekspor.berkas.save("laporan.zip", ContentFile(b"PK"))
    objects = {
        "asn": asn.pk,
        "tugas_asn": Penugasan.objects.filter(penilai=asn, dinilai=asn, periode__status="dibuka")
        .first()
        .pk,
        "periode_terbit": terbit.pk,
        "skp_asn": evaluasi.rencana_id,
        "rhk_asn": evaluasi.rencana.rhk.first().pk,
        "evaluasi_asn": evaluasi.pk,
        # The kepala sekolah's own SKP of that year: the root of the team's cascading tree.
        "skp_atasan": RencanaKerja.objects.get_or_create(
            pegawai=asn.atasan, tahun_kinerja=evaluasi.rencana.tahun_kinerja
        )[0].pk,
        "indikator": realisasi.indikator_id,
        "progres_asn": progres.pk,
        "kode_sertifikat": pendaftaran.kode_sertifikat,
        "token_pendaftaran": registration_token(upcoming),
        "token_sertifikat": registration_token(pendaftaran),
        "token_konfirmasi": confirm_token(
            upcoming.workshop_id, {"nip": "", "nama": "Tamu", "email": "tamu@contoh.id"}
        ),
        "token_presensi": checkin_url(pendaftaran).rstrip("/").rsplit("/", 1)[-1],
        "pendaftaran": pendaftaran.pk,
        "workshop": pendaftaran.workshop_id,
        "unit_asn": asn.unit_kerja_id,
        "impor": ImporRoster.objects.create(
            berkas=ContentFile(b"PK", name="roster.xlsx"),
            nama_berkas="roster.xlsx",
            diunggah_oleh=users["admin_opd"],
            lingkup_unit=UnitKerja.objects.get(kode="DISDIK"),
        ).pk,
        "periode_buka": PeriodePenilaian.objects.get(status=StatusPeriode.DIBUKA).pk,
        "ekspor_bkd": ekspor.pk,
        "instrumen": terbit.instrumen_id,
        "penghargaan": Penghargaan.objects.first().pk,
        "tahun_kinerja": TahunKinerja.objects.first().pk,
        "topik": Topik.objects.first().pk,
        "uid_asn": urlsafe_base64_encode(force_bytes(users["asn"].pk)),
        "bad_token": "tautan-palsu",
        "dokumen": Document.objects.first().pk,
    }
    return users, objects
