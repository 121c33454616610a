#!/usr/bin/env python3
"""Builds rules/background.tsv: how common each English word is in general text.

Event grouping weighs a shared word by how rarely it appears in news at large, so the weight of
a word never depends on the corpus being checked. The figures come from the `wordfreq` package
(Robyn Speer et al., https://github.com/rspeer/wordfreq): its "large" English list, which blends
Wikipedia, subtitles, news, books, web text, Twitter and Reddit. wordfreq's code is under the
Apache License 2.0 and its data under CC BY-SA 4.0; rules/background.tsv is a derived work of
that data and carries the same licence (see its header).

Run once, by hand, when the table should change:

    pip install wordfreq==3.1.1
    python3 tools/build_background.py > rules/background.tsv

Words are folded as contra folds them (letters and digits only, lower case), spellings that
fold together are summed, and only words at least as common as MIN_ZIPF are kept: anything rarer
counts as rare, which is all grouping needs to know of it. Zipf is log10 of a word's frequency
per billion words (7 = "the"-like, 3 = once per million words).
"""
import math
import sys
from collections import defaultdict

import wordfreq

MIN_ZIPF = 2.0
MIN_LEN = 3


def fold(word: str) -> str:
    return "".join(c for c in word.lower() if c.isalnum())


def main() -> None:
    freqs = defaultdict(float)
    for word, freq in wordfreq.get_frequency_dict("en", wordlist="large").items():
        folded = fold(word)
        if len(folded) >= MIN_LEN and not folded.isdigit():
            freqs[folded] += freq
    rows = []
    for word, freq in freqs.items():
        zipf = math.log10(freq * 1e9)
        if zipf >= MIN_ZIPF:
            rows.append((word, round(zipf, 2)))
    rows.sort()
    out = sys.stdout
    out.write(f"# Background word frequencies for event grouping: word<TAB>Zipf frequency.\n")
    out.write(f"# Built by tools/build_background.py from wordfreq 3.1.1 (large English list),\n")
    out.write("# https://github.com/rspeer/wordfreq, data licensed CC BY-SA 4.0 (derived work, same licence).\n")
    out.write(f"# {len(rows)} words with Zipf >= {MIN_ZIPF}; a word not listed is rarer than that.\n")
    for word, zipf in rows:
        out.write(f"{word}\t{zipf}\n")


if __name__ == "__main__":
    main()
