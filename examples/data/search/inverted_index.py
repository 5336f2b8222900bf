"""An inverted index with BM25 ranking, small enough to read in one sitting.

Elasticsearch (through Lucene) keeps the same two structures per field: a
postings list from each term to the documents holding it, and the length of
every document. This file builds both in plain Python and ranks with Okapi
BM25, using Elasticsearch's default parameters k1=1.2, b=0.75, and Lucene's
idf, log(1 + (N - n + 0.5) / (n + 0.5)), which stays positive for any term.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

# --8<-- [start:analyze]
STOP_WORDS = frozenset({"a", "an", "and", "for", "in", "of", "the", "to", "with"})
WORD = re.compile(r"[a-z0-9]+")


def crude_stem(token: str) -> str:
    """Strip one common English suffix. Deliberately naive, to show both sides."""
    for suffix in ("ing", "ers", "er", "s"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            return token[: -len(suffix)]
    return token


def analyze(text: str, stem: bool = True) -> list[str]:
    """Lowercase, split on anything but letters and digits, drop stop words, stem."""
    tokens = [t for t in WORD.findall(text.lower()) if t not in STOP_WORDS]
    return [crude_stem(t) for t in tokens] if stem else tokens


# --8<-- [end:analyze]


# --8<-- [start:index]
@dataclass
class InvertedIndex:
    """term -> {doc_id: term frequency}, plus each document's length in terms."""

    analyzer: Callable[[str], list[str]] = analyze
    postings: dict[str, dict[str, int]] = field(default_factory=dict)
    lengths: dict[str, int] = field(default_factory=dict)

    def add(self, doc_id: str, text: str) -> None:
        if doc_id in self.lengths:
            self.remove(doc_id)  # an update is a delete plus an insert
        terms = self.analyzer(text)
        self.lengths[doc_id] = len(terms)
        for term, count in Counter(terms).items():
            self.postings.setdefault(term, {})[doc_id] = count

    def remove(self, doc_id: str) -> None:
        # Walks every term: fine for a toy. Lucene instead marks the document
        # deleted and drops its postings when segments are merged.
        self.lengths.pop(doc_id)
        for term in list(self.postings):
            self.postings[term].pop(doc_id, None)
            if not self.postings[term]:
                del self.postings[term]

    # --8<-- [end:index]

    # --8<-- [start:bm25]
    def search(
        self, query: str, k1: float = 1.2, b: float = 0.75
    ) -> list[tuple[str, float]]:
        """Documents matching any query term, best BM25 score first."""
        if not self.lengths:
            return []
        n_docs = len(self.lengths)
        avg_len = sum(self.lengths.values()) / n_docs
        scores: dict[str, float] = {}
        for term in set(self.analyzer(query)):
            docs = self.postings.get(term, {})
            # Rare terms weigh more: idf falls as more documents hold the term.
            # Lucene's variant: the 1 + keeps it positive when n > N / 2.
            idf = math.log(1 + (n_docs - len(docs) + 0.5) / (len(docs) + 0.5))
            for doc_id, tf in docs.items():
                # tf saturates (k1), and long documents are discounted (b).
                norm = k1 * (1 - b + b * self.lengths[doc_id] / avg_len)
                scores[doc_id] = scores.get(doc_id, 0.0) + idf * tf * (k1 + 1) / (
                    tf + norm
                )
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [(doc_id, round(score, 3)) for doc_id, score in ranked]

    # --8<-- [end:bm25]


# --8<-- [start:catalog]
CATALOG = {
    "p1": "Trail running shoes for wet rock",
    "p2": "Running shoes, road running, light and fast",
    "p3": "Leather dress shoes",
    "p4": "Guide for runners: shoes, socks, laces, insoles, watches and more",
    "p5": "News: running club opens downtown",
}
# --8<-- [end:catalog]


if __name__ == "__main__":
    # --8<-- [start:demo_analyze]
    print(analyze("Running shoes for the runners"))
    #> ['runn', 'shoe', 'runn']
    print(analyze("Running shoes for the runners", stem=False))
    #> ['running', 'shoes', 'runners']
    # --8<-- [end:demo_analyze]

    # --8<-- [start:demo_search]
    index = InvertedIndex()
    for doc_id, text in CATALOG.items():
        index.add(doc_id, text)
    print(index.postings["shoe"])
    #> {'p1': 1, 'p2': 1, 'p3': 1, 'p4': 1}
    print(index.search("running shoes"))
    #> [('p2', 0.659), ('p1', 0.593), ('p4', 0.481), ('p3', 0.352), ('p5', 0.297)]
    # --8<-- [end:demo_search]

    # --8<-- [start:demo_tradeoff]
    plain = InvertedIndex(analyzer=lambda text: analyze(text, stem=False))
    for doc_id, text in CATALOG.items():
        plain.add(doc_id, text)
    for query in ("runner", "new"):
        stemmed_hits = [doc_id for doc_id, _ in index.search(query)]
        plain_hits = [doc_id for doc_id, _ in plain.search(query)]
        print(f"{query!r}: stemmed {stemmed_hits}, plain {plain_hits}")
        #> 'runner': stemmed ['p2', 'p1', 'p5', 'p4'], plain []
        #> 'new': stemmed ['p5'], plain []
    # --8<-- [end:demo_tradeoff]
