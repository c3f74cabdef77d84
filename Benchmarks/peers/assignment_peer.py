#!/usr/bin/env python3
"""Peers of Hearth's assignment solvers, on the instance files hearth-bench writes.

usage: assignment_peer.py dense INSTANCE.json [RUNS] [--solver scipy|lap|lapjv]
       assignment_peer.py sparse INSTANCE.json [RUNS]  (CSV triples row,col,cost)
Dense (raw float64 matrix + JSON shape) solvers:
  scipy  `scipy.optimize.linear_sum_assignment` (Crouse's shortest augmenting path);
  lap    `lap.lapjv` (pip install lap: Jonker-Volgenant in C++);
  lapjv  `lapjv.lapjv` (pip install lapjv: Jonker-Volgenant in C++ with AVX2 scans).
Sparse: scipy `min_weight_full_bipartite_matching` on the CSR matrix.
Prints one JSON object: best_seconds, seconds (every run, wall clock), cpu_seconds (least CPU
time of a run), total (optimal cost), assigned.
Skips cleanly (prints {"skipped": ...}) when numpy, scipy or the chosen package is missing.
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


def dense_solver(name):
    """The named solver as a function cost -> (rows, cols), or a reason it is missing."""
    if name == "scipy":
        return linear_sum_assignment, None
    if name == "lap":
        try:
            import lap
        except ImportError:
            return None, "lap not installed (pip install lap)"

        def solve(cost):
            x = lap.lapjv(cost, extend_cost=False, return_cost=False)[0]
            return np.arange(len(x)), x
        return solve, None
    if name == "lapjv":
        try:
            from lapjv import lapjv
        except ImportError:
            return None, "lapjv not installed (pip install lapjv)"

        def solve(cost):
            x = lapjv(cost)[0]
            return np.arange(len(x)), x
        return solve, None
    return None, f"unknown solver {name}"


def main():
    args = sys.argv[1:]
    solver_name = "scipy"
    if "--solver" in args:
        k = args.index("--solver")
        solver_name = args[k + 1]
        del args[k:k + 2]
    kind, path = args[0], args[1]
    runs = int(args[2]) if len(args) > 2 else 3
    meta = json.load(open(path))
    times, cpu = [], []
    if kind == "dense":
        solve, missing = dense_solver(solver_name)
        if solve is None:
            print(json.dumps({"skipped": missing}))
            return
        cost = np.ascontiguousarray(np.fromfile(meta["file"], dtype="<f8").reshape(meta["rows"], meta["columns"]))
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            rows, cols = solve(cost)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        total = float(cost[rows, cols].sum())
        assigned = len(rows)
    else:
        data = np.loadtxt(meta["file"], delimiter=",", skiprows=1)
        r, c, v = data[:, 0].astype(np.int64), data[:, 1].astype(np.int64), data[:, 2]
        matrix = csr_matrix((v, (r, c)), shape=(meta["rows"], meta["columns"]))
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            rows, cols = min_weight_full_bipartite_matching(matrix)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        total = float(np.asarray(matrix[rows, cols]).sum())
        assigned = len(rows)
    print(json.dumps({"best_seconds": min(times), "seconds": times, "cpu_seconds": min(cpu), "solver": solver_name, "total": total, "assigned": assigned}))


if __name__ == "__main__":
    main()
