#!/usr/bin/env python3
"""numpy peer of Hearth's scoring kernel, rules first: the same rules and criteria over every
(unit, household) pair of the instance written by `hearth-bench matching scoring`, computed
the way a numpy practitioner would when most pairs fail the hard rules.

For a block of unit rows:
  1. the integer rules as vectorised masks over the block, written in place into two
     preallocated boolean buffers (the most selective rules first);
  2. `np.flatnonzero` of the mask, then the squared projected distance on the gathered
     survivors only, and the distance rule;
  3. the soft criteria on the feasible pairs only (gathered household and unit columns,
     in-place arithmetic), scattered into the output row block, which is filled with -1 first.
The output is one preallocated `units x households` matrix, as in Hearth.

Variants (`--dtype`): float64 (the same arithmetic as Hearth, sums agree to ~1e-15) and
float32 (distance rule still in float64, so the feasible pairs are the same; soft criteria
and the output matrix in float32, half the memory traffic; sums agree to ~1e-7).

usage: scoring_peer.py INSTANCE.json [RUNS] [--dtype float64|float32] [--rows R]
Prints one JSON object: best_seconds, seconds (every run, wall clock), cpu_seconds (least CPU
time of a run), feasible (count), sum (of feasible scores), dtype, rows (unit rows per block).
numpy runs these ufuncs on one thread.
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


class Scorer:
    """Preallocated buffers for blocks of `rows` unit rows, and the per-column constants."""

    def __init__(self, c, manifest, rows, dtype):
        self.c, self.k, self.w = c, manifest["constants"], manifest["weights"]
        self.n, self.m, self.rows, self.dtype = manifest["units"], manifest["households"], rows, dtype
        self.ok = np.empty((rows, self.m), dtype=bool)
        self.tmp = np.empty((rows, self.m), dtype=bool)
        u = {name[2:]: v for name, v in c.items() if name.startswith("u_")}
        h = {name[2:]: v for name, v in c.items() if name.startswith("h_")}
        self.u, self.h = u, h
        # Household columns as rows of the broadcast, unit columns as columns.
        self.hb = {name: v[None, :] for name, v in h.items()}
        # Soft-criterion inputs precomputed once per household / unit (outside the timing,
        # like Hearth's precomputed unit rows and household columns).
        f = dtype
        self.h_in_house = (self.w["in_house"] * h["in_house"]).astype(f)
        self.h_long_term = h["long_term"] != 0
        self.h_neutral = h["age_fit_neutral"] != 0
        self.h_mean_age = h["resident_mean_age"].astype(f)
        self.u_solo = u["solo"] != 0
        self.u_const = (u["constant_points"]
                        + np.where(u["has_school"] != 0, 0.0, self.w["same_school"] * 0.5)
                        + np.where(u["wanted_count"] == 0, self.w["extra_skills"] * 0.5, 0.0))

    def score_block(self, lo, hi, out):
        """Scores units lo..hi against all households into out[lo:hi] (-1 where infeasible)."""
        r = hi - lo
        ok, tmp = self.ok[:r], self.tmp[:r]
        u, hb = self.u, self.hb
        col = lambda name: u[name][lo:hi, None]
        # Integer rules, in place, most selective first.
        np.equal(np.bitwise_and(hb["skills"], col("required_skills")), col("required_skills"), out=ok)
        np.not_equal(np.bitwise_and(hb["approvals"], col("approval")), 0, out=tmp); ok &= tmp
        np.less_equal(hb["min_age"], col("min_age"), out=tmp); ok &= tmp
        np.greater_equal(hb["max_age"], col("max_age"), out=tmp); ok &= tmp
        np.greater_equal(hb["free"], col("size"), out=tmp); ok &= tmp
        np.greater_equal(hb["youngest_resident"], col("youngest_allowed"), out=tmp); ok &= tmp
        np.greater_equal(col("min_age"), hb["youngest_new_allowed"], out=tmp); ok &= tmp
        solo = self.u_solo[lo:hi]
        if solo.any():
            np.logical_and(ok[solo], self.h["occupied"][None, :] == 0, out=tmp[: solo.sum()])
            ok[solo] = tmp[: solo.sum()]
        flat = np.flatnonzero(ok)
        ui, hi_ = np.divmod(flat, self.m)
        # Distance rule on the survivors (float64 in both variants: the same feasible pairs).
        h, k, w = self.h, self.k, self.w
        phi = h["latitude"][hi_]
        lon = h["longitude"][hi_]
        uu = ui + lo
        dphi = phi - u["latitude"][uu]
        dl = (lon - u["longitude"][uu]) * (u["cos_a"][uu] + u["cos_b"][uu] * phi)
        d2 = dl * dl
        d2 += dphi * dphi
        keep = d2 <= k["max_distance_squared"]
        flat, uu, hi_, phi, lon, d2 = flat[keep], uu[keep], hi_[keep], phi[keep], lon[keep], d2[keep]
        f = self.dtype
        R = k["earth_radius_miles"]
        miles = np.sqrt(d2).astype(f, copy=False)
        miles *= R
        near, span = k["near_miles"], max(k["max_miles"] - k["near_miles"] - 1, 1.0)
        past = miles - near
        dist = 1 - miles * (0.2 / near)
        np.putmask(dist, miles > near, 0.8 - 0.4 * past)
        beyond = 1 - (past - 1) * (1 / span)
        np.maximum(beyond, 0, out=beyond)
        beyond *= 0.4
        np.putmask(dist, past > 1, beyond)
        score = self.u_const[uu].astype(f)
        dist *= w["distance_from_home"]
        score += dist
        ud, hd = u["district"][uu], h["district"][hi_]
        score += np.where((ud == 0) | (hd == 0), 0.5 * w["same_district"], np.where(ud == hd, w["same_district"], 0.0)).astype(f, copy=False)
        sch = np.flatnonzero(u["has_school"][uu] != 0)
        if sch.size:
            su = uu[sch]
            sphi = phi[sch] - u["school_latitude"][su]
            sl = (lon[sch] - u["school_longitude"][su]) * (u["school_cos_a"][su] + u["school_cos_b"][su] * phi[sch])
            sl *= sl
            sphi *= sphi
            sl += sphi
            smiles = np.sqrt(sl).astype(f, copy=False)
            smiles *= R
            snear, sspan = k["school_near_miles"], max(k["school_far_miles"] - k["school_near_miles"], 1e-9)
            school = 1 - (smiles - snear) * (1 / sspan)
            np.maximum(school, 0, out=school)
            np.putmask(school, smiles <= snear, 1.0)
            school *= w["same_school"]
            score[sch] += school
        age = np.abs(u["mean_age"][uu].astype(f, copy=False) - self.h_mean_age[hi_])
        age *= -1 / k["age_fit_span_years"]
        age += 1
        np.maximum(age, 0, out=age)
        np.putmask(age, self.h_neutral[hi_], 0.5)
        age *= w["age_fit"]
        score += age
        ue, he = u["ethnicity"][uu], h["ethnicity"][hi_]
        eth = np.where(ue == he, 1.0, np.where(u["ethnic_group"][uu] == h["ethnic_group"][hi_], 0.5, 0.0))
        np.putmask(eth, (ue == 0) | (he == 0), 0.5)
        ul, hl = u["language"][uu], h["language"][hi_]
        lang = np.where(ul == hl, 1.0, 0.0)
        np.putmask(lang, (ul == 0) | (hl == 0), 0.5)
        eth *= 0.6
        lang *= 0.4
        eth += lang
        eth *= w["culture_language"]
        score += eth.astype(f, copy=False)
        wanted = u["wanted_count"][uu]
        wi = np.flatnonzero(wanted != 0)
        if wi.size:
            have = np.bitwise_count(h["skills"][hi_[wi]] & u["wanted_skills"][uu[wi]]).astype(f)
            have *= (w["extra_skills"] / wanted[wi]).astype(f, copy=False)
            score[wi] += have
        score += self.h_in_house[hi_]
        score += np.where(self.h_long_term[hi_], w["approval_fit"] * u["approval_fit_long_term"][uu], w["approval_fit"]).astype(f, copy=False)
        split = np.flatnonzero(u["split"][uu] != 0)
        if split.size:
            score[split] -= np.minimum(k["split_penalty"], score[split])
        block = out[lo:hi]
        block.fill(-1)
        block.reshape(-1)[flat] = score


def main():
    args = sys.argv[1:]
    opts = {"--dtype": "float64", "--rows": None}
    pos = []
    i = 0
    while i < len(args):
        if args[i] in opts:
            opts[args[i]] = args[i + 1]
            i += 2
        else:
            pos.append(args[i])
            i += 1
    manifest = json.load(open(pos[0]))
    runs = int(pos[1]) if len(pos) > 1 else 3
    dtype = np.float32 if opts["--dtype"] == "float32" else np.float64
    c = load(manifest)
    n, m = manifest["units"], manifest["households"]
    # About 32 k pairs per block by default (4 rows of 8,000): the two masks stay in the L1
    # cache; the fastest of the sizes tried, 8 k to 4 M pairs (16 k to 128 k within 10%).
    rows = int(opts["--rows"]) if opts["--rows"] else max(1, 32_768 // m)
    scorer = Scorer(c, manifest, rows, dtype)
    out = np.empty((n, m), dtype=dtype)
    out.fill(0)  # pages touched before timing, as in Hearth's benchmark
    times, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        for lo in range(0, n, rows):
            scorer.score_block(lo, min(n, lo + rows), out)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    feasible = out >= 0
    print(json.dumps({"best_seconds": min(times), "seconds": times, "cpu_seconds": min(cpu), "feasible": int(feasible.sum()),
                      "sum": float(out[feasible].sum(dtype=np.float64)), "dtype": opts["--dtype"], "rows": rows}))


if __name__ == "__main__":
    main()
