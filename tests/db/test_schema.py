from superficial.db import queries
from superficial.db.schema import TABLES


def test_schema_doc_matches_the_database(fixture_store):
    """Every column in the database is documented, and every documented column exists."""
    in_db = set(map(tuple, fixture_store.query(queries.COLUMN_TYPES_SQL)[["table_name", "column_name"]].values))
    documented = {(table, column) for table, (_, columns) in TABLES.items() for column in columns}
    assert documented == in_db


def test_schema_frame_has_types_meanings_and_units(fixture_store):
    schema = queries.schema(fixture_store)
    assert (schema["type"] != "").all() and (schema["meaning"] != "").all()
    value = schema[(schema["table"] == "scores") & (schema["column"] == "value")].iloc[0]
    assert value["type"] == "DOUBLE" and "percent" in value["unit"] and "Elo" in value["unit"]
