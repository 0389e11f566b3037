"""Wagtail's own admin screens keep to the Admin OPD scope (issue 15, docs/privasi.md).

The site history report (and its CSV/XLSX export) of an Admin OPD shows nothing about another
unit's pegawai; Admin BKD sees everything. The page chooser of a user who cannot edit pages lists
live public pages only; an Editor still sees drafts.
"""

import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission, Page, PageViewRestriction

from cms.roles import ADMIN_BKD, ADMIN_OPD, EDITOR

SITE_HISTORY = "/admin/reports/site-history/"


@pytest.fixture
def two_opds(db):
    from evaluasi.models import LingkupAdmin
    from evaluasi.tests.factories import PegawaiFactory, UnitKerjaFactory

    unit1, unit2 = UnitKerjaFactory(nama="Dinas Kesehatan"), UnitKerjaFactory(nama="Dinas Sosial")
    pegawai1 = PegawaiFactory(unit_kerja=unit1, nama="Sinta Rahmawati")
    pegawai2 = PegawaiFactory(unit_kerja=unit2, nama="Ahmad Permana")

    def account(username, group, scope=None):
        user = User.objects.create_user(username, password="x")
        user.groups.add(Group.objects.get(name=group))
        if scope is not None:
            LingkupAdmin.objects.create(user=user, unit_kerja=scope)
        return user

    opd1 = account("opd-kesehatan", ADMIN_OPD, unit1)
    opd2 = account("opd-sosial", ADMIN_OPD, unit2)
    bkd = account("bkd", ADMIN_BKD)
    log(instance=pegawai1, action="wagtail.edit", user=opd1)
    log(instance=pegawai2, action="wagtail.edit", user=opd2)
    return {"opd1": opd1, "opd2": opd2, "bkd": bkd, "pegawai1": pegawai1, "pegawai2": pegawai2}


def _report(client, user, export=None):
    client.force_login(user)
    response = client.get(SITE_HISTORY, {"export": export} if export else {})
    assert response.status_code == 200
    if export == "xlsx":
        workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        return "\n".join(
            str(cell)
            for sheet in workbook
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        )
    if export == "csv":
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("export", [None, "csv", "xlsx"])
def test_site_history_of_admin_opd_shows_nothing_of_another_unit(client, two_opds, export):
    text = _report(client, two_opds["opd1"], export)
    other = two_opds["pegawai2"]
    assert other.nama not in text
    assert other.nip not in text
    assert "opd-sosial" not in text
    # Its own actions stay visible.
    assert two_opds["pegawai1"].nama in text


@pytest.mark.parametrize("export", [None, "csv"])
def test_site_history_of_admin_bkd_shows_every_unit(client, two_opds, export):
    text = _report(client, two_opds["bkd"], export)
    assert two_opds["pegawai1"].nama in text
    assert two_opds["pegawai2"].nama in text


def test_site_history_filters_list_no_other_units_admins(client, two_opds):
    client.force_login(two_opds["opd1"])
    text = client.get(SITE_HISTORY).content.decode()
    assert "opd-sosial" not in text


@pytest.mark.parametrize(
    "name",
    [
        "wagtailadmin_reports:locked_pages",
        "wagtailadmin_reports:aging_pages",
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_reports:workflow",
        "wagtailadmin_reports:workflow_tasks",
    ],
)
def test_page_reports_are_closed_to_admin_opd(client, two_opds, name):
    client.force_login(two_opds["opd1"])
    response = client.get(reverse(name))
    assert response.status_code in (302, 403, 404)


def test_object_history_of_another_units_pegawai_is_404(client, two_opds):
    client.force_login(two_opds["opd1"])
    response = client.get(reverse("pegawai:history", args=[two_opds["pegawai2"].pk]))
    assert response.status_code == 404


# --- page chooser ---------------------------------------------------------------------------


@pytest.fixture
def pages(two_opds):
    root = Page.get_first_root_node()
    parent = root.add_child(instance=Page(title="Induk Terbit Uji", slug="induk-terbit-uji"))
    live = parent.add_child(instance=Page(title="Halaman Terbit Uji", slug="terbit"))
    draft = parent.add_child(instance=Page(title="Halaman Draf Uji", slug="draf", live=False))
    draft.add_child(instance=Page(title="Anak Draf Uji", slug="anak-draf"))
    private = parent.add_child(instance=Page(title="Halaman Rahasia Uji", slug="rahasia"))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    login_only = parent.add_child(instance=Page(title="Halaman Masuk Uji", slug="masuk"))
    PageViewRestriction.objects.create(page=login_only, restriction_type=PageViewRestriction.LOGIN)
    editor = User.objects.create_user("editor", password="x")
    group = Group.objects.get(name=EDITOR)
    editor.groups.add(group)
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return {"parent": parent, "live": live, "draft": draft, "private": private, "editor": editor}


HIDDEN = ("Halaman Draf Uji", "Halaman Rahasia Uji", "Halaman Masuk Uji")


def test_page_chooser_browse_of_admin_opd_lists_live_public_pages_only(client, two_opds, pages):
    client.force_login(two_opds["opd1"])
    text = client.get(reverse("wagtailadmin_choose_page_child", args=[pages["parent"].pk]))
    text = text.content.decode()
    assert "Halaman Terbit Uji" in text
    for title in HIDDEN:
        assert title not in text


def test_page_chooser_search_of_admin_opd_lists_live_public_pages_only(client, two_opds, pages):
    client.force_login(two_opds["opd1"])
    text = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Uji"}).content.decode()
    assert "Halaman Terbit Uji" in text
    for title in (*HIDDEN, "Anak Draf Uji"):
        assert title not in text


@pytest.mark.parametrize("page", ["draft", "private"])
def test_page_chooser_of_admin_opd_does_not_browse_into_a_hidden_page(
    client, two_opds, pages, page
):
    client.force_login(two_opds["opd1"])
    response = client.get(reverse("wagtailadmin_choose_page_child", args=[pages[page].pk]))
    assert response.status_code == 404


def test_page_chooser_of_editor_still_lists_drafts(client, pages):
    client.force_login(pages["editor"])
    browse = client.get(reverse("wagtailadmin_choose_page_child", args=[pages["parent"].pk]))
    assert "Halaman Draf Uji" in browse.content.decode()
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Uji"})
    assert "Halaman Draf Uji" in search.content.decode()
