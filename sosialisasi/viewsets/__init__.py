"""Wagtail admin, one module per admin menu: `workshop` (workshop registrations), its extra screens
beside it in `workshop_checkin`; `wagtail_hooks` registers the menu."""
