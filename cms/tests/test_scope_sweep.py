"""The scope sweep: an Admin OPD sees nothing of another OPD, on any admin screen or file.

Two OPDs each hold an object of every kind. One is the demo's Dinas Pendidikan, whose Admin OPD
(`world`'s "admin_opd") does the looking. The other, "Badan Luarlingkup", is built here with no tie
to the first (its own head, no shared supervisor), and every name, email, code and text in it
carries the marker "Luarlingkup" — so one case-insensitive search for the marker, and for its NIPs,
finds any of its data in a page, an export or a file. Its registrants sit in a workshop that
Dinas Pendidikan's staff attended too.

The sweep walks the URL configuration (every admin route, Wagtail's own included, and the
public-site screens admins may open) and fills each parameter with the other OPD's objects, one
of ours, and the secret pages; it asks index screens for their XLSX/CSV exports and with the
other OPD's unit and workshop as filters; it generates the certificate ZIPs and document exports an
Admin OPD can ask for, and reads every file it is given (ZIPs unpacked, XLSX through openpyxl, PDFs
through pypdf). Counts are checked by difference: the sweep runs again after the other OPD gains
one more object of every kind, and no page an Admin OPD sees may change.
"""

import html
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.urls import resolve, reverse
from django.utils import timezone

from cms.roles import ADMIN_OPD

from .urlwalk import admin_routes, fill, parameters

MARK = "luarlingkup"  # in everything the other OPD holds
SECRET = "rahasiahalaman"  # in the titles of pages no Admin OPD may see (draft, private)
WORD = "Kuning"  # in both, and harmless to search for (the query is echoed back)

# Models every OPD shares (no unit of their own): their screens are opened with all their rows.
GLOBAL_MODELS = {
    "evaluasi.periodepenilaian",
    "evaluasi.tahunkinerja",
    "evaluasi.instrumen",
    "cms.topik",
}
OUR_APPS = ("cms.", "evaluasi.", "sosialisasi.")  # Wagtail's own models are opened with all rows
PAGE_PARAMETERS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
# Screens of the public site that admins open for pegawai in their scope: name -> {parameter: kind}
SITE_SCREENS = {
    "evaluasi:hasil_pegawai": {"periode_id": "periode", "pegawai_id": "pegawai"},
    "evaluasi:hasil_pegawai_pdf": {"periode_id": "periode", "pegawai_id": "pegawai"},
    "skp:detail": {"pk": "rencana"},
    "skp:evaluasi": {"pk": "evaluasi"},
    "skp:dokumen": {"pk": "evaluasi"},
    "skp:bukti": {"pk": "evaluasi", "indikator_id": "indikator"},
    "skp:pengembangan": {"pk": "evaluasi"},
    "skp:rhk_pantau": {"pk": "rhk"},
    "skp:dialog": {"pk": "rencana"},
    "skp:progres_bukti": {"pk": "progres"},
}


@dataclass
class Luar:
    """The other OPD and what it holds, as primary keys by kind (model label or a name)."""

    opd: object
    bidang: object
    kepala: object
    admin: object
    workshop_shared: object
    workshop_own: object
    periode_open: object
    periode_published: object
    members: int = 0
    objects: dict = field(default_factory=dict)
    nips: list = field(default_factory=list)

    def keep(self, kind, *instances):
        self.objects.setdefault(kind, []).extend(i.pk for i in instances)


def _registrant(workshop, pegawai, *, attended):
    from sosialisasi.models import Pendaftaran, StatusPendaftaran
    from sosialisasi.services.attendance import certificate_code

    return Pendaftaran.objects.create(
        workshop=workshop,
        pegawai=pegawai,
        nip=pegawai.nip,
        nama=pegawai.nama_lengkap,
        instansi=pegawai.unit_kerja.nama,
        email=pegawai.email,
        status=StatusPendaftaran.TERKONFIRMASI,
        hadir=attended,
        hadir_pada=timezone.now() if attended else None,
        kode_sertifikat=certificate_code() if attended else None,
    )


