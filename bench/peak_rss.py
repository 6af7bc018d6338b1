#!/usr/bin/env python3
"""Runs a command (output discarded) and prints its wall time, peak resident memory and CPU time.

usage: bench/peak_rss.py CMD [ARGS...]   prints: `wall_s peak_mib cpu_s` (cpu: user + system)
"""
import resource
import subprocess
import sys
import time

start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
if proc.returncode != 0:
    sys.exit(f"{' '.join(sys.argv[1:])} exited {proc.returncode}")
print(f"{wall:.3f} {usage.ru_maxrss / 1024:.1f} {usage.ru_utime + usage.ru_stime:.2f}")
