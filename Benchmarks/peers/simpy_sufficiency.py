#!/usr/bin/env python3
"""SimPy peer of Hearth's sufficiency simulator (for the event-throughput benchmark).

The same entry/exit/placement model as `hearth simulate`, written the SimPy way (one process
per child, per household and per recurring activity), with the rates read from the same
scenario JSON (Scenarios/county-baseline.json):
  - entries: Poisson arrivals of sibling groups by DfE age band with seasonality and trend,
    sibling group sizes, needs, urgency (same day/emergency at once, planned at meetings);
  - finding a home: other, relatives and friends (with a probability), supported 16+,
    residential for some 10+ entrants, in-house carers, agency (IFA) capacity, residential;
    family-finding meetings twice a week; emergency placements followed by planned moves;
  - leaving care: short/long mixture of exponential stays by age band, capped at 18,
    destinations, placed for adoption / with parents before leaving, staying put at 18;
  - moves: breakdowns by placement type with a gamma frailty per child and a higher hazard in a
    placement's first months (`frailty_shape`, `early_months`, `early_factor`), to a drawn
    destination type where `moves.destinations` has a row; moves to supported accommodation at 16-17;
  - carers: resignations, on-hold periods, recruitment (approvals after assessment);
  - a monthly snapshot of the KPIs.
One simplification: in-house homes are chosen by first fit (nearest household passing the
hard checks on places, ages and approval) instead of Hearth's scored matching, which only
makes the peer's events cheaper. An event is one resumption of a SimPy process.

usage: simpy_sufficiency.py SCENARIO.json [--runs N] [--years Y] [--seed S]
prints JSON: {"events", "seconds", "runs", "years", "children_in_care_end_mean"}, or
{"skipped": reason} when SimPy is not installed (pip install simpy).
"""
import json
import math
import random
import sys
import time

try:
    import simpy
except ImportError:
    print(json.dumps({"skipped": "simpy not installed (pip install simpy)"}))
    sys.exit(0)

YEAR = 365.25
MONTH = YEAR / 12
BANDS = ["under_1", "1_4", "5_9", "10_15", "16_plus"]
BAND_AGES = [(0, 1), (1, 5), (5, 10), (10, 16), (16, 18)]
TYPES = ["in_house", "ifa", "kinship", "residential", "supported", "with_parents", "adoption", "other"]
START_MIX = {"ifa": 163, "in_house": 287, "residential": 92, "supported": 90, "adoption": 42,
             "with_parents": 39, "kinship": 111, "other": 18}
START_BANDS = [44, 104, 163, 298, 233]


def band_of(age):
    return 0 if age < 1 else 1 if age < 5 else 2 if age < 10 else 3 if age < 16 else 4


class Child:
    __slots__ = ("birth", "entry", "exit_at", "dest", "type", "household", "x", "y", "needs_complex",
                 "state", "stamp", "proc", "request_move", "placed_at", "frailty")


class Household:
    __slots__ = ("x", "y", "places", "occupants", "min_age", "max_age", "active", "on_hold", "staying_put")


