"""The unit tree's materialised path (`UnitKerja.path`, "/1/7/42/") kept by the model itself.

Saving one unit must never read the whole tree (2,000 units at province scale): it places the unit
under its induk and moves a re-parented subtree with one UPDATE on the path prefix.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluasi.models import JenisUnit, UnitKerja


def _unit(kode, induk=None):
    return UnitKerja.objects.create(
        kode=kode, nama=f"Unit {kode}", jenis=JenisUnit.OPD, induk=induk
    )


def _stored(unit):
    return UnitKerja.objects.values_list("path", "kedalaman").get(pk=unit.pk)


@pytest.mark.django_db
def test_a_new_unit_is_placed_under_its_induk():
    root = _unit("R")
    child = _unit("C", root)
    grandchild = _unit("G", child)

    assert _stored(root) == (f"/{root.pk}/", 0)
    assert _stored(grandchild) == (f"/{root.pk}/{child.pk}/{grandchild.pk}/", 2)
    assert (grandchild.path, grandchild.kedalaman) == _stored(grandchild)


@pytest.mark.django_db
def test_moving_a_unit_moves_its_whole_subtree_and_nothing_else():
    left, right = _unit("L"), _unit("K")
    moved = _unit("M", left)
    below = _unit("B", moved)
    deepest = _unit("D", below)
    bystander = _unit("S", left)

    moved.induk = right
    moved.save()

    assert _stored(moved) == (f"/{right.pk}/{moved.pk}/", 1)
    assert _stored(below) == (f"/{right.pk}/{moved.pk}/{below.pk}/", 2)
    assert _stored(deepest) == (f"/{right.pk}/{moved.pk}/{below.pk}/{deepest.pk}/", 3)
    assert _stored(bystander) == (f"/{left.pk}/{bystander.pk}/", 1)
    # The incremental placement agrees with a full rebuild from `induk`.
    assert UnitKerja.objects.paths_rebuild() == 0

    moved.induk = None
    moved.save()
    assert _stored(deepest) == (f"/{moved.pk}/{below.pk}/{deepest.pk}/", 2)
    assert UnitKerja.objects.paths_rebuild() == 0


@pytest.mark.django_db
def test_a_stale_instance_does_not_write_back_an_old_path():
    root, other = _unit("R"), _unit("O")
    child = _unit("C", root)
    stale = UnitKerja.objects.get(pk=child.pk)
    root.induk = other
    root.save()  # moves `child` too, behind the back of `stale`

    stale.nama = "Unit C (baru)"
    stale.save()

    assert _stored(child) == (f"/{other.pk}/{root.pk}/{child.pk}/", 2)


def _queries_to_rename(unit) -> list[str]:
    unit.nama += " (ubah)"
    with CaptureQueriesContext(connection) as captured:
        unit.save()
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.django_db
def test_saving_a_unit_reads_a_bounded_number_of_rows_however_large_the_tree():
    root = _unit("R")
    leaf = _unit("L", root)
    small = _queries_to_rename(leaf)

    UnitKerja.objects.bulk_create(
        UnitKerja(kode=f"X{i}", nama=f"Unit {i}", jenis=JenisUnit.OPD, induk=root)
        for i in range(300)
    )
    UnitKerja.objects.paths_rebuild()
    large = _queries_to_rename(UnitKerja.objects.get(pk=leaf.pk))

    assert len(large) == len(small)
    table = UnitKerja._meta.db_table
    whole_tree_reads = [
        sql for sql in large if sql.startswith("SELECT") and table in sql and "WHERE" not in sql
    ]
    assert whole_tree_reads == []