def _grow(luar: Luar) -> None:
    """One more member of staff in the other OPD, with one object of every kind around them."""
    from wagtail.log_actions import log

    from evaluasi.models import (
        CatatanProgres,
        DialogKinerja,
        EksporDokumen,
        EvaluasiKinerja,
        ImporRoster,
        IndikatorKinerja,
        Penghargaan,
        Penugasan,
        PredikatUnit,
        RencanaHasilKerja,
        RencanaKerja,
        StatusEkspor,
        UmpanBalikBerkelanjutan,
    )
    from evaluasi.tests.factories import PegawaiFactory, TahunKinerjaFactory, UnitKerjaFactory

    luar.members += 1
    n = luar.members
    label = f"Luarlingkup {WORD} {n}"
    unit = UnitKerjaFactory(
        kode=f"LUARLINGKUP-{n}", nama=f"Seksi {label}", jenis="bidang", induk=luar.bidang
    )
    staf = PegawaiFactory(
        unit_kerja=unit, atasan=luar.kepala, nama=f"Staf {label}", email=f"staf{n}@luarlingkup.test"
    )
    luar.nips.append(staf.nip)
    luar.keep("evaluasi.unitkerja", unit)
    luar.keep("evaluasi.pegawai", staf)
    for workshop in (luar.workshop_shared, luar.workshop_own):
        registrant = _registrant(workshop, staf, attended=True)
        luar.keep("sosialisasi.pendaftaran", registrant)
    tugas = [
        Penugasan.objects.create(periode=periode, penilai=penilai, dinilai=staf, hubungan=hubungan)
        for periode in (luar.periode_open, luar.periode_published)
        for penilai, hubungan in ((staf, "diri"), (luar.kepala, "atasan"))
    ]
    Penugasan.objects.filter(pk__in=[t.pk for t in tugas], periode=luar.periode_published).update(
        dimulai=timezone.now(), dikirim=timezone.now()
    )
    luar.keep("evaluasi.penugasan", *tugas)
    tahun_kinerja = TahunKinerjaFactory(tahun=luar.periode_published.tahun, tahunan_terbuka=False)
    rencana = RencanaKerja.objects.create(
        pegawai=staf,
        tahun_kinerja=tahun_kinerja,
        pejabat_penilai=luar.kepala,
        status="disetujui",
    )
    rhk = RencanaHasilKerja.objects.create(rencana=rencana, teks=f"Hasil kerja {label}")
    indikator = IndikatorKinerja.objects.create(
        rhk=rhk, teks=f"Indikator {label}", aspek="kuantitas"
    )
    evaluasi = EvaluasiKinerja.objects.create(
        rencana=rencana,
        periode_kinerja=tahun_kinerja.tahunan,
        status="final",
        rating_hasil_kerja="di_atas",
        rating_perilaku="di_atas",
        predikat="sangat_baik",
    )
    luar.keep("rencana", rencana)
    luar.keep("evaluasi", evaluasi)
    luar.keep("indikator", indikator)
    progres = CatatanProgres.objects.create(rhk=rhk, teks=f"Progres {label}")
    progres.berkas.save(f"progres-{n}.pdf", ContentFile(f"%PDF-1.4 {label}".encode()))
    UmpanBalikBerkelanjutan.objects.create(rhk=rhk, teks=f"Umpan balik {label}")
    DialogKinerja.objects.create(
        rencana=rencana, tanggal=timezone.localdate(), topik=f"Topik {label}", tindak_lanjut=label
    )
    luar.keep("rhk", rhk)
    luar.keep("progres", progres)
    award = Penghargaan.objects.create(
        periode=luar.periode_published, pegawai=staf, kutipan=f"Kutipan {label}"
    )
    luar.keep("evaluasi.penghargaan", award)
    PredikatUnit.objects.update_or_create(
        unit_kerja=unit, periode=luar.periode_published, defaults={"predikat": "istimewa"}
    )
    impor = ImporRoster.objects.create(
        berkas=ContentFile(b"PK", name=f"roster-{MARK}-{n}.xlsx"),
        nama_berkas=f"roster-{MARK}-{n}.xlsx",
        diunggah_oleh=luar.admin,
        lingkup_unit=luar.opd,
        status=ImporRoster.Status.GAGAL_VALIDASI,
        kesalahan=[{"baris": 2, "kolom": "NIP", "pesan": f"{staf.nip} {label}"}],
    )
    luar.keep("evaluasi.imporroster", impor)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(f"{staf.nip}.txt", label)
    ekspor = EksporDokumen.objects.create(
        periode=luar.periode_published,
        unit_kerja=luar.opd,
        diminta_oleh=luar.admin,
        status=StatusEkspor.SELESAI,
        jumlah=1,
        selesai_jumlah=1,
    )
    ekspor.berkas.save(f"ekspor-{MARK}-{n}.zip", ContentFile(archive.getvalue()))
    luar.keep("ekspor", ekspor)
    for instance in (staf, unit, registrant, tugas[0]):
        log(instance=instance, action="wagtail.edit", user=luar.admin)


