"""Injection against the product search on PostgreSQL: the vulnerable code stays
exploitable, the safe code returns only what it should for any input."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.scratch_postgres import connect, scratch_schema
from examples.security.web.sql_injection import (
    PRODUCTS,
    SORT_COLUMNS,
    create_catalog,
    escape_like,
    find_by_name,
    list_products,
    save_search,
    search,
    unescaped_search,
    vulnerable_find_by_name,
    vulnerable_list_products,
    vulnerable_run_saved_search,
)

VISIBLE = [(i, name, price) for i, name, price, visible in PRODUCTS if visible]
ATTACKS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    "' UNION SELECT id, email || ' ' || api_token, 0 FROM app_user --",
    "'; DROP TABLE product; --",
    "x' OR NOT visible --",
    "\\' OR 1=1 --",
]
# PostgreSQL text cannot hold NUL; everything else is fair game.
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30)


@pytest.fixture
def conn(postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with scratch_schema("t_sqli", postgres_dsn) as schema, connect(
        schema, postgres_dsn
    ) as connection:
        create_catalog(connection)
        yield connection


def test_the_classic_attack_reads_every_row_from_the_vulnerable_query(conn) -> None:
    rows = vulnerable_find_by_name(conn, "' OR '1'='1")
    assert len(rows) == len(PRODUCTS)  # the hidden product too


def test_a_union_reads_another_table_through_the_vulnerable_query(conn) -> None:
    rows = vulnerable_find_by_name(conn, ATTACKS[2])
    assert rows == [(1, "ada@example.com tok_ada_not_a_real_secret", 0)]


def test_a_stacked_drop_runs_on_the_vulnerable_query(conn) -> None:
    # Without parameters psycopg sends the text as one simple query: several statements.
    assert vulnerable_find_by_name(conn, "'; DROP TABLE product; --") == []
    with pytest.raises(psycopg.errors.UndefinedTable):
        find_by_name(conn, "Blue mug")


@pytest.mark.parametrize("attack", ATTACKS)
def test_parameters_treat_every_attack_as_a_name(conn, attack: str) -> None:
    assert find_by_name(conn, attack) == []
    assert len(find_by_name(conn, "Blue mug")) == 1  # and the table is still there


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=TEXT)
def test_find_by_name_returns_exactly_the_visible_rows_with_that_name(
    conn, name
) -> None:
    assert find_by_name(conn, name) == [row for row in VISIBLE if row[1] == name]


def test_a_quote_in_a_real_name_breaks_the_vulnerable_query(conn) -> None:
    with pytest.raises(psycopg.errors.SyntaxError):
        vulnerable_find_by_name(conn, "O'Brien")


def test_order_by_leaks_one_bit_per_request_when_pasted(conn) -> None:
    def probe(guess: str) -> str:
        return (
            # S608 flags this string-built SQL: it is the attack payload.
            f"CASE WHEN (SELECT api_token FROM app_user) LIKE '{guess}%'"  # noqa: S608
            " THEN price_cents ELSE -price_cents END"
        )

    right = [row[0] for row in vulnerable_list_products(conn, probe("tok_a"))]
    wrong = [row[0] for row in vulnerable_list_products(conn, probe("tok_b"))]
    assert right != wrong


@pytest.mark.parametrize("sort", list(SORT_COLUMNS))
@pytest.mark.parametrize("descending", [False, True])
def test_every_allowed_sort_orders_by_its_column(conn, sort, descending) -> None:
    index = {"name": 1, "price": 2, "newest": 0}[sort]
    expected = sorted(VISIBLE, key=lambda row: row[index], reverse=descending)
    assert list_products(conn, sort, descending) == expected


@pytest.mark.parametrize("sort", ["price_cents", "id; DROP TABLE product", "", "NAME"])
def test_a_sort_outside_the_allow_list_is_refused(conn, sort) -> None:
    with pytest.raises(ValueError, match="sort must be one of"):
        list_products(conn, sort, descending=False)


def test_unescaped_wildcards_match_everything(conn) -> None:
    assert unescaped_search(conn, "%") == VISIBLE
    assert unescaped_search(conn, "_") == VISIBLE


def test_escaped_wildcards_match_only_themselves(conn) -> None:
    assert [r[1] for r in search(conn, "%")] == ["50% off voucher"]
    assert search(conn, "_") == []
    assert search(conn, "\\") == []
    assert [r[1] for r in search(conn, "MUG")] == ["Blue mug", "Red mug"]


# A name with a backslash and an underscore, so escaping each of them matters.
TRICKY = (10, "C:\\shop_data mug", 700)


@pytest.fixture
def tricky_conn(conn) -> psycopg.Connection:
    conn.execute(
        "INSERT INTO product (id, name, price_cents, visible)"
        " VALUES (%s, %s, %s, true)",
        TRICKY,
    )
    return conn


@st.composite
def like_terms(draw: st.DrawFn) -> str:
    """A piece of a real name with %, _ or \\ put in: near misses and exact hits."""
    name = draw(st.sampled_from([row[1] for row in [*VISIBLE, TRICKY]]))
    start = draw(st.integers(0, len(name)))
    term = name[start : draw(st.integers(start, len(name)))]
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(term)))
        term = term[:at] + draw(st.sampled_from(["%", "_", "\\"])) + term[at:]
    return term


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    term=like_terms()
    | st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=12)
)
def test_search_matches_a_substring_model(tricky_conn, term: str) -> None:
    # ASCII only, so Python's lower() and PostgreSQL's ILIKE agree on case.
    rows = [*VISIBLE, TRICKY]
    expected = [row for row in rows if term.lower() in row[1].lower()]
    assert search(tricky_conn, term) == expected


def test_a_backslash_or_underscore_matches_only_itself(tricky_conn) -> None:
    assert search(tricky_conn, "\\") == [TRICKY]
    assert search(tricky_conn, "p_d") == [TRICKY]
    assert search(tricky_conn, "p_") == [TRICKY]
    assert search(tricky_conn, "e_m") == []  # "Blue mug" only if _ were a wildcard


@given(term=st.text())
def test_escape_like_leaves_no_bare_wildcard(term: str) -> None:
    escaped = escape_like(term)
    i = 0
    while i < len(escaped):
        if escaped[i] == "\\":
            assert escaped[i + 1] in "\\%_"
            i += 2
        else:
            assert escaped[i] not in "%_"
            i += 1


def test_second_order_injection_fires_from_a_safely_stored_value(conn) -> None:
    saved = save_search(conn, user_id=1, term="x' OR NOT visible --")
    (stored,) = conn.execute(
        "SELECT term FROM saved_search WHERE id = %s", (saved,)
    ).fetchone()
    assert stored == "x' OR NOT visible --"  # stored intact: the insert was safe
    assert [r[1] for r in vulnerable_run_saved_search(conn, saved)] == [
        "Unreleased kettle"
    ]
