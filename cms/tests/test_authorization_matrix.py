"""Who may open what: every project URL against every role, from the URL configuration.

`MATRIX` lists, for each named URL of ours, the roles that are let in; every other role must be
turned away (403, 404, or Wagtail's redirect to its dashboard or a login page). The URL list is
read from the resolver, so a new URL without an entry here fails `test_every_url_has_an_entry`.
The world (`conftest.world`) is the demo (`make run`) plus people outside the demo's unit for the
"lain" roles.
"""

from django.urls import reverse

from .urlwalk import admin_paths, outcome, routes

ROLES = (
    "anonim",
    "asn_lain",
    "atasan_lain",
    "admin_opd_luar",
    "editor",
    "asn",
    "atasan",
    "admin_opd",
    "admin_bkd",
)
ADMINS = {"admin_opd", "admin_bkd"}
LOGGED_IN = set(ROLES) - {"anonim"}
EVERYONE = set(ROLES)
ADMIN_SITE = ADMINS | {"admin_opd_luar", "editor"}  # Wagtail's access_admin
OPD_ADMINS = ADMINS | {"admin_opd_luar"}
PEGAWAI = LOGGED_IN - {"editor", "admin_opd_luar"}  # accounts linked to a roster entry
BKD = {"admin_bkd"}
NOBODY: set = set()

# Our namespaces under /admin/ (viewsets and admin URLs registered by our hooks).
OUR_APPS = ("cms.", "evaluasi.", "sosialisasi.")


def _entry(allow, method="get", **args):
    return {"allow": set(allow), "method": method, "args": args}


