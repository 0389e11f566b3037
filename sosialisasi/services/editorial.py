"""Editorial control of the socialisation section: Editors submit, Admin BKD approves."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.roles import ADMIN_BKD, EDITOR

WORKFLOW_NAME = "Persetujuan konten sosialisasi"
TASK_NAME = "Persetujuan Admin BKD"

# Editors write and submit; only approvers publish. "publish" is deliberately absent for Editors.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
APPROVER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "delete_page"]
EDITOR_MEDIA_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]


def _grant_pages(group: Group, page: Page, codenames: list[str]) -> None:
    for codename in codenames:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_media(group: Group) -> None:
    root = Collection.get_first_root_node()
    for app_label, codename in EDITOR_MEDIA_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


@transaction.atomic
def editorial_setup(*, index_page: Page) -> Workflow:
    """Idempotent: the workflow on the section, and page/media permissions for both roles."""
    editors, _ = Group.objects.get_or_create(name=EDITOR)
    approvers, _ = Group.objects.get_or_create(name=ADMIN_BKD)

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([approvers])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})

    _grant_pages(editors, index_page, EDITOR_PAGE_PERMISSIONS)
    _grant_pages(approvers, index_page, APPROVER_PAGE_PERMISSIONS)
    _grant_media(editors)
    _grant_media(approvers)
    return workflow
