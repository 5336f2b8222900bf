"""Hypothesis strategies shared by the partitioner tests."""

from __future__ import annotations

from hypothesis import strategies as st

# A small pool keeps examples fast and makes collisions between draws likely.
node_names = st.sampled_from([f"n{i}" for i in range(12)])
node_sets = st.lists(node_names, min_size=1, max_size=8, unique=True)
keys = st.text(max_size=12)
key_lists = st.lists(keys, min_size=1, max_size=40, unique=True)
