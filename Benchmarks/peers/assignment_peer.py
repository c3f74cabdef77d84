#!/usr/bin/env python3
"""scipy peers of Hearth's assignment solvers, on the instance files hearth-bench writes.

usage: assignment_peer.py dense INSTANCE.json [RUNS]   (raw float64 matrix + JSON shape)
       assignment_peer.py sparse INSTANCE.json [RUNS]  (CSV triples row,col,cost)
Prints one JSON object: best_seconds, total (optimal cost), assigned.
Skips cleanly (prints {"skipped": ...}) when numpy or scipy is not installed.
"""
import json
import sys
import time

try:
    import numpy as np
    from scipy.optimize import linear_sum_assignment
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching
except ImportError as e:
    print(json.dumps({"skipped": f"numpy/scipy not installed ({e})"}))
    sys.exit(0)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    meta = json.load(open(path))
    best = float("inf")
    if kind == "dense":
        cost = np.fromfile(meta["file"], dtype="<f8").reshape(meta["rows"], meta["columns"])
        for _ in range(runs):
            t0 = time.perf_counter()
            rows, cols = linear_sum_assignment(cost)
            best = min(best, time.perf_counter() - t0)
        total = float(cost[rows, cols].sum())
        assigned = len(rows)
    else:
        data = np.loadtxt(meta["file"], delimiter=",", skiprows=1)
        r, c, v = data[:, 0].astype(np.int64), data[:, 1].astype(np.int64), data[:, 2]
        matrix = csr_matrix((v, (r, c)), shape=(meta["rows"], meta["columns"]))
        for _ in range(runs):
            t0 = time.perf_counter()
            rows, cols = min_weight_full_bipartite_matching(matrix)
            best = min(best, time.perf_counter() - t0)
        total = float(np.asarray(matrix[rows, cols]).sum())
        assigned = len(rows)
    print(json.dumps({"best_seconds": best, "total": total, "assigned": assigned}))


if __name__ == "__main__":
    main()
