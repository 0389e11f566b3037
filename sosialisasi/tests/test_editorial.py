"""Editors write and submit; Admin BKD approves; Editors cannot publish or touch the roster."""

import pytest
from django.contrib.auth.models import Group, User

from cms.models import HomePage
from cms.roles import ADMIN_BKD, EDITOR
from sosialisasi.models import PanduanPage
from sosialisasi.services.editorial import WORKFLOW_NAME


@pytest.fixture
def editor(sosialisasi):
    user = User.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


@pytest.fixture
def approver(sosialisasi):
    user = User.objects.create_user("approver", password="x")
    user.groups.add(Group.objects.get(name=ADMIN_BKD))
    return user


def test_editor_may_add_and_edit_in_sosialisasi_but_not_publish(sosialisasi, editor):
    section = sosialisasi.permissions_for_user(editor)
    assert section.can_add_subpage() and section.can_edit()
    assert not section.can_publish()
    home = HomePage.objects.get().permissions_for_user(editor)
    assert not home.can_edit() and not home.can_add_subpage()


def test_submitted_guide_goes_live_only_after_admin_bkd_approves(sosialisasi, editor, approver):
    guide = PanduanPage(
        title="Panduan dari Editor", slug="dari-editor", ringkasan="r", body="[]", live=False
    )
    sosialisasi.add_child(instance=guide)
    guide.save_revision(user=editor)
    workflow = guide.get_workflow()
    assert workflow.name == WORKFLOW_NAME

    workflow.start(guide, editor)
    guide.refresh_from_db()
    assert not guide.live
    task_state = guide.current_workflow_task_state
    assert task_state.task.specific.user_can_access_editor(guide, approver)
    assert not task_state.task.specific.get_actions(guide, editor)

    task_state.task.specific.on_action(task_state, approver, "approve")
    guide.refresh_from_db()
    assert guide.live


def test_editor_has_no_roster_access(sosialisasi, editor, client):
    client.force_login(editor)
    assert client.get("/admin/roster/pegawai/").status_code in (302, 403)
    explorer = client.get("/admin/pages/")
    assert (
        explorer["Location"] == f"/admin/pages/{sosialisasi.pk}/"
    )  # their tree starts at Sosialisasi
