"""PostgreSQL full-text search, on the real server: parsing, ranking, weights, the GIN index."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from examples import scratch_postgres
from examples.data.documents.gin_index import plan_summary
from examples.data.search.pg_fulltext import add_search_index, load, search

MATCH = "SELECT id FROM products WHERE search @@ websearch_to_tsquery('english', %s)"


@pytest.fixture
def conn(postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with (
        scratch_postgres.scratch_schema("test_search", postgres_dsn) as schema,
        scratch_postgres.connect(schema, postgres_dsn) as connection,
    ):
        load(connection, filler=20_000)
        yield connection


def test_stemming_matches_other_forms_of_the_word(conn: psycopg.Connection) -> None:
    assert sorted(row[0] for row in search(conn, "runs")) == [1, 2, 4, 5]
    assert sorted(row[0] for row in search(conn, "shoe")) == [1, 2, 3, 4]


def test_snowball_keeps_news_apart_but_conflates_university(conn: psycopg.Connection) -> None:
    (vector,) = conn.execute("SELECT to_tsvector('english', 'news new university universe')").fetchone()
    assert vector == "'new':2 'news':1 'univers':3,4"


def test_title_hits_outrank_body_hits(conn: psycopg.Connection) -> None:
    ranks = {row[0]: row[2] for row in search(conn, "shoes")}
    assert ranks[1] == ranks[2] == ranks[3] > ranks[4]
    # Default weights: A = 1.0, B = 0.4, so the ratio is 2.5 for a single term.
    assert round(ranks[1] / ranks[4], 1) == 2.5


def test_phrase_and_negation(conn: psycopg.Connection) -> None:
    assert [row[0] for row in search(conn, '"trail running"')] == [1]
    assert [row[0] for row in search(conn, "shoes -leather")] == [1, 2, 4]
    # Word order matters in a phrase: row 5 says "run: trails", not "trail run".
    assert [row[0] for row in search(conn, '"run trail"')] == [5]


def test_stop_words_only_match_nothing_without_error(conn: psycopg.Connection) -> None:
    assert search(conn, "the and of") == []
    assert search(conn, "") == []


def test_to_tsquery_rejects_raw_user_input_and_websearch_does_not(conn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.SyntaxError):
        conn.execute("SELECT to_tsquery('english', %s)", ("running shoes",))
    for nasty in ("running shoes)(&!", "'; DROP TABLE products; --", "!!!", '"unclosed'):
        conn.execute("SELECT websearch_to_tsquery('english', %s)", (nasty,))
    assert conn.execute("SELECT count(*) FROM products").fetchone()[0] == 20_005


def test_generated_column_follows_updates(conn: psycopg.Connection) -> None:
    conn.execute("UPDATE products SET title = 'Canvas sneakers' WHERE id = 3")
    assert [row[0] for row in search(conn, "sneakers")] == [3]
    assert 3 not in [row[0] for row in search(conn, "leather dress")]


def test_search_column_cannot_be_written_directly(conn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.GeneratedAlways):
        conn.execute("UPDATE products SET search = to_tsvector('english', 'x') WHERE id = 1")


def test_gin_index_is_used_only_after_it_exists_and_gives_the_same_rows(conn: psycopg.Connection) -> None:
    before = conn.execute(MATCH + " ORDER BY id", ("shoes",)).fetchall()
    assert plan_summary(conn, MATCH, ("shoes",)) == ["Seq Scan on products"]
    add_search_index(conn)
    plan = plan_summary(conn, MATCH, ("shoes",))
    assert plan == ["Bitmap Heap Scan on products", "Bitmap Index Scan using products_search"]
    assert conn.execute(MATCH + " ORDER BY id", ("shoes",)).fetchall() == before


def test_negative_filler_is_rejected(postgres_dsn: str) -> None:
    with (
        scratch_postgres.scratch_schema("test_search", postgres_dsn) as schema,
        scratch_postgres.connect(schema, postgres_dsn) as connection,
        pytest.raises(ValueError, match="non-negative"),
    ):
        load(connection, filler=-1)
