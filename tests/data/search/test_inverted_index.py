"""The toy inverted index: analysis, postings, BM25 order, updates and deletes."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.data.search.inverted_index import CATALOG, InvertedIndex, analyze, crude_stem


def _catalog_index() -> InvertedIndex:
    index = InvertedIndex()
    for doc_id, text in CATALOG.items():
        index.add(doc_id, text)
    return index


def test_analyzer_lowercases_drops_stop_words_and_punctuation() -> None:
    assert analyze("The SHOES, for Trail-Running!", stem=False) == ["shoes", "trail", "running"]
    assert analyze("") == []
    assert analyze("the and of") == []


def test_stemmer_keeps_short_words_and_merges_forms() -> None:
    assert crude_stem("running") == crude_stem("runners") == "runn"
    assert crude_stem("gas") == "gas"  # too short to strip
    assert crude_stem("news") == "new"  # the over-stemming the page shows


def test_more_occurrences_rank_higher_but_saturate() -> None:
    index = InvertedIndex()
    index.add("once", "shoe red blue green")
    index.add("twice", "shoe shoe blue green")
    index.add("many", "shoe shoe shoe shoe")
    index.add("other", "hat red blue green")
    scores = dict(index.search("shoe"))
    assert scores["many"] > scores["twice"] > scores["once"]
    # Saturation: the step from 1 to 2 occurrences is worth more than 2 to 4.
    assert scores["twice"] - scores["once"] > scores["many"] - scores["twice"]


def test_longer_documents_score_lower_for_the_same_term_count() -> None:
    index = InvertedIndex()
    index.add("short", "shoe laces")
    index.add("long", "shoe laces socks insoles bags hats belts")
    scores = dict(index.search("shoe"))
    assert scores["short"] > scores["long"]


def test_rare_terms_weigh_more_than_common_ones() -> None:
    # Same length, one hit each: only the term's document frequency differs.
    index = InvertedIndex()
    index.add("rare", "leather red")
    for n in range(3):
        index.add(f"common{n}", f"shoe red{n}")
    scores = dict(index.search("leather shoe"))
    assert scores["rare"] > scores["common0"] == scores["common1"] == scores["common2"]


def test_a_term_in_most_documents_still_scores_positive() -> None:
    # Lucene's idf, log(1 + ...): the classic log((N - n + 0.5) / (n + 0.5)) is
    # negative here, since "shoe" is in 4 of the 5 catalog documents.
    index = _catalog_index()
    assert math.log((5 - 4 + 0.5) / (4 + 0.5)) < 0
    assert all(score > 0 for _, score in index.search("shoe"))


def test_idf_matches_the_formula() -> None:
    index = InvertedIndex()
    index.add("a", "shoe")
    index.add("b", "hat")
    ((_, score),) = index.search("shoe")
    idf = math.log(1 + (2 - 1 + 0.5) / (1 + 0.5))
    assert score == round(idf * 1 * 2.2 / (1 + 1.2), 3)


def test_update_replaces_old_terms_and_delete_removes_them() -> None:
    index = _catalog_index()
    index.add("p3", "Canvas sneakers")
    assert "p3" not in index.postings.get("leather", {})
    assert [d for d, _ in index.search("sneakers")] == ["p3"]
    index.remove("p3")
    assert index.search("sneakers") == []
    assert "sneaker" not in index.postings


def test_empty_index_and_unknown_terms_return_nothing() -> None:
    assert InvertedIndex().search("shoes") == []
    assert _catalog_index().search("zebra") == []
    assert _catalog_index().search("the and") == []


def test_removing_an_unknown_document_raises() -> None:
    with pytest.raises(KeyError):
        InvertedIndex().remove("nope")


words = st.sampled_from(["shoe", "shoes", "run", "running", "red", "the", "trail", "hat"])
docs = st.dictionaries(st.sampled_from([f"d{i}" for i in range(8)]), st.lists(words, max_size=6).map(" ".join))


@given(docs, st.lists(words, min_size=1, max_size=3).map(" ".join))
def test_hits_are_exactly_the_documents_sharing_a_term(corpus: dict[str, str], query: str) -> None:
    index = InvertedIndex()
    for doc_id, text in corpus.items():
        index.add(doc_id, text)
    hits = [doc_id for doc_id, _ in index.search(query)]
    expected = {d for d, text in corpus.items() if set(analyze(text)) & set(analyze(query))}
    assert set(hits) == expected
    assert len(hits) == len(set(hits))
    scores = [score for _, score in index.search(query)]
    assert scores == sorted(scores, reverse=True)
