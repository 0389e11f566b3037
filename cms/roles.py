"""Role names (Django groups), their permissions, and keeping both in step on every migrate.

Kernel: permissions are named by app label and codename, so nothing here imports an app.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

ADMIN_BKD = "Admin BKD"
ADMIN_OPD = "Admin OPD"
EDITOR = "Editor"


ROSTER_MODELS = ("unitkerja", "pegawai")
GROUP_PERMISSIONS = {
    ADMIN_BKD: [("wagtailadmin", "access_admin")]
    + [
        ("evaluasi", f"{action}_{model}")
        for model in ROSTER_MODELS
        for action in ("add", "change", "view", "delete")
    ]
    + [("evaluasi", f"{action}_lingkupadmin") for action in ("add", "change", "view", "delete")]
    + [("evaluasi", "add_imporroster"), ("evaluasi", "view_imporroster")]
    + [("sosialisasi", f"{action}_pendaftaran") for action in ("view", "change")]
    + [
        ("evaluasi", f"{action}_{model}")
        for model in ("instrumen", "periodepenilaian")
        for action in ("add", "change", "view")
    ]
    + [("evaluasi", f"{action}_penugasan") for action in ("add", "view", "delete")]
    + [("evaluasi", f"{action}_predikatunit") for action in ("add", "change", "view")]
    + [("evaluasi", f"{action}_penghargaan") for action in ("add", "change", "view", "delete")]
    + [("evaluasi", f"{action}_tahunkinerja") for action in ("add", "change", "view")],
    ADMIN_OPD: [("wagtailadmin", "access_admin")]
    + [
        ("evaluasi", f"{action}_{model}")
        for model in ROSTER_MODELS
        for action in ("add", "change", "view")
    ]
    + [("evaluasi", "add_imporroster"), ("evaluasi", "view_imporroster")]
    + [("sosialisasi", f"{action}_pendaftaran") for action in ("view", "change")]
    + [("evaluasi", "view_periodepenilaian"), ("evaluasi", "view_tahunkinerja")]
    + [("evaluasi", f"{action}_penugasan") for action in ("add", "view", "delete")]
    + [("evaluasi", f"{action}_predikatunit") for action in ("add", "change", "view")],
    EDITOR: [("wagtailadmin", "access_admin")],
}


def roles_ensure(app_configs=()) -> None:
    """Create the role groups and grant exactly the listed permissions (idempotent)."""
    for app_config in app_configs:
        create_permissions(app_config, verbosity=0)
    for name, wanted in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.filter(content_type__app_label=app, codename=codename).first()
            for app, codename in wanted
        ]
        group.permissions.set([p for p in permissions if p is not None])