def _page(parent, title, **kwargs):
    from wagtail.models import Page

    page = Page(title=title, slug=re.sub(r"\W+", "-", title.lower()), **kwargs)
    return parent.add_child(instance=page)


@pytest.fixture
def luar(world, home_page, settings, tmp_path):
    """The other OPD, one member of staff and one object of every kind; `_grow(luar)` adds more."""
    from wagtail.models import PageViewRestriction

    from evaluasi.models import (
        JenisUnit,
        LingkupAdmin,
        PeriodePenilaian,
        StatusPeriode,
        UnitKerja,
    )
    from evaluasi.tests.factories import PegawaiFactory, UnitKerjaFactory
    from sosialisasi.models import WorkshopPage

    objects = world[1]
    settings.MEDIA_ROOT = tmp_path / "media"  # no file of an earlier run is read (private: `world`)
    province = UnitKerja.objects.get(induk=None)
    opd = UnitKerjaFactory(kode="LUARLINGKUP", nama="Badan Luarlingkup", induk=province)
    bidang = UnitKerjaFactory(
        kode="LUARLINGKUP-B", nama="Bidang Luarlingkup", jenis=JenisUnit.BIDANG, induk=opd
    )
    kepala = PegawaiFactory(
        unit_kerja=opd, nama=f"Kepala Luarlingkup {WORD}", email="kepala@luarlingkup.test"
    )
    admin = User.objects.create_user("admin-luarlingkup", email="admin@luarlingkup.test")
    admin.groups.add(Group.objects.get(name=ADMIN_OPD))
    LingkupAdmin.objects.create(user=admin, unit_kerja=opd)

    # The workshop Dinas Pendidikan's staff attended (with certificates), and one for this OPD only.
    shared = WorkshopPage.objects.get(pk=objects["workshop"])
    own = shared.get_parent().add_child(
        instance=WorkshopPage(
            # A live page's title is public (the schedule shows it): no marker here.
            title="Pelatihan Khusus Satu Badan",
            slug="pelatihan-khusus-satu-badan",
            ringkasan="Khusus untuk satu badan.",
            mulai=shared.mulai,
            selesai=shared.selesai,
            pendaftaran_dibuka=shared.pendaftaran_dibuka,
            pendaftaran_ditutup=shared.pendaftaran_ditutup,
        )
    )
    own.untuk_opd.set([opd])
    own.save()
    luar = Luar(
        opd=opd,
        bidang=bidang,
        kepala=kepala,
        admin=admin,
        workshop_shared=shared,
        workshop_own=own,
        periode_open=PeriodePenilaian.objects.get(status=StatusPeriode.DIBUKA),
        periode_published=PeriodePenilaian.objects.get(pk=objects["periode_terbit"]),
        nips=[kepala.nip],
    )
    luar.keep("evaluasi.unitkerja", opd, bidang)
    luar.keep("evaluasi.pegawai", kepala)
    luar.keep("workshop", shared, own)
    _grow(luar)

    # Pages no Admin OPD may see, not even as a title: a draft, a private page, a draft workshop.
    draft = _page(home_page, f"Draf {WORD} Rahasiahalaman", live=False)
    private = _page(home_page, f"Privat {WORD} Rahasiahalaman")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft_workshop = shared.get_parent().add_child(
        instance=WorkshopPage(
            title=f"Workshop {WORD} Rahasiahalaman",
            slug="workshop-rahasiahalaman",
            live=False,
            ringkasan="Belum terbit.",
            mulai=shared.mulai,
            selesai=shared.selesai,
            pendaftaran_dibuka=shared.pendaftaran_dibuka,
            pendaftaran_ditutup=shared.pendaftaran_ditutup,
        )
    )
    luar.keep("page", draft, private, draft_workshop)
    luar.keep("workshop", draft_workshop)
    return luar