class Model:
    def __init__(self, env, sc, rng):
        self.env, self.sc, self.rng = env, sc, rng
        self.events = 0
        self.children = []
        self.households = []
        self.waiting = []
        self.ifa_in_use = 0
        self.entry_level = 1.0
        e = sc["entries"]
        self.sizes = e["sibling_group_sizes"]
        self.mean_size = sum((i + 1) * w for i, w in enumerate(self.sizes)) / sum(self.sizes)
        self.urgent = (e["urgency"]["same_day"] + e["urgency"]["emergency"]) / sum(e["urgency"].values())
        season = e["seasonality"]
        self.season = [s / (sum(season) / 12) for s in season]
        self.snapshots = []
        self.build_start()

    # -- start ---------------------------------------------------------------------------
    def build_start(self):
        rng = self.rng
        for i in range(215):
            h = Household()
            h.x, h.y = rng.uniform(-20, 20), rng.uniform(-20, 20)
            h.places = 1 + (i % 3 == 0) + (i % 7 == 0)
            h.occupants = []
            h.min_age = rng.choice([0, 0, 0, 5, 11])
            h.max_age = rng.choice([10, 17, 17, 17])
            if h.min_age > h.max_age:
                h.min_age = 0
            h.active, h.on_hold, h.staying_put = True, rng.random() < 0.115, 0
            self.households.append(h)
            self.env.process(self.household_life(h))
        ages = []
        for b, n in enumerate(START_BANDS):
            lo, hi = BAND_AGES[b]
            ages += [rng.uniform(lo, hi) for _ in range(n)]
        rng.shuffle(ages)
        types = [t for t, n in START_MIX.items() for _ in range(n)]
        for age, t in zip(ages, types):
            c = self.new_child(age)
            c.entry = -rng.uniform(0, min(age, 5)) * YEAR
            if t == "in_house":
                h = self.first_fit([c], 1)
                if h is None:
                    t = "ifa"
                else:
                    self.place(c, "in_house", h)
                    continue
            self.place(c, t, None)
        for c in self.children:
            c.placed_at = c.entry
        for c in self.children:
            c.proc = self.env.process(self.child_life(c, urgent=False, fresh=False))

    def new_child(self, age):
        c = Child()
        c.birth = self.env.now - age * YEAR
        c.entry = self.env.now
        c.x, c.y = self.rng.uniform(-20, 20), self.rng.uniform(-20, 20)
        c.needs_complex = self.rng.random() < self.sc["entries"]["needs"]["complex"]
        c.state, c.stamp, c.household, c.type, c.request_move, c.placed_at = "waiting", 0, None, None, False, 0.0
        band = band_of(age)
        d = self.sc["exits"]["destinations"][BANDS[band]]
        keys = ["home", "adoption", "special_guardianship", "other"]
        c.dest = self.rng.choices(keys, [d[k] for k in keys])[0]
        c.exit_at = self.env.now + self.stay(band)
        eighteen = c.birth + 18 * YEAR
        if c.exit_at >= eighteen:
            c.exit_at, c.dest = eighteen, "eighteen"
        shape = self.sc["moves"].get("frailty_shape", 0)
        c.frailty = self.rng.gammavariate(shape, 1 / shape) if shape > 0 else 1.0
        self.children.append(c)
        return c

    def placement_days(self, unit_draw, per_day, elapsed):
        """Residual days of a placement already `elapsed` days old (early hazard, mean kept)."""
        m = self.sc["moves"]
        months, factor = m.get("early_months", 0), m.get("early_factor", 1)
        if months <= 0 or factor <= 1:
            return unit_draw / per_day
        early = months * YEAR / 12
        x = per_day * factor * early
        survive = math.exp(-x)
        late = survive / (1 - (1 - survive) / factor)
        elapsed = max(0.0, elapsed)
        so_far = per_day * factor * elapsed if elapsed < early else x + per_day * late * (elapsed - early)
        target = so_far + unit_draw
        end = target / (per_day * factor) if target < x else early + (target - x) / (per_day * late)
        return end - elapsed

    def move_to(self, c, exclude):
        """A broken-down placement: to a drawn destination type, or the urgent search."""
        row = self.sc["moves"].get("destinations", {}).get(c.type)
        if row:
            keys = [k for k in TYPES if row.get(k, 0) > 0]
            to = self.rng.choices(keys, [row[k] for k in keys])[0]
            if to in ("kinship", "residential", "with_parents", "adoption", "other") or (
                    to == "supported" and self.age(c) >= self.sc["finding_homes"]["supported_from_age"]):
                self.vacate(c)
                self.place(c, to, None)
                return
        self.vacate(c)
        self.urgent_place([c], exclude=exclude)

    def stay(self, band):
        x = self.sc["exits"]
        mean = x["mean_years_by_age_band"][BANDS[band]]
        share = x["short_stay_share"][BANDS[band]]
        short = min(x["short_stay_mean_years"], mean)
        long = max(short, (mean - share * short) / (1 - share)) if share < 1 else short
        return self.rng.expovariate(1 / ((short if self.rng.random() < share else long) * YEAR))

    # -- placing ---------------------------------------------------------------------------
    def age(self, c):
        return (self.env.now - c.birth) / YEAR

    def first_fit(self, group, size, exclude=None):
        best, best_d = None, 1e18
        ages = [int(self.age(c)) for c in group]
        lo, hi = min(ages), max(ages)
        x, y = group[0].x, group[0].y
        for h in self.households:
            if (h is exclude or not h.active or h.on_hold
                    or h.places - len(h.occupants) - h.staying_put < size or h.min_age > lo or h.max_age < hi):
                continue
            d = (h.x - x) ** 2 + (h.y - y) ** 2
            if d < best_d:
                best, best_d = h, d
        return best

    def place(self, c, t, h):
        c.state, c.type, c.household = "placed", t, h
        c.stamp += 1
        c.placed_at = self.env.now
        if h is not None:
            h.occupants.append(c)
        if t == "ifa":
            self.ifa_in_use += 1

    def vacate(self, c):
        if c.state != "placed":
            return
        if c.household is not None:
            c.household.occupants.remove(c)
        if c.type == "ifa":
            self.ifa_in_use -= 1
        c.state, c.household = "waiting", None
        c.stamp += 1

    def fallback(self, group):
        f = self.sc["finding_homes"]
        if all(self.age(c) >= f["supported_from_age"] for c in group) and not any(c.needs_complex for c in group):
            for c in group:
                self.place(c, "supported", None)
        elif self.ifa_in_use + len(group) <= self.sc["ifa"]["capacity"]:
            for c in group:
                self.place(c, "ifa", None)
                c.request_move = True
        else:
            for c in group:
                self.place(c, "residential", None)

    def urgent_place(self, group, exclude=None):
        h = self.first_fit(group, len(group), exclude)
        if h is not None:
            for c in group:
                self.place(c, "in_house", h)
                c.request_move = self.rng.random() < self.sc["finding_homes"]["emergency_move_probability"]
        else:
            self.fallback(group)

    def route(self, group, urgent):
        f = self.sc["finding_homes"]
        rng = self.rng
        lead_age = self.age(group[0])
        if rng.random() < f["other_probability"]:
            for c in group:
                self.place(c, "other", None)
            return
        if f["kinship_enabled"] and rng.random() < f["kinship_probability"][BANDS[band_of(lead_age)]]:
            for c in group:
                self.place(c, "kinship", None)
            return
        min_age = min(self.age(c) for c in group)
        complex_teen = any(c.needs_complex and self.age(c) >= 10 for c in group)
        if min_age >= f["supported_from_age"] and not complex_teen and rng.random() < f["supported_probability"]:
            for c in group:
                self.place(c, "supported", None)
            return
        draw = rng.random()
        if (complex_teen and draw < f["residential_for_complex_probability"]) or (
                not complex_teen and min_age >= 10 and draw < f["residential_probability_10_plus"]):
            for c in group:
                self.place(c, "residential", None)
            return
        if urgent:
            self.urgent_place(group)
        else:
            self.waiting.append((self.env.now, group))

    # -- processes ---------------------------------------------------------------------------
    def arrivals(self, band):
        e = self.sc["entries"]
        rate = e["per_year_by_age_band"][BANDS[band]] / self.mean_size / YEAR
        lo, hi = BAND_AGES[band]
        while True:
            month = int(self.env.now / MONTH)
            r = rate * self.entry_level * self.season[(3 + month) % 12]
            yield self.env.timeout(self.rng.expovariate(r) if r > 0 else 1e9)
            self.events += 1
            size = self.rng.choices(range(1, len(self.sizes) + 1), self.sizes)[0]
            lead = self.rng.uniform(lo, hi - 0.001)
            group = [self.new_child(min(17.9, max(0.05, lead + (k and self.rng.choice([-1, 1]) * k * self.rng.randint(1, 3)))))
                     for k in range(size)]
            urgent = self.rng.random() < self.urgent
            self.route(group, urgent)
            for c in group:
                c.proc = self.env.process(self.child_life(c, urgent, fresh=True))

    def child_life(self, c, urgent, fresh):
        """One child's time in care: breakdowns, moves on at 16+, planned moves, the exit."""
        moves = self.sc["moves"]
        x = self.sc["exits"]
        rng = self.rng
        sixteen = c.birth + 16 * YEAR
        supported_at = max(self.env.now, sixteen) + rng.expovariate(x["move_to_supported_per_year"] / YEAR)
        pre_exit = None
        if c.dest == "adoption":
            pre_exit = c.exit_at - x["placed_for_adoption_months"] * MONTH
        elif c.dest == "home" and rng.random() < x["placed_with_parents_share"]:
            pre_exit = c.exit_at - x["placed_with_parents_months"] * MONTH
        while True:
            rate = moves["breakdowns_per_year"][c.type] if c.state == "placed" else 0
            rate *= c.frailty
            breakdown_at = (self.env.now + self.placement_days(rng.expovariate(1.0), rate / YEAR, self.env.now - c.placed_at)
                            if rate > 0 else 1e18)
            move_at = c.placed_at + self.sc["finding_homes"]["planned_move_after_days"] if c.request_move else 1e18
            nxt = min(c.exit_at, breakdown_at, supported_at, pre_exit if pre_exit and pre_exit > self.env.now else 1e18,
                      move_at if move_at > self.env.now else 1e18)
            yield self.env.timeout(max(0.0, nxt - self.env.now))
            self.events += 1
            if nxt == c.exit_at:
                self.leave(c)
                return
            if nxt == supported_at:
                supported_at = 1e18
                if c.state == "placed" and c.type in ("in_house", "ifa", "residential"):
                    self.vacate(c)
                    self.place(c, "supported", None)
                continue
            if c.state != "placed":
                continue
            if nxt == breakdown_at:
                self.move_to(c, exclude=c.household)
            elif nxt == move_at:
                c.request_move = False
                h = self.first_fit([c], 1, exclude=c.household)
                if h is not None:
                    self.vacate(c)
                    self.place(c, "in_house", h)
            else:
                pre_exit = None
                t = "adoption" if c.dest == "adoption" else "with_parents"
                self.vacate(c)
                self.place(c, t, None)

    def leave(self, c):
        h, t = c.household, c.type
        was_placed = c.state == "placed"
        self.vacate(c)
        c.state = "left"
        if was_placed and c.dest == "eighteen" and t in ("in_house", "ifa") and self.rng.random() < self.sc["exits"]["staying_put_probability"]:
            self.env.process(self.staying_put(h))

    def staying_put(self, h):
        if h is not None:
            h.staying_put += 1
        else:
            self.ifa_in_use += 1
        yield self.env.timeout(self.rng.expovariate(1 / (self.sc["exits"]["staying_put_years"] * YEAR)))
        self.events += 1
        if h is not None:
            h.staying_put -= 1
        else:
            self.ifa_in_use -= 1

    def meetings(self):
        f = self.sc["finding_homes"]
        gap = 7 / f["meetings_per_week"]
        yield self.env.timeout(gap / 2)
        while True:
            self.events += 1
            still = []
            for since, group in self.waiting:
                group = [c for c in group if c.state == "waiting"]
                if not group:
                    continue
                h = self.first_fit(group, len(group))
                if h is not None:
                    for c in group:
                        self.place(c, "in_house", h)
                elif self.env.now - since >= f["planned_max_wait_days"]:
                    self.fallback(group)
                else:
                    still.append((since, group))
            self.waiting = still
            yield self.env.timeout(gap)

    def household_life(self, h):
        carers = self.sc["carers"]
        hold = carers["on_hold"]
        resign_at = self.env.now + self.rng.expovariate(carers["resignations_per_household_per_year"] / YEAR)
        while True:
            if h.on_hold:
                nxt = self.env.now + self.rng.expovariate(1 / (hold["mean_months"] * MONTH))
            else:
                nxt = self.env.now + self.rng.expovariate(hold["per_household_per_year"] / YEAR)
            if resign_at < nxt:
                yield self.env.timeout(resign_at - self.env.now)
                self.events += 1
                h.active = False
                return
            yield self.env.timeout(nxt - self.env.now)
            self.events += 1
            h.on_hold = not h.on_hold

    def recruitment(self):
        r = self.sc["carers"]["recruitment"]
        while True:
            self.events += 1
            n = poisson(self.rng, r["enquiries_per_month"] * r["conversion"])
            for _ in range(n):
                self.env.process(self.assessment(r))
            yield self.env.timeout(MONTH)

    def assessment(self, r):
        yield self.env.timeout(self.rng.uniform(r["assessment_months_min"], r["assessment_months_max"]) * MONTH)
        self.events += 1
        h = Household()
        h.x, h.y = self.rng.uniform(-20, 20), self.rng.uniform(-20, 20)
        w = r["places_distribution"]
        h.places = self.rng.choices(range(1, len(w) + 1), w)[0]
        h.occupants, h.min_age, h.max_age = [], 0, 17
        h.active, h.on_hold, h.staying_put = True, False, 0
        self.households.append(h)
        self.env.process(self.household_life(h))

    def monthly(self):
        trend = self.sc["entries"]["annual_trend"]
        while True:
            yield self.env.timeout(MONTH)
            self.events += 1
            self.entry_level *= (1 + trend) ** (1 / 12)
            counts = dict.fromkeys(TYPES, 0)
            in_care = 0
            for c in self.children:
                if c.state != "left":
                    in_care += 1
                    if c.state == "placed":
                        counts[c.type] += 1
            self.children = [c for c in self.children if c.state != "left"]
            self.snapshots.append((in_care, counts))


def poisson(rng, mean):
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def run(sc, years, seed):
    env = simpy.Environment()
    model = Model(env, sc, random.Random(seed))
    for b in range(5):
        env.process(model.arrivals(b))
    env.process(model.meetings())
    env.process(model.recruitment())
    env.process(model.monthly())
    env.run(until=years * YEAR)
    return model.events, model.snapshots[-1][0]


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sc = json.load(open(args[0]))
    opts = {"--runs": 5, "--years": 10, "--seed": 1}
    i = 1
    while i < len(args):
        opts[args[i]] = int(args[i + 1])
        i += 2
    t0 = time.perf_counter()
    events, ends = 0, []
    for r in range(opts["--runs"]):
        e, end = run(sc, opts["--years"], opts["--seed"] + r)
        events += e
        ends.append(end)
    seconds = time.perf_counter() - t0
    print(json.dumps({"events": events, "seconds": seconds, "runs": opts["--runs"], "years": opts["--years"],
                      "children_in_care_end_mean": sum(ends) / len(ends)}))


if __name__ == "__main__":
    main()
