#!/usr/bin/env python3
"""Makes a large guide for benchmarks: the seed's topics repeated N times and renumbered.

usage: bench/make_large.py SEED N OUT

The text before the first numbered topic is kept once; every topic (from its `## N.` heading
to the next) is repeated N times, numbered 1, 2, 3, ... in order. The seed's flaws (the
mis-encodings, the unclosed fence, the stray headings) repeat with it, so repairs scale too.
The same rule is implemented in benches/pipeline.rs for the criterion benchmarks.
"""
import re
import sys


def make_large(text: str, times: int) -> str:
    lines = text.split("\n")
    heading = re.compile(r"^## \d+\. ")
    starts = [i for i, line in enumerate(lines) if heading.match(line)]
    preface = lines[: starts[0]]
    topics = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
    out = list(preface)
    number = 0
    for _ in range(times):
        for topic in topics:
            number += 1
            out.append(heading.sub(f"## {number}. ", topic[0], count=1))
            out.extend(topic[1:])
    return "\n".join(out)


def main() -> None:
    seed, times, dest = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(seed, encoding="utf-8") as f:
        text = f.read()
    with open(dest, "w", encoding="utf-8", newline="") as f:
        f.write(make_large(text, times))


if __name__ == "__main__":
    main()