# --- reading what a response holds -----------------------------------------------------------


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _text_of(data: bytes) -> str:
    """Everything readable in a response or file: ZIPs unpacked (names too), XLSX cell by cell,
    PDFs through their text, the rest decoded as text with HTML entities resolved."""
    if zipfile.is_zipfile(io.BytesIO(data)):
        archive = zipfile.ZipFile(io.BytesIO(data))
        if "xl/workbook.xml" in archive.namelist():
            from openpyxl import load_workbook

            workbook = load_workbook(io.BytesIO(data), read_only=True)
            return "\n".join(
                " ".join("" if v is None else str(v) for v in row)
                for sheet in workbook.worksheets
                for row in sheet.iter_rows(values_only=True)
            )
        return "\n".join(f"{name}\n{_text_of(archive.read(name))}" for name in archive.namelist())
    if data[:5] == b"%PDF-":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return html.unescape(data.decode("utf-8", "replace"))


def _leaks(text: str, luar: Luar) -> list[str]:
    lowered = text.lower()
    found = [marker for marker in (MARK, SECRET) if marker in lowered]
    return found + [nip for nip in luar.nips if nip in text]


# Per request: CSRF tokens, CSP nonces, Wagtail's per-render ids and "n minutes ago" differ;
# nothing else may.
VOLATILE = [
    re.compile(r"csrfmiddlewaretoken\W+value=\W*[\w-]+"),
    re.compile(r"(csrf|CSRF)[\w-]*\W+[\w-]{32,}"),
    re.compile(r"nonce=\W*[\w+/=-]+"),
    re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"),
    re.compile(r"\d+(?:\\u00a0|\s)+\w+ yang lalu"),
]


def _normalised(text: str) -> str:
    for pattern in VOLATILE:
        text = pattern.sub("…", text)
    return text


# --- the URLs to ask for -------------------------------------------------------------------------


def _viewset_models() -> dict:
    """URL namespace -> model label of every registered admin viewset (choosers and snippets too)."""
    from wagtail.admin.viewsets import viewsets
    from wagtail.coreutils import resolve_model_string

    return {
        vs.url_namespace: resolve_model_string(vs.model)._meta.label_lower
        for vs in viewsets.viewsets
        if vs.name and getattr(vs, "model", None) is not None
    }


def _candidates(luar: Luar, objects: dict) -> dict:
    """(namespace or route name, parameter) -> values to try; "*" for any namespace."""
    from django.apps import apps

    from evaluasi.models import EksporDokumen
    from sosialisasi.models import Pendaftaran
    from sosialisasi.registration_links import checkin_url

    ours = {  # one object of Dinas Pendidikan for each kind, so our own screens are read too
        "evaluasi.pegawai": objects["asn"],
        "evaluasi.unitkerja": objects["unit_asn"],
        "evaluasi.penugasan": objects["tugas_asn"],
        "evaluasi.imporroster": objects["impor"],
        "sosialisasi.pendaftaran": objects["pendaftaran"],
        "evaluasi.penghargaan": objects["penghargaan"],
    }
    values = {}
    missing = []  # a unit-held model with screens per object, but nothing of the other OPD's
    with_objects = {
        (name or "").rsplit(":", 1)[0]
        for name, route in admin_routes()
        if "pk" in dict(parameters(route))
    }
    for namespace, label in _viewset_models().items():
        if label in GLOBAL_MODELS or not label.startswith(OUR_APPS):
            values[(namespace, "pk")] = list(
                apps.get_model(label).objects.values_list("pk", flat=True)[:20]
            )
        elif label in luar.objects:
            values[(namespace, "pk")] = luar.objects[label] + [ours[label]] * (label in ours)
        elif namespace in with_objects:
            missing.append(label)
    registrants = Pendaftaran.objects.filter(pk__in=luar.objects["sosialisasi.pendaftaran"])
    tokens = [checkin_url(p).rstrip("/").rsplit("/", 1)[-1] for p in registrants]
    values.update(
        {
            ("pendaftaran_workshop", "workshop_id"): luar.objects["workshop"],
            ("pendaftaran_workshop", "token"): tokens,
            ("periode", "ekspor_id"): list(EksporDokumen.objects.values_list("pk", flat=True)),
            ("*", "periode"): [luar.periode_published.pk],
            ("*", "pegawai"): luar.objects["evaluasi.pegawai"],
            **{
                ("*", kind): luar.objects[kind]
                for kind in ("rencana", "evaluasi", "indikator", "rhk", "progres")
            },
            **{("*", name): luar.objects["page"] for name in PAGE_PARAMETERS},
        }
    )
    return values, missing


