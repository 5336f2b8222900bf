"""A Python str is a sequence of code points: windows count code points, not what you see."""

from __future__ import annotations

import unicodedata

from examples.coding.sliding_window.longest_unique_substring import (
    longest_unique_substring,
)

if __name__ == "__main__":
    # --8<-- [start:demo]
    composed = unicodedata.normalize("NFC", "ééé")  # é as one code point
    decomposed = unicodedata.normalize("NFD", "ééé")  # e + combining accent
    print(len(composed), longest_unique_substring(composed))
    #> 3 1
    print(len(decomposed), longest_unique_substring(decomposed))
    #> 6 2
    print(len("😀"), len("😀".encode("utf-16-le")) // 2)  # Java/JS length is 2
    #> 1 2
    # --8<-- [end:demo]
