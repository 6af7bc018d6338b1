#!/usr/bin/env python3
"""Runs a command (output discarded) and prints its wall time and peak resident memory.

usage: bench/peak_rss.py CMD [ARGS...]   prints: `wall_s peak_mib`
"""
import resource
import subprocess
import sys
import time

start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if proc.returncode != 0:
    sys.exit(f"{' '.join(sys.argv[1:])} exited {proc.returncode}")
print(f"{wall:.3f} {peak_kib / 1024:.1f}")