# name -> who is let in; `args` name world objects for the URL's parameters.
MATRIX = {
    # --- public site -----------------------------------------------------------------------
    "search": _entry(EVERYONE),
    "robots_txt": _entry(EVERYONE),
    "sehat": _entry(EVERYONE),
    "sertifikat_verifikasi": _entry(EVERYONE, kode="kode_sertifikat"),
    # A registration's signed link is its own credential (sent to the registrant's email).
    "sosialisasi:pendaftaran": _entry(EVERYONE, token="token_pendaftaran"),
    # GET asks for confirmation; only that page's POST cancels.
    "sosialisasi:pendaftaran_batal": _entry(EVERYONE, token="token_pendaftaran"),
    "sosialisasi:pendaftaran_kalender": _entry(EVERYONE, token="token_pendaftaran"),
    "sosialisasi:pendaftaran_sertifikat": _entry(EVERYONE, token="token_sertifikat"),
    # A confirmation link too (mailed to the address the request named); GET only shows a button.
    "sosialisasi:pendaftaran_konfirmasi": _entry(EVERYONE, token="token_konfirmasi"),
    "accounts:login": _entry(EVERYONE),
    "accounts:activation_request": _entry(EVERYONE),
    "accounts:activation_sent": _entry(EVERYONE),
    # Token pages open for anyone; a forged token gets the "tautan tidak berlaku" page.
    "accounts:activate": _entry(EVERYONE, uidb64="uid_asn", token="bad_token"),
    "accounts:password_reset": _entry(EVERYONE),
    "wagtailadmin_password_reset": _entry(EVERYONE),  # Wagtail's, rate-limited by ours
    "accounts:password_reset_confirm": _entry(EVERYONE, uidb64="uid_asn", token="bad_token"),
    "accounts:profile": _entry(LOGGED_IN),
    # Each user sees only their own notifications (cms/tests/test_notifications.py).
    "accounts:notifications": _entry(LOGGED_IN),
    "wagtailapi:documents:listing": _entry(EVERYONE),
    "wagtailapi:documents:find": _entry({}),  # needs ?id=; without it: 400/404 for all
    "wagtailapi:documents:detail": _entry(EVERYONE, pk="dokumen"),
    # --- ASN pages ----------------------------------------------------------------------------
    "evaluasi:inbox": _entry(LOGGED_IN),
    "evaluasi:form": _entry({"asn"}, pk="tugas_asn"),
    "evaluasi:kirim": _entry({"asn"}, "post", pk="tugas_asn"),
    "evaluasi:simpan": _entry({"asn"}, "post", pk="tugas_asn"),
    # One's own report: whoever has a roster entry gets theirs (or "belum ada hasil").
    "evaluasi:hasil": _entry(PEGAWAI, periode_id="periode_terbit"),
    "evaluasi:hasil_pdf": _entry(PEGAWAI, periode_id="periode_terbit"),
    "evaluasi:hasil_pegawai": _entry(
        {"asn", "atasan"} | ADMINS, periode_id="periode_terbit", pegawai_id="asn"
    ),
    "evaluasi:hasil_pegawai_pdf": _entry(
        {"asn", "atasan"} | ADMINS, periode_id="periode_terbit", pegawai_id="asn"
    ),
    "skp:saya": _entry(PEGAWAI),
    "skp:bawahan": _entry(PEGAWAI),
    "skp:detail": _entry({"asn", "atasan"} | ADMINS, pk="skp_asn"),
    # Confirmation and edit pages: those who may read the SKP get the page or, when they may not
    # change it (not the owner, or locked: the asn's SKP is approved), a redirect to it with why.
    "skp:ajukan": _entry({"asn", "atasan"} | ADMINS, pk="skp_asn"),
    # Planning: the ekspektasi page (the pejabat penilai writes) and the lampiran page (the owner
    # while editable) follow the same rule: readers get the page or a redirect to the SKP.
    "skp:ekspektasi": _entry({"asn", "atasan"} | ADMINS, pk="skp_asn"),
    "skp:lampiran": _entry({"asn", "atasan"} | ADMINS, pk="skp_asn"),
    # The cascading tree of one's own SKP: its owner only (the asn's atasan here), 404 for others.
    "skp:pohon": _entry({"atasan"}, pk="skp_atasan"),
    "skp:rhk_ubah": _entry({"asn", "atasan"} | ADMINS, pk="rhk_asn"),
    "skp:rhk_hapus": _entry({"asn", "atasan"} | ADMINS, pk="rhk_asn"),
    "skp:evaluasi": _entry({"asn", "atasan"} | ADMINS, pk="evaluasi_asn"),
    "skp:dokumen": _entry({"asn", "atasan"} | ADMINS, pk="evaluasi_asn"),
    "skp:bukti": _entry({"asn", "atasan"} | ADMINS, pk="evaluasi_asn", indikator_id="indikator"),
    # Readable by whoever reads the evaluation; each step's POST is checked by its service.
    "skp:pengembangan": _entry({"asn", "atasan"} | ADMINS, pk="evaluasi_asn"),
    # Pemantauan: whoever may read the SKP reads it; only the pegawai and the penilai write.
    "skp:rhk_pantau": _entry({"asn", "atasan"} | ADMINS, pk="rhk_asn"),
    "skp:dialog": _entry({"asn", "atasan"} | ADMINS, pk="skp_asn"),
    "skp:progres_bukti": _entry({"asn", "atasan"} | ADMINS, pk="progres_asn"),
    # --- Wagtail admin: roster --------------------------------------------------------------
    "aktivasi_massal": _entry(OPD_ADMINS),
    "unitkerja:index": _entry(OPD_ADMINS),
    "unitkerja:index_results": _entry(OPD_ADMINS),
    "unitkerja:add": _entry(OPD_ADMINS),
    "unitkerja:edit": _entry(ADMINS, pk="unit_asn"),
    "unitkerja:inspect": _entry(ADMINS, pk="unit_asn"),
    "unitkerja:history": _entry(ADMINS, pk="unit_asn"),
    "unitkerja:history_results": _entry(ADMINS, pk="unit_asn"),
    "unitkerja:usage": _entry(ADMINS, pk="unit_asn"),
    "unitkerja:delete": _entry(BKD, pk="unit_asn"),
    "pegawai:index": _entry(OPD_ADMINS),
    "pegawai:index_results": _entry(OPD_ADMINS),
    "pegawai:add": _entry(OPD_ADMINS),
    "pegawai:edit": _entry(ADMINS, pk="asn"),
    "pegawai:inspect": _entry(ADMINS, pk="asn"),
    "pegawai:history": _entry(ADMINS, pk="asn"),
    "pegawai:history_results": _entry(ADMINS, pk="asn"),
    "pegawai:usage": _entry(ADMINS, pk="asn"),
    "pegawai:delete": _entry(BKD, pk="asn"),
    "impor_roster:index": _entry(OPD_ADMINS),
    "impor_roster:index_results": _entry(OPD_ADMINS),
    "impor_roster:add": _entry(OPD_ADMINS),
    "impor_roster:template": _entry(OPD_ADMINS),
    "impor_roster:siasn_sample": _entry(OPD_ADMINS),
    "impor_roster:edit": _entry(ADMINS, pk="impor"),
    "impor_roster:status": _entry(ADMINS, pk="impor"),
    "impor_roster:errors": _entry(ADMINS, pk="impor"),
    "impor_roster:file": _entry(ADMINS, pk="impor"),
    "impor_roster:confirm": _entry(ADMINS, "post", pk="impor"),
    "impor_roster:cancel": _entry(ADMINS, "post", pk="impor"),
    # The column-mapping step; an import that needs no mapping redirects back to its page.
    "impor_roster:mapping": _entry(ADMINS, pk="impor"),
    # --- Wagtail admin: 360 and SKP -----------------------------------------------------------
    "periode:index": _entry(OPD_ADMINS),
    "periode:index_results": _entry(OPD_ADMINS),
    "periode:add": _entry(BKD),
    "periode:edit": _entry(BKD, pk="periode_buka"),
    "periode:history": _entry(BKD, pk="periode_buka"),
    "periode:history_results": _entry(BKD, pk="periode_buka"),
    "periode:usage": _entry(BKD, pk="periode_buka"),
    "periode:delete": _entry(NOBODY, pk="periode_buka"),
    "periode:status": _entry(OPD_ADMINS, pk="periode_buka"),
    "periode:completion": _entry(OPD_ADMINS, pk="periode_buka"),
    "periode:completion_xlsx": _entry(OPD_ADMINS, pk="periode_buka"),
    "periode:distribution": _entry(OPD_ADMINS, pk="periode_buka"),
    "periode:dashboard": _entry(OPD_ADMINS, pk="periode_terbit"),
    "periode:dashboard_xlsx": _entry(OPD_ADMINS, pk="periode_terbit"),
    # Candidates in one's own subtree, read-only; choosing awardees is Admin BKD's.
    "periode:awards": _entry(OPD_ADMINS, pk="periode_terbit"),
    "periode:generate": _entry(BKD, "post", pk="periode_buka"),
    "periode:aggregate": _entry(BKD, "post", pk="periode_buka"),
    "periode:remind": _entry(OPD_ADMINS, "post", pk="periode_buka"),
    "periode:individual": _entry(NOBODY, pk="periode_terbit"),  # superuser + explicit permission
    "periode:export_download": _entry(BKD, pk="periode_terbit", ekspor_id="ekspor_bkd"),
    "penugasan:index": _entry(OPD_ADMINS),
    "penugasan:index_results": _entry(OPD_ADMINS),
    "penugasan:add": _entry(OPD_ADMINS),
    "penugasan:import": _entry(OPD_ADMINS),
    "penugasan:import_confirm": _entry(OPD_ADMINS, "post"),
    "penugasan:delete": _entry(ADMINS, pk="tugas_asn"),
    "penugasan:accept_late": _entry(ADMINS, "post", pk="tugas_asn"),
    "instrumen:index": _entry(BKD),
    "instrumen:index_results": _entry(BKD),
    "instrumen:add": _entry(BKD),
    "instrumen:edit": _entry(BKD, pk="instrumen"),
    "instrumen:history": _entry(BKD, pk="instrumen"),
    "instrumen:history_results": _entry(BKD, pk="instrumen"),
    "instrumen:usage": _entry(BKD, pk="instrumen"),
    "instrumen:delete": _entry(NOBODY, pk="instrumen"),
    "instrumen:new_version": _entry(BKD, "post", pk="instrumen"),
    "kalender_kinerja:index": _entry(OPD_ADMINS),
    "kalender_kinerja:index_results": _entry(OPD_ADMINS),
    "kalender_kinerja:add": _entry(BKD),
    "kalender_kinerja:edit": _entry(BKD, pk="tahun_kinerja"),
    "kalender_kinerja:history": _entry(BKD, pk="tahun_kinerja"),
    "kalender_kinerja:history_results": _entry(BKD, pk="tahun_kinerja"),
    "kalender_kinerja:usage": _entry(BKD, pk="tahun_kinerja"),
    "kalender_kinerja:delete": _entry(NOBODY, pk="tahun_kinerja"),
    "kalender_kinerja:windows": _entry(OPD_ADMINS, pk="tahun_kinerja"),
    "penghargaan:index": _entry(BKD),
    "penghargaan:add": _entry(NOBODY),
    "penghargaan:index_results": _entry(BKD),
    "penghargaan:edit": _entry(BKD, pk="penghargaan"),
    "penghargaan:delete": _entry(BKD, pk="penghargaan"),
    "penghargaan:history": _entry(BKD, pk="penghargaan"),
    "penghargaan:history_results": _entry(BKD, pk="penghargaan"),
    "penghargaan:usage": _entry(BKD, pk="penghargaan"),
    "akses_jawaban:index": _entry(NOBODY),
    "akses_jawaban:index_results": _entry(NOBODY),
    # --- Wagtail admin: workshops and topics ----------------------------------------------------
    "pendaftaran_workshop:index": _entry(OPD_ADMINS),
    "pendaftaran_workshop:index_results": _entry(OPD_ADMINS),
    "pendaftaran_workshop:add": _entry(NOBODY),
    "pendaftaran_workshop:edit": _entry(ADMINS, pk="pendaftaran"),
    "pendaftaran_workshop:inspect": _entry(ADMINS, pk="pendaftaran"),
    "pendaftaran_workshop:history": _entry(ADMINS, pk="pendaftaran"),
    "pendaftaran_workshop:history_results": _entry(ADMINS, pk="pendaftaran"),
    "pendaftaran_workshop:usage": _entry(ADMINS, pk="pendaftaran"),
    "pendaftaran_workshop:delete": _entry(NOBODY, pk="pendaftaran"),
    "pendaftaran_workshop:cancel": _entry(ADMINS, pk="pendaftaran"),
    "pendaftaran_workshop:promote": _entry(ADMINS, pk="pendaftaran"),
    "pendaftaran_workshop:checkin": _entry(OPD_ADMINS, workshop_id="workshop"),
    "pendaftaran_workshop:manage": _entry(OPD_ADMINS, workshop_id="workshop"),
    "pendaftaran_workshop:certificates": _entry(OPD_ADMINS, "post", workshop_id="workshop"),
    # Checking a person in is scoped by the registrant's unit, like their registration's pages.
    "pendaftaran_workshop:scan": _entry(ADMINS, token="token_presensi"),
    # Topics are kept by superusers (demo "admin"); their chooser serves every admin editor.
    "wagtailsnippets_cms_topik:list": _entry(NOBODY),
    "wagtailsnippets_cms_topik:list_results": _entry(NOBODY),
    "wagtailsnippets_cms_topik:add": _entry(NOBODY),
    "wagtailsnippets_cms_topik:edit": _entry(NOBODY, pk="topik"),
    "wagtailsnippets_cms_topik:delete": _entry(NOBODY, pk="topik"),
    "wagtailsnippets_cms_topik:usage": _entry(NOBODY, pk="topik"),
    "wagtailsnippets_cms_topik:history": _entry(NOBODY, pk="topik"),
    "wagtailsnippets_cms_topik:history_results": _entry(NOBODY, pk="topik"),
    "wagtailsnippets_cms_topik:copy": _entry(NOBODY, pk="topik"),
    "wagtailsnippetchoosers_cms_topik:choose": _entry(ADMIN_SITE),
    "wagtailsnippetchoosers_cms_topik:choose_results": _entry(ADMIN_SITE),
    "wagtailsnippetchoosers_cms_topik:chosen": _entry(ADMIN_SITE, pk="topik"),
    "wagtailsnippetchoosers_cms_topik:chosen_multiple": _entry(ADMIN_SITE),
    "wagtailsnippetchoosers_cms_topik:create": _entry(NOBODY),
}


