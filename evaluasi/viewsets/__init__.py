"""Wagtail admin, one module per admin menu: `kepegawaian` (units, employees, roster import) and
`penilaian` (periods, assignments, instruments, awards, access log). A menu's extra screens sit
beside it in `<menu>_<viewset>.py` modules; `wagtail_hooks` registers the menus."""
