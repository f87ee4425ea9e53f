"""History rows for bulk writes, written by the database from the rows just written (INSERT … SELECT).

simple-history's bulk_history_create builds one Python object per row and sends every value back to the database;
for a national year that is most of an import's time and memory. Here the database copies the rows it already
has, so a historical record holds exactly what was written, and the m2m snapshot of each record (simple-history's
HistoricalX_field tables) is copied from the through tables the same way. A record written here equals the one a
save in the browser writes: same user, date, type, every tracked field and the m2m snapshot.
"""

import json
from collections.abc import Collection
from contextlib import contextmanager

from django.db import connection
from simple_history.models import HistoricalRecords
from simple_history.utils import get_m2m_field_name

# The SQL is built from quoted table and column names of the models only; every value is a parameter.
NY, ANDRAD = "+", "~"  # simple-history's history_type of a created and of a changed row


def _in(column: str, ids: Collection[int]) -> tuple[str, list]:
    """A condition "column is one of ids" with one parameter, whatever the number of ids. On PostgreSQL a set to
    join, never "= ANY(array)", which the planner may apply as a filter that searches the whole array for every
    row (42 000 × 42 000 for a national year's years). The ids go as one text, not an array parameter: psycopg
    builds an array an object per element (10 MB for a national year's years, the peak of an import)."""
    if connection.vendor == "postgresql":
        return f"{column} IN (SELECT unnest(string_to_array(%s, ',')::bigint[]))", [",".join(map(str, ids))]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(ids))]  # noqa: S608 - see below


def history_insert(model, ids: Collection[int], *, user, date, history_type: str) -> None:
    """Write a historical record for each row of model whose pk is in ids, and its m2m snapshot, in one INSERT …
    SELECT per table. date must be the import's own moment, and each model and type written once per import:
    with the user, they tell this import's records apart."""
    if not ids:
        return
    qn = connection.ops.quote_name
    history = model.history.model
    tracked = history.tracked_fields
    columns = [qn(history._meta.get_field(f.name).column) for f in tracked]
    columns += [qn(c) for c in ("history_date", "history_change_reason", "history_type", "history_user_id")]
    values = [f"t.{qn(f.column)}" for f in tracked] + ["%s", "NULL", "%s", "%s"]
    datum = connection.ops.adapt_datetimefield_value(date)
    villkor, params = _in(f"t.{qn(model._meta.pk.column)}", ids)
    into, source = f"{qn(history._meta.db_table)} ({', '.join(columns)})", qn(model._meta.db_table)
    sql = f"INSERT INTO {into} SELECT {', '.join(values)} FROM {source} t WHERE {villkor}"  # noqa: S608
    with connection.cursor() as cursor, _hash_joins(cursor):
        cursor.execute(sql, [datum, history_type, user.pk if user else None, *params])
        for field in getattr(history, "_history_m2m_fields", ()):
            _m2m_insert(cursor, model, history, field, datum, history_type, user)


@contextmanager
def _hash_joins(cursor):
    """On PostgreSQL, no nested loops for these statements: the rows they join were written in this transaction,
    so the planner's statistics may still say the tables are (nearly) empty, and a nested loop over 42 000 rows
    each way takes minutes where a hash join takes milliseconds. The setting is put back afterwards."""
    if connection.vendor != "postgresql":
        yield
        return
    cursor.execute("SELECT current_setting('enable_nestloop'), set_config('enable_nestloop', 'off', true)")
    before = cursor.fetchone()[0]
    try:
        yield
    finally:
        cursor.execute("SELECT set_config('enable_nestloop', %s, true)", [before])


def _m2m_insert(cursor, model, history, field, datum, history_type, user) -> None:
    """The m2m snapshot of the records just written: every through row of their objects, as simple-history copies
    it after a save (create_historical_record_m2ms). The records are found by their moment, type and user (the
    import's own, to the microsecond), a plain join with no list of ids."""
    qn = connection.ops.quote_name
    m2m_history = HistoricalRecords.m2m_models[field]
    through = field.remote_field.through
    fields = through._meta.concrete_fields
    columns = [qn(m2m_history._meta.get_field(f.name).column) for f in fields] + [qn("history_id")]
    values = [f"t.{qn(f.column)}" for f in fields] + ["h.history_id"]
    eget = qn(through._meta.get_field(get_m2m_field_name(field)).column)
    hist_pk = qn(history._meta.get_field(model._meta.pk.name).column)
    into = f"{qn(m2m_history._meta.db_table)} ({', '.join(columns)})"
    join = f"{qn(through._meta.db_table)} t JOIN {qn(history._meta.db_table)} h ON h.{hist_pk} = t.{eget}"
    sql = f"INSERT INTO {into} SELECT {', '.join(values)} FROM {join} WHERE h.history_date = %s"  # noqa: S608
    anvandare = "h.history_user_id = %s" if user else "h.history_user_id IS NULL"
    params = [datum, history_type] + ([user.pk] if user else [])
    cursor.execute(f"{sql} AND h.history_type = %s AND {anvandare}", params)
