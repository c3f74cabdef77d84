#!/usr/bin/env python3
"""numpy peer of Hearth's scoring kernel: the same rules and criteria, float64, over every
(unit, household) pair of the instance written by `hearth-bench matching scoring`.

usage: scoring_peer.py INSTANCE.json [RUNS]
Prints one JSON object: best_seconds, feasible (count), sum (of feasible scores).
Skips cleanly (prints {"skipped": ...}) when numpy is not installed.
"""
import json
import os
import sys
import time

try:
    import numpy as np
except ImportError:
    print(json.dumps({"skipped": "numpy not installed"}))
    sys.exit(0)


def load(manifest):
    d = manifest["directory"]
    cols = {}
    for name, f in manifest["files"].items():
        dtype = np.float64 if f.endswith(".f64") else np.int32
        cols[name] = np.fromfile(os.path.join(d, f), dtype=dtype)
    return cols


def score_rows(c, k, w, lo, hi, out):
    """Scores units lo..hi against all households into out[lo:hi] (-1 where infeasible)."""
    u = {name[2:]: v[lo:hi, None] for name, v in c.items() if name.startswith("u_")}
    h = {name[2:]: v[None, :] for name, v in c.items() if name.startswith("h_")}
    ok = (h["free"] >= u["size"]) & (h["min_age"] <= u["min_age"]) & (h["max_age"] >= u["max_age"])
    ok &= (h["approvals"] & u["approval"]) != 0
    ok &= (h["skills"] & u["required_skills"]) == u["required_skills"]
    ok &= (u["solo"] == 0) | (h["occupied"] == 0)
    ok &= h["youngest_resident"] >= u["youngest_allowed"]
    ok &= u["min_age"] >= h["youngest_new_allowed"]
    phi = h["latitude"]
    dphi = phi - u["latitude"]
    dl = (h["longitude"] - u["longitude"]) * (u["cos_a"] + u["cos_b"] * phi)
    d2 = dl * dl + dphi * dphi
    ok &= d2 <= k["max_distance_squared"]
    R = k["earth_radius_miles"]
    miles = R * np.sqrt(d2)
    near, span = k["near_miles"], max(k["max_miles"] - k["near_miles"] - 1, 1.0)
    past = miles - near
    score = u["constant_points"] + w["distance_from_home"] * np.where(
        miles <= near, 1 - miles * (0.2 / near),
        np.where(past <= 1, 0.8 - 0.4 * past, 0.4 * np.maximum(0, 1 - (past - 1) * (1 / span))))
    ud, hd = u["district"], h["district"]
    score = score + w["same_district"] * np.where((ud == 0) | (hd == 0), 0.5, np.where(ud == hd, 1.0, 0.0))
    sphi = phi - u["school_latitude"]
    sl = (h["longitude"] - u["school_longitude"]) * (u["school_cos_a"] + u["school_cos_b"] * phi)
    smiles = R * np.sqrt(sl * sl + sphi * sphi)
    snear, sspan = k["school_near_miles"], max(k["school_far_miles"] - k["school_near_miles"], 1e-9)
    school = np.where(smiles <= snear, 1.0, np.maximum(0, 1 - (smiles - snear) * (1 / sspan)))
    score = score + w["same_school"] * np.where(u["has_school"] != 0, school, 0.5)
    age = np.maximum(0, 1 - np.abs(u["mean_age"] - h["resident_mean_age"]) * (1 / k["age_fit_span_years"]))
    score = score + w["age_fit"] * np.where(h["age_fit_neutral"] != 0, 0.5, age)
    ue, he = u["ethnicity"], h["ethnicity"]
    eth = np.where((ue == 0) | (he == 0), 0.5, np.where(ue == he, 1.0, np.where(u["ethnic_group"] == h["ethnic_group"], 0.5, 0.0)))
    ul, hl = u["language"], h["language"]
    lang = np.where((ul == 0) | (hl == 0), 0.5, np.where(ul == hl, 1.0, 0.0))
    score = score + w["culture_language"] * (0.6 * eth + 0.4 * lang)
    wanted = u["wanted_count"]
    have = np.bitwise_count(h["skills"] & u["wanted_skills"]).astype(np.float64)
    score = score + w["extra_skills"] * np.where(wanted == 0, 0.5, have * (1 / np.maximum(wanted, 1)))
    score = score + w["in_house"] * h["in_house"]
    score = score + w["approval_fit"] * np.where(h["long_term"] != 0, u["approval_fit_long_term"], 1.0)
    score = score - np.where(u["split"] != 0, np.minimum(k["split_penalty"], score), 0.0)
    out[lo:hi] = np.where(ok, score, -1.0)


def main():
    manifest = json.load(open(sys.argv[1]))
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    c = load(manifest)
    n, m = manifest["units"], manifest["households"]
    out = np.empty((n, m))
    chunk = max(1, 2_000_000 // m)
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        for lo in range(0, n, chunk):
            score_rows(c, manifest["constants"], manifest["weights"], lo, min(n, lo + chunk), out)
        best = min(best, time.perf_counter() - t0)
    feasible = out >= 0
    print(json.dumps({"best_seconds": best, "feasible": int(feasible.sum()), "sum": float(out[feasible].sum())}))


if __name__ == "__main__":
    main()
