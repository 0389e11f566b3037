"""Read-side queries for the roster, always scoped to what the asking user may see."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from cms.roles import ADMIN_BKD, ADMIN_OPD
from evaluasi.models import ImporRoster, Pegawai, Penghargaan, Penugasan, UnitKerja


@dataclass(frozen=True)
class UnitScope:
    """`everything` for Admin BKD; otherwise the subtree under `root` (None: nothing at all)."""

    everything: bool = False
    root: UnitKerja | None = None

    @property
    def path(self) -> str | None:
        return None if self.everything else (self.root.path if self.root else "")

    def allows_unit(self, unit: UnitKerja) -> bool:
        return self.everything or (self.root is not None and unit.path.startswith(self.root.path))


def _group_names(user) -> set[str]:
    cache = getattr(user, "_group_names_cache", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._group_names_cache = cache
    return cache


def unit_scope_for(user) -> UnitScope:
    """The UnitScope of `user`: everything for a superuser or Admin BKD; the subtree of their
    LingkupAdmin unit for an Admin OPD; nothing (root None) for anyone else, an inactive or
    anonymous user, or an Admin OPD without a recorded unit. Raises nothing."""
    if not user.is_authenticated or not user.is_active:
        return UnitScope()
    if user.is_superuser or ADMIN_BKD in _group_names(user):
        return UnitScope(everything=True)
    if ADMIN_OPD in _group_names(user):
        lingkup = getattr(user, "lingkup_admin", None)
        if lingkup is not None:
            return UnitScope(root=lingkup.unit_kerja)
    return UnitScope()


def admin_opd_over(unit: UnitKerja) -> QuerySet:
    """The active Admin OPD users whose LingkupAdmin subtree holds `unit` (their unit or one
    above it): those `unit_scope_for` lets act on the unit's pegawai. Admin BKD and superusers
    are not included. Returns a User queryset."""
    ancestors = [unit.path[: i + 1] for i, char in enumerate(unit.path) if char == "/" and i]
    return (
        get_user_model()
        .objects.filter(
            is_active=True, groups__name=ADMIN_OPD, lingkup_admin__unit_kerja__path__in=ancestors
        )
        .distinct()
    )


def in_unit_scope(queryset: QuerySet, user, path_lookup: str, extra: Q | None = None) -> QuerySet:
    """`queryset` narrowed to rows whose unit path (reached by `path_lookup`, e.g.
    "pegawai__unit_kerja__path") lies in the user's unit subtree, or that match `extra`.

    Admin BKD and superusers get the queryset unchanged; a user with no unit scope gets none (plus
    nothing from `extra`). The one scope rule every `..._visible_to`/`..._in_scope` selector uses.
    """
    scope = unit_scope_for(user)
    if scope.everything:
        return queryset
    if scope.root is None:
        return queryset.none()
    condition = Q(**{f"{path_lookup}__startswith": scope.root.path})
    return queryset.filter(condition | extra if extra is not None else condition)


def units_visible_to(user) -> QuerySet[UnitKerja]:
    """The UnitKerja queryset `user` may see: every unit, the units of their scope's subtree, or
    none (`unit_scope_for`)."""
    return in_unit_scope(UnitKerja.objects.all(), user, "path")


def pegawai_visible_to(user) -> QuerySet[Pegawai]:
    """The Pegawai queryset `user` may see (by the pegawai's unit, within `unit_scope_for`), with
    unit and atasan joined."""
    queryset = Pegawai.objects.select_related("unit_kerja", "atasan")
    return in_unit_scope(queryset, user, "unit_kerja__path")


def imports_visible_to(user) -> QuerySet[ImporRoster]:
    """Imports recorded for units in the user's scope, and the user's own uploads."""
    queryset = ImporRoster.objects.select_related("diunggah_oleh", "lingkup_unit")
    return in_unit_scope(queryset, user, "lingkup_unit__path", extra=Q(diunggah_oleh=user))


CHAIN_DEPTH = 10


def atasan_chain(pegawai: Pegawai) -> list[Pegawai]:
    """The pegawai's supervisors, nearest first, fetched in one query (up to CHAIN_DEPTH levels)."""
    related = "__".join(["atasan"] * CHAIN_DEPTH)
    fetched = Pegawai.objects.select_related(related).get(pk=pegawai.pk)
    chain, seen, current = [], {pegawai.pk}, fetched.atasan
    while current is not None and current.pk not in seen and len(chain) < CHAIN_DEPTH:
        chain.append(current)
        seen.add(current.pk)
        current = current.atasan if len(chain) < CHAIN_DEPTH else None
    return chain


def pegawai_by_nip(nip: str) -> Pegawai | None:
    """Recognise a NIP (used by sosialisasi registration and account activation)."""
    return Pegawai.objects.select_related("unit_kerja").filter(nip=nip, aktif=True).first()


def awards_visible_to(user) -> QuerySet:
    """Awardees (chosen or published) whose pegawai is in the user's unit subtree."""
    queryset = Penghargaan.objects.select_related("periode", "pegawai__unit_kerja")
    return in_unit_scope(queryset, user, "pegawai__unit_kerja__path")


def assignments_of_ratees_in_scope(user) -> QuerySet:
    """Assignments whose ratee is in the user's unit subtree (management screens)."""
    queryset = Penugasan.objects.select_related(
        "periode", "penilai__unit_kerja", "dinilai__unit_kerja"
    )
    return in_unit_scope(queryset, user, "dinilai__unit_kerja__path")
