"""Median time of geopandas.read_file on the county layer (the peer of join_bench's load)."""
import statistics
import sys
import time

import geopandas

path, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
times = []
for _ in range(runs):
    start = time.perf_counter()
    frame = geopandas.read_file(path, layer="county")
    times.append((time.perf_counter() - start) * 1000)
print(f"geopandas.read_file               {statistics.median(times):8.1f} ms   ({len(frame)} rows)")
