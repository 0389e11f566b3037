"""Writes on the unit tree."""

from django.db import connection

from evaluasi.models import UnitKerja


def unit_paths_rebuild() -> int:
    """Recompute every unit's materialised path and depth from `induk`; returns rows changed.

    2,000 units fit in memory as tuples; only rows whose path changed are written.
    """
    rows = list(UnitKerja.objects.values_list("id", "induk_id", "path", "kedalaman"))
    parent = {pk: induk for pk, induk, _, _ in rows}
    computed: dict[int, tuple[str, int]] = {}

    def resolve(pk: int) -> tuple[str, int]:
        chain = []
        node = pk
        while node is not None and node not in computed:
            if node in chain:  # a cycle; clean() prevents it, never loop forever
                break
            chain.append(node)
            node = parent.get(node)
        base_path, base_depth = computed.get(node, ("/", -1)) if node is not None else ("/", -1)
        for depth_offset, item in enumerate(reversed(chain), start=1):
            computed[item] = (f"{base_path}{item}/", base_depth + depth_offset)
            base_path = computed[item][0]
        return computed[pk]

    changed = []
    for pk, _, path, depth in rows:
        new_path, new_depth = resolve(pk)
        if (new_path, new_depth) != (path, depth):
            changed.append((new_path, new_depth, pk))
    # executemany of one prepared UPDATE is several times faster than bulk_update's CASE chains.
    table = connection.ops.quote_name(UnitKerja._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET path = %s, kedalaman = %s WHERE id = %s", changed)  # noqa: S608
    return len(changed)