def _project_urls():
    """(name, route) of every named URL served by our apps or under our admin namespaces."""
    for name, route, module in routes():
        if not name:
            continue
        namespace = name.split(":")[0] if ":" in name else ""
        ours_by_namespace = route.startswith("admin/") and (
            (namespace and not namespace.startswith("wagtail"))
            or any(f"_{app.rstrip('.')}_" in namespace for app in OUR_APPS)
        )
        if module.startswith(OUR_APPS) or ours_by_namespace:
            yield name, route


def test_every_url_has_an_entry():
    missing = sorted({name for name, _ in _project_urls()} - set(MATRIX))
    assert not missing, "URL tanpa baris di MATRIX:\n" + "\n".join(
        f"{n} {r}" for n, r in _project_urls() if n in missing
    )


def test_each_role_is_let_in_only_where_the_matrix_says(world, client):
    users, objects = world
    wrong = []
    for name, entry in sorted(MATRIX.items()):
        kwargs = {param: objects[key] for param, key in entry["args"].items()}
        url = reverse(name, kwargs=kwargs)
        for role in ROLES:
            client.logout()
            if role != "anonim":
                client.force_login(users[role])
            response = getattr(client, entry["method"])(url)
            expected = "allow" if role in entry["allow"] else "deny"
            if outcome(response) != expected:
                wrong.append(f"{name} {role}: {response.status_code} (harus {expected})")
    assert not wrong, "\n".join(wrong)


# Wagtail serves these to anyone by design: its translations and icons for the login page, and the
# admin's own password-reset flow (which mails only an existing account's address).
PUBLIC_ADMIN_PREFIXES = ("/admin/jsi18n/", "/admin/sprite/", "/admin/password_reset/")


def test_no_admin_url_opens_without_admin_access(client, world):
    """Anonymous visitors and ASN without access_admin are turned away from every admin URL,
    Wagtail's built-in screens (pages, documents, images, users, settings) included."""
    users, _ = world
    opened = []
    paths = sorted(p for p in set(admin_paths()) if not p.startswith(PUBLIC_ADMIN_PREFIXES))
    assert len(paths) > 200  # the whole admin, not a handful
    for path in paths:
        for role in ("anonim", "asn"):
            client.logout()
            if role == "asn":
                client.force_login(users["asn"])
            response = client.get(path)
            if outcome(response) == "allow" and response.status_code != 302:
                opened.append(f"{path} {role}: {response.status_code}")
            elif response.status_code == 302 and "login" not in response["Location"]:
                opened.append(f"{path} {role}: 302 -> {response['Location']}")
    assert not opened, "\n".join(opened)
