"""Role names (Django groups) and how a user's unit scope follows from them."""

ADMIN_BKD = "Admin BKD"
ADMIN_OPD = "Admin OPD"
EDITOR = "Editor"
ALL_ROLES = (ADMIN_BKD, ADMIN_OPD, EDITOR)