def _paths(luar: Luar, objects: dict) -> list[str]:
    values, _missing = _candidates(luar, objects)
    paths = set()
    for name, route in admin_routes():
        if name and name.endswith("logout") or "failwhale" in route:
            continue
        namespace = (name or "").rsplit(":", 1)[0]
        options = []
        for parameter, _converter in parameters(route):
            choices = values.get((namespace, parameter)) or values.get(("*", parameter))
            options.append([(parameter, v) for v in choices or [0]])  # 0: no such row
        paths.update(fill(route, dict(c)) for c in itertools.product(*options))
    for name, kinds in SITE_SCREENS.items():
        options = [[(p, v) for v in values[("*", kind)]] for p, kind in kinds.items()]
        paths.update(reverse(name, kwargs=dict(c)) for c in itertools.product(*options))
    return sorted(paths)


def _variants(path: str, luar: Luar) -> list[str]:
    """The path again as an export (where the view exports) and with the other OPD as filter."""
    try:
        func = resolve(path).func
    except Exception:  # noqa: BLE001 - a path that does not resolve has no variants
        return []
    # A viewset passes its export columns to the view as it builds it; reports have them as such.
    exports = getattr(func, "view_initkwargs", {}).get("list_export") or getattr(
        getattr(func, "view_class", None), "list_export", None
    )
    found = []
    if exports:
        found += [f"{path}?export=xlsx", f"{path}?export=csv"]
    pages = "&".join(f"id={pk}" for pk in luar.objects["page"])
    found.append(
        f"{path}?unit={luar.opd.pk}&induk={luar.opd.pk}&workshop={luar.workshop_own.pk}&{pages}"
    )
    found.append(f"{path}?q={WORD}")
    return found


def _difference(before: str, after: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        _normalised(before).splitlines(), _normalised(after).splitlines(), lineterm="", n=1
    )
    return "\n".join(line[:200] for line in itertools.islice(lines, 30))


def _files_requested(client, luar: Luar, *, documents: bool) -> None:
    """What an Admin OPD can have generated: certificate ZIPs (again each time, to read them as
    they are now) and the period's document ZIPs (once: each request adds a row to the screen)."""
    for workshop in luar.objects["workshop"]:
        client.post(reverse("pendaftaran_workshop:certificates", args=[workshop]))
    if documents:
        periode = luar.periode_published.pk
        client.post(reverse("periode:distribution", args=[periode]), {"aksi": "ekspor"})
        client.post(reverse("periode:dashboard", args=[periode]))
    client.cookies.pop("messages", None)  # "being generated": not a page's content


def _messages_of(client, response) -> str:
    """The messages a view queued (shown on the next page): counted against the view, then
    dropped so the next screen is read on its own."""
    queued = getattr(getattr(response, "wsgi_request", None), "_messages", None)
    texts = [str(m) for m in getattr(queued, "_queued_messages", [])]
    client.cookies.pop("messages", None)
    return "\n".join(texts)


