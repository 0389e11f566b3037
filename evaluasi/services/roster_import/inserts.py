"""Inserting many rows with one prepared INSERT executed many times, and reading their ids back.

The ORM's bulk_create builds a model instance per row and one multi-row INSERT per batch whose
SQL text differs with the batch size; for a roster of 60,000 pegawai that costs several times the
database's own work. Here the statement is prepared once and the rows go as plain tuples
(`executemany`), as `UnitKerjaManager.paths_rebuild` does for its UPDATEs. The new ids are then
read back by the rows' unique key, which works the same on SQLite and PostgreSQL.
"""

from collections.abc import Sequence

from django.db import connection

# Keys per "WHERE key IN (...)" when reading ids back: below SQLite's oldest variable limit (999).
ID_CHUNK = 900


def _column(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _constant_defaults(model, columns: Sequence[str]) -> dict[str, object]:
    """Field name -> database value for every other concrete field, from one unsaved instance
    (model defaults, as the ORM would write them). A unique field with a non-null default would
    collide from the second row: a programmer error, raised as ValueError."""
    prototype = model()
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in columns:
            continue
        value = field.get_db_prep_save(field.pre_save(prototype, add=True), connection)
        if field.unique and value is not None:
            raise ValueError(f"{model.__name__}.{field.name} is unique: pass it per row.")
        values[field.name] = value
    return values


def rows_insert(model, columns: Sequence[str], rows: list[tuple], *, key: str) -> dict:
    """Insert `rows` (tuples of database-ready values — text, numbers, booleans, ids, None — in
    the order of `columns`, field names of `model`; a ForeignKey is given by its id) with one
    prepared INSERT executed for every row; every other field gets its model default. `key`: a
    unique field among `columns`. Returns key value -> new id for the rows inserted.

    Runs in the caller's transaction. Raises the database's IntegrityError for a row that breaks
    a constraint (the import's plan rules such rows out first) and ValueError for a unique field
    that would get the same default on every row."""
    if not rows:
        return {}
    defaults = _constant_defaults(model, columns)
    nulls = [name for name, value in defaults.items() if value is None]  # written as NULL
    given = {name: value for name, value in defaults.items() if value is not None}
    names = [*columns, *given, *nulls]
    table = connection.ops.quote_name(model._meta.db_table)
    column_list = ", ".join(_column(model, name) for name in names)
    placeholders = ", ".join(["%s"] * (len(columns) + len(given)) + ["NULL"] * len(nulls))
    sql = f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})"  # noqa: S608
    extra = tuple(given.values())
    key_index = list(columns).index(key)
    ids: dict = {}
    with connection.cursor() as cursor:
        cursor.executemany(sql, [row + extra for row in rows] if extra else rows)
        select = f"SELECT {_column(model, key)}, {_column(model, 'id')} FROM {table} WHERE "  # noqa: S608
        keys = [row[key_index] for row in rows]
        for start in range(0, len(keys), ID_CHUNK):
            chunk = keys[start : start + ID_CHUNK]
            where = f"{_column(model, key)} IN ({', '.join(['%s'] * len(chunk))})"
            cursor.execute(select + where, chunk)
            ids.update(cursor.fetchall())
    return ids
