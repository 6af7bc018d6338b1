#!/usr/bin/env python3
"""Makes a library of guides for the library benchmark: N renamed copies of a guide.

usage: bench/make_library.py SEED N OUT_DIR

Each copy is the seed with its first `# ` title line given a number of its own
("Complete Python Interview Guide 0001"), so every guide has its own slug, deck and GUIDs, and
is written as OUT_DIR/guide-0001.md. Files already there with the same text are left alone,
so a second run costs nothing.
"""
import pathlib
import sys


def renamed(text: str, number: int, width: int) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            lines[i] = f"{line.rstrip()} {number:0{width}d}"
            return "\n".join(lines)
    return f"# Guide {number:0{width}d}\n\n" + text


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, count, out = pathlib.Path(sys.argv[1]), int(sys.argv[2]), pathlib.Path(sys.argv[3])
    text = seed.read_text(encoding="utf-8", errors="surrogateescape")
    width = max(4, len(str(count)))
    out.mkdir(parents=True, exist_ok=True)
    for n in range(1, count + 1):
        path = out / f"guide-{n:0{width}d}.md"
        body = renamed(text, n, width).encode("utf-8", errors="surrogateescape")
        if not path.exists() or path.read_bytes() != body:
            path.write_bytes(body)


if __name__ == "__main__":
    main()