def _sweep(client, user, luar: Luar, objects: dict, *, documents: bool) -> dict:
    """path -> text of every response an Admin OPD is given (pages, exports and files)."""
    client.force_login(user)
    _files_requested(client, luar, documents=documents)
    seen = {}
    queue = _paths(luar, objects)
    while queue:
        path = queue.pop(0)
        client.force_login(user)  # a screen that logs out (or fails) must not end the sweep
        try:
            response = client.get(path)
        except Exception as error:  # noqa: BLE001 - a crash shows no data, but is reported
            seen[path] = (500, f"{type(error).__name__}: {error}")
            continue
        text = _text_of(_body(response)) if response.status_code == 200 else ""
        seen[path] = (response.status_code, text + _messages_of(client, response))
        if response.status_code == 200 and "?" not in path:
            queue.extend(v for v in _variants(path, luar) if v not in seen)
    return seen


def test_every_kind_of_object_is_held_by_the_other_opd(luar, world):
    """The sweep opens each viewset's objects with the other OPD's rows: a viewset of a model the
    fixture gives no row to would be swept with placeholders only."""
    _values, missing = _candidates(luar, world[1])
    assert not missing, f"Tambahkan objek OPD lain untuk: {missing}"


def _leaked(seen: dict, luar: Luar) -> list[str]:
    return [
        f"{path}: {_leaks(text, luar)}" for path, (_, text) in seen.items() if _leaks(text, luar)
    ]


def test_admin_opd_sees_nothing_of_another_opd(luar, world, client):
    users, objects = world
    admin = users["admin_opd"]
    first = _sweep(client, admin, luar, objects, documents=True)
    assert len(first) > 400  # the whole admin, not a handful
    assert sum(status == 200 for status, _ in first.values()) > 60
    # The files were read, not only the pages: our own attendees' certificates, the roster export.
    certificates = reverse("pendaftaran_workshop:certificates", args=[luar.workshop_shared.pk])
    assert "SERTIFIKAT" in first[certificates][1]
    assert first[reverse("pegawai:index") + "?export=xlsx"][0] == 200
    leaks = _leaked(first, luar)
    assert not leaks, "Data OPD lain terlihat oleh Admin OPD:\n" + "\n".join(leaks)
    errors = [f"{path}: {text}" for path, (status, text) in first.items() if status == 500]
    assert not errors, "\n".join(errors)

    _grow(luar)  # one more of every kind: no count an Admin OPD sees may move
    second = _sweep(client, admin, luar, objects, documents=False)
    assert not _leaked(second, luar), "\n".join(_leaked(second, luar))
    changed = [
        path
        for path, (status, text) in first.items()
        if status == 200
        and second.get(path, (0,))[0] == 200
        and _normalised(text) != _normalised(second[path][1])
    ]
    assert not changed, (
        "Halaman berubah karena data OPD lain bertambah:\n"
        + "\n".join(changed)
        + "\n"
        + _difference(first[changed[0]][1], second[changed[0]][1])
    )


def test_no_wagtail_page_screen_names_a_hidden_page_to_admin_opd(luar, world, client):
    """The chooser's listings are filtered (cms/tests/test_admin_scope_wagtail.py); these are the
    other ways Wagtail names a page by its id: the chooser's "chosen" answer, the move
    confirmation and the workflow screens (which check permissions only when a page is changed)."""
    from wagtail.models import Page

    users, _ = world
    hidden = list(Page.objects.filter(pk__in=luar.objects["page"]))
    assert {p.live for p in hidden} == {True, False}  # a draft, and a live but private page
    screens = [
        ("wagtailadmin_pages:move_confirm", lambda page: [page.pk, page.pk]),
        ("wagtailadmin_pages:workflow_preview", lambda page: [page.pk, 1]),
        ("wagtailadmin_pages:confirm_workflow_cancellation", lambda page: [page.pk]),
    ]
    client.force_login(users["admin_opd"])
    for page in hidden:
        chosen = client.get(reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": page.pk})
        assert chosen.status_code == 404
        for name, args in screens:
            response = client.get(reverse(name, args=args(page)))
            shown = _text_of(_body(response)) + _messages_of(client, response)
            assert SECRET not in shown.lower(), name
    live = luar.workshop_shared.pk
    chosen = client.get(reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": live})
    assert chosen.status_code == 200 and luar.workshop_shared.title in chosen.content.decode()

    client.force_login(users["editor"])  # who edits pages still chooses drafts
    draft = next(p for p in hidden if not p.live)
    chosen = client.get(reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": draft.pk})
    assert chosen.status_code == 200 and draft.title in chosen.content.decode()
