#!/usr/bin/env python3
"""Same-model SimPy peer of Hearth's sufficiency simulator (event-throughput benchmark).

Reproduces `hearth simulate`'s processes (Sources/Simulation/Engine, docs/simulation.md) from
the starting state Hearth exports (`hearth-bench simulation start` writes
Benchmarks/instances/county_baseline_start.json: every scenario setting resolved, the
districts, the in-house households and the children in care with their placements):

  - entries: Poisson sibling groups per DfE age band and month (trend, seasonality) at uniform
    times in the month; group size, lead age, sibling ages, needs, family home around a
    district centre, urgency and request; brothers and sisters share the lead's plan
    (destination, stay, move to adopters or parents first);
  - finding a home in Hearth's order: other, relatives and friends, supported 16+, residential
    for some 10+, in-house carers (urgent requests at once, planned ones at family-finding
    meetings twice a week), agency within its capacity, residential; poor-fit and bridging
    placements put forward for a planned move; waits over `planned_max_wait_days` fall back;
  - in-house homes through Hearth's matching rules (households' rows read again once a
    resident's age in whole years changes): candidates by the integer checks (free
    places, approved ages, approval) from the nearest districts (until 12 are found), then the
    remaining hard rules (required skills, solo, exploitation gap, the 50-mile limit) and the
    nine soft criteria with the default policy's weights, vectorised with numpy over the
    candidate households (the formulas of Sources/Matching/Kernel/ScoringKernel.swift);
  - family-finding meetings: the waiting units split into parts joined by households feasible
    for two of them, as Hearth splits them; a unit alone in its part takes its best household
    (the joint optimum there); a part of several is planned by rounds of scipy
    `linear_sum_assignment` (cost -(children x BIG + score), each household one unit a round,
    occupancy and scores updated between rounds) where Hearth solves the exact joint plan
    (`Matcher.plan`); then planned moves (two searches a meeting) and step-downs;
  - leaving care: short/long exponential mixture by age band at entry, cut at 18; the
    snapshot's children re-weighted by their time in care (Bayes) and leaving from their
    placement when the drawn stay ends inside the pathway lead; moves to adopters or parents
    before leaving; staying put at 18; carers stopping after a special guardianship or return
    home; moves on to supported accommodation at 16-17;
  - moves: breakdowns by placement type x a gamma frailty per child, with the early-months
    hazard; the child moves with the brothers and sisters living with them, to a drawn
    destination type where `moves.destinations` has a row, else the urgent search;
  - carers: resignations (children move within about a month), holds, recruitment (Poisson
    approvals after a uniform assessment, the pipeline in progress at the start; new homes
    like a current household, places drawn, around a district centre);
  - month ends: cost accrued, KPIs recorded.

Written the SimPy way: recurring activities are processes (month ends, meetings, each month's
arrivals); one-shot events (an exit, a breakdown, a hold, a resignation, an approval) are SimPy
timeouts with a callback, each carrying the stamp of what it is about and checked when it
fires, as Hearth's calendar does. An event is counted when it takes effect (live events only):
a stale callback (a breakdown after the child has moved, a hold after the carers resigned)
returns uncounted, as Hearth discards its stale calendar entries uncounted.

Random numbers are Python's `random.Random(seed + run)`: not Hearth's streams, so agreement
is statistical (KPI bands), not run by run.

usage: simpy_same_model.py START.json [--runs N] [--years Y] [--seed S]
prints JSON: {"events", "seconds", "cpu_seconds", "runs", "years", "kpis": {kpi: {month: [p10, p50, p90]}}}
(the KPIs at every year's end),
or {"skipped": reason} when SimPy, numpy or scipy is missing (pip install simpy numpy scipy).
"""
import json
import math
import random
import sys
import time

try:
    import numpy as np
    import simpy
    from scipy.optimize import linear_sum_assignment
except ImportError as missing:
    print(json.dumps({"skipped": f"{missing.name} not installed (pip install simpy numpy scipy)"}))
    sys.exit(0)

YEAR = 365.25
MONTH = YEAR / 12
EARTH_MILES = 3958.7613
RAD = math.pi / 180
TYPES = ["in_house", "ifa", "kinship", "residential", "supported", "with_parents", "adoption", "other"]
IN_HOUSE, IFA, KINSHIP, RESIDENTIAL, SUPPORTED, WITH_PARENTS, ADOPTION, OTHER = range(8)
BANDS = ["under_1", "1_4", "5_9", "10_15", "16_plus"]
DESTINATIONS = ["home", "adoption", "special_guardianship", "other"]
HOME, ADOPT, SGO, OTHER_EXIT, EIGHTEEN = range(5)
# CareModel bit sets: needs, skills, approvals.
DISABILITY, COMPLEX, TRAUMA, UASC, EXPLOITATION, SOLO = 1, 2, 4, 8, 16, 32
TEENAGERS = 16
APPROVAL = {"short_term": 1, "long_term": 2, "emergency": 4, "respite": 8, "parent_and_child": 16}
WAITING, PLACED, LEFT = 0, 1, 2
INT_MAX = 2**31 - 1

# The default matching policy (Sources/Matching/MatchPolicy.swift).
MAX_MILES, NEAR_MILES, EXPLOITATION_GAP, TEENAGE_FROM = 50.0, 20.0, 3, 13
AGE_FIT_SPAN, URGENT_DAYS, LONG_TERM_FOR_SHORT = 10.0, 90.0, 0.3
W_DISTANCE, W_DISTRICT, W_SCHOOL, W_AGE_FIT, W_CULTURE = 30.0, 5.0, 15.0, 10.0, 10.0
W_SKILLS, W_IN_HOUSE, W_APPROVAL_FIT, W_URGENCY = 10.0, 10.0, 5.0, 5.0
MAX_D2 = (MAX_MILES / EARTH_MILES) ** 2
FAR_SPAN = max(MAX_MILES - NEAR_MILES - 1, 1)
# Criteria whose data the simulator's children never have (district, school, ethnicity and
# language are blank): neutral 0.5 each, as in the kernel; in-house carers score 1.
CONSTANT_POINTS = W_DISTRICT * 0.5 + W_SCHOOL * 0.5 + W_CULTURE * 0.5 + W_IN_HOUSE * 1.0
CANDIDATE_LIMIT = 24


def band_of(age):
    return 0 if age < 1 else 1 if age < 5 else 2 if age < 10 else 3 if age < 16 else 4


def weighted_index(weights, u):
    target = u * sum(weights)
    for i, w in enumerate(weights):
        target -= w
        if target < 0:
            return i
    return max(i for i, w in enumerate(weights) if w > 0)


def poisson(rng, mean):
    """Knuth's product method (the means here are below 10)."""
    if mean <= 0:
        return 0
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def offset(lat, lon, miles, bearing):
    """The point `miles` from (lat, lon) degrees on `bearing` degrees (Location.offset)."""
    delta, theta = miles / EARTH_MILES, bearing * RAD
    p1, l1 = lat * RAD, lon * RAD
    p2 = math.asin(math.sin(p1) * math.cos(delta) + math.cos(p1) * math.sin(delta) * math.cos(theta))
    l2 = l1 + math.atan2(math.sin(theta) * math.sin(delta) * math.cos(p1), math.cos(delta) - math.sin(p1) * math.sin(p2))
    lon2 = l2 / RAD
    if lon2 > 180:
        lon2 -= 360
    elif lon2 < -180:
        lon2 += 360
    return p2 / RAD, lon2


def haversine(a_lat, a_lon, b_lat, b_lon):
    p1, p2 = a_lat * RAD, b_lat * RAD
    dp, dl = (b_lat - a_lat) * RAD, (b_lon - a_lon) * RAD
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_MILES * math.asin(min(1.0, math.sqrt(h)))


class Child:
    __slots__ = ("birth", "entry", "exit_day", "placed_day", "waiting_since", "lat", "lon", "cos_a", "cos_b",
                 "household", "unit", "group", "pstamp", "xstamp", "district", "needs", "request", "state", "type",
                 "dest", "own_bed", "step_down_ready", "wants_move", "searched", "frailty")

    def age(self, now):
        return (now - self.birth) / YEAR


class Household:
    __slots__ = ("active", "on_hold", "occupants", "staying_put", "places", "stamp", "resign_day", "resign_stamp",
                 "district", "last_free")

    def free(self):
        return max(0, self.places - len(self.occupants) - self.staying_put)

    def takes(self):
        return self.active and not self.on_hold and self.free() > 0


class Start:
    """The exported starting state and the settings, read once and shared by every run."""

    def __init__(self, path):
        d = json.load(open(path))
        self.sc = sc = d["scenario"]
        self.leave_from_placement = d["pathway_start"] == "leave_from_placement"
        self.districts = d["districts"]
        self.households = d["households"]
        self.children = d["children"]
        n = len(self.districts)
        centre = [(x["latitude"], x["longitude"]) for x in self.districts]
        self.district_rank = np.zeros((n, n), dtype=np.int64)
        for i in range(n):
            order = sorted(range(n), key=lambda j: (haversine(*centre[i], *centre[j]), j))
            for rank, j in enumerate(order):
                self.district_rank[i, j] = rank

        def weights(overrides, key):
            w = [overrides.get(x["name"], 0) if overrides else x[key] for x in self.districts]
            return w if any(v > 0 for v in w) else [1] * n
        self.child_weights = weights(sc["entries"].get("district_weights") or {}, "child_weight")
        self.carer_weights = weights(sc["carers"]["recruitment"].get("district_weights") or {}, "carer_weight")
        e = sc["entries"]
        sizes = e["sibling_group_sizes"]
        self.mean_group_size = (sum((i + 1) * w for i, w in enumerate(sizes)) / sum(sizes)) if sum(sizes) > 0 else 1
        u = e["urgency"]
        total = u["same_day"] + u["emergency"] + u["planned"]
        self.urgent_share = (u["same_day"] + u["emergency"]) / total if total > 0 else 0
        season = e.get("seasonality") or []
        mean = sum(season) / 12 if len(season) == 12 else 0
        start_month = int(sc["start_date"].split("-")[1]) - 1
        self.season = [season[(start_month + m) % 12] / mean if mean > 0 else 1 for m in range(12)]
        moves = sc["moves"]
        self.breakdowns = [moves["breakdowns_per_year"][t] if moves["breakdowns_enabled"] else 0 for t in TYPES]
        self.move_destinations = [[(moves.get("destinations") or {}).get(f, {}).get(t, 0) for t in TYPES] for f in TYPES]
        x = sc["exits"]
        self.exit_destinations = [[x["destinations"][b][k] for k in DESTINATIONS] for b in BANDS]
        self.weekly = [sc["costs"]["weekly"][t] for t in TYPES]


class Model:
    """One replication."""

    def __init__(self, start, rng, months):
        self.start, self.sc, self.rng, self.months = start, start.sc, rng, months
        self.env = env = simpy.Environment()
        self.events = 0
        self.month = 0
        self.groups = []
        self.hh = []
        self.waiting_groups = []
        self.move_requests = []
        self.step_down_list = []
        self.epoch = 0
        self.unit_counter = 0
        self.type_count = [0] * 8
        self.ifa_in_use = 0
        self.own_beds = self.sc["residential"]["own_beds"]
        self.own_beds_used = 0
        self.staying_put = 0
        self.in_care = 0
        self.active_households = 0
        self.entry_level = 1.0
        self.total_cost = 0.0
        self.out = np.zeros((months + 1, 6))
        cap = len(start.households) + 256
        # Household columns for the candidate search and the scoring (numpy, one row each).
        self.h_lat = np.zeros(cap)
        self.h_lon = np.zeros(cap)
        self.h_usable = np.zeros(cap, dtype=np.int64)  # free places where it takes children, else 0
        self.h_min_age = np.zeros(cap, dtype=np.int64)
        self.h_max_age = np.zeros(cap, dtype=np.int64)
        self.h_approvals = np.zeros(cap, dtype=np.int64)
        self.h_skills = np.zeros(cap, dtype=np.int64)
        self.h_occupied = np.zeros(cap, dtype=np.int64)
        self.h_youngest = np.full(cap, INT_MAX, dtype=np.int64)
        self.h_mean_age = np.zeros(cap)
        # The day until which each household's residents' whole ages stand (a resident's next
        # birthday, less a millionth of a day): scores read a row again from then on.
        self.h_ages_valid_until = np.full(cap, math.inf)
        self.h_neutral = np.ones(cap)
        self.h_long_term = np.zeros(cap)
        self.h_district = np.zeros(cap, dtype=np.int64)
        self.finished = env.event()
        self.set_up()

    # -- scheduling ----------------------------------------------------------------------
    def at(self, day, handler, *args):
        """A one-shot event at `day`: a SimPy timeout whose callback runs `handler(*args)`."""
        event = self.env.timeout(max(0.0, day - self.env.now))
        event.callbacks.append(lambda _: handler(*args))

    # -- households ----------------------------------------------------------------------
    def add_household(self, row, lat, lon, places, district, on_hold):
        h = Household()
        h.active, h.on_hold, h.occupants, h.staying_put, h.places = True, on_hold, [], 0, places
        h.stamp, h.resign_day, h.resign_stamp, h.district, h.last_free = 0, math.inf, 0, district, 0
        i = len(self.hh)
        if i >= len(self.h_lat):
            for name in ("h_lat", "h_lon", "h_usable", "h_min_age", "h_max_age", "h_approvals", "h_skills",
                         "h_occupied", "h_youngest", "h_mean_age", "h_ages_valid_until", "h_neutral", "h_long_term",
                         "h_district"):
                column = getattr(self, name)
                setattr(self, name, np.concatenate([column, np.zeros_like(column)]))
            self.h_youngest[i:] = INT_MAX
            self.h_ages_valid_until[i:] = math.inf
            self.h_neutral[i:] = 1
        self.hh.append(h)
        self.h_lat[i], self.h_lon[i] = lat * RAD, lon * RAD
        self.h_min_age[i], self.h_max_age[i] = row["min_age"], row["max_age"]
        self.h_approvals[i], self.h_skills[i] = row["approvals"], row["skills"]
        self.h_long_term[i] = 1.0 if row["approvals"] & APPROVAL["long_term"] else 0.0
        self.h_district[i] = district
        self.active_households += 1
        return i

    def refresh(self, i):
        """Keeps household `i`'s columns in step (free places, occupancy, residents' ages)."""
        h = self.hh[i]
        usable = h.free() if h.takes() else 0
        if usable > h.last_free:
            self.epoch += 1
        h.last_free = usable
        self.h_usable[i] = usable
        self.h_occupied[i] = len(h.occupants) + h.staying_put
        if h.occupants:
            now = self.env.now
            ages = [int(c.age(now)) for c in h.occupants]
            self.h_youngest[i] = min(ages)
            self.h_mean_age[i] = sum(ages) / len(ages)
            self.h_neutral[i] = 0.0
            self.h_ages_valid_until[i] = min(c.birth + (a + 1) * YEAR - 1e-6 for c, a in zip(h.occupants, ages))
        else:
            self.h_youngest[i], self.h_mean_age[i], self.h_neutral[i] = INT_MAX, 0.0, 1.0
            self.h_ages_valid_until[i] = math.inf

    def households_with_vacancy(self):
        return int(np.count_nonzero(self.h_usable[:len(self.hh)]))

    # -- start ---------------------------------------------------------------------------
    def set_up(self):
        start, sc, rng = self.start, self.sc, self.rng
        for row in start.households:
            self.add_household(row, row["latitude"], row["longitude"], row["places"], row["district"], row["on_hold"])
        previous_key, shared_unit, shared_plan = None, None, None
        for row in start.children:
            key = row["sibling_key"]
            if key is None or key != previous_key:
                self.groups.append([])
                shared_unit, shared_plan = None, None
            previous_key = key
            unit = self.next_unit()
            if row["lives_with_siblings"]:
                if shared_unit is not None:
                    unit = shared_unit
                else:
                    shared_unit = unit
            plan = self.add_starting_child(row, len(self.groups) - 1, unit, shared_plan if row["lives_with_siblings"] else None)
            if row["lives_with_siblings"] and shared_plan is None:
                shared_plan = plan
        for i in range(len(self.hh)):
            self.refresh(i)
            self.schedule_resignation(i)
            if self.hh[i].on_hold:
                self.schedule_hold_end(i)
            else:
                self.schedule_hold_start(i)
        r = sc["carers"]["recruitment"]
        longest = math.ceil(max(r["assessment_months_min"], r["assessment_months_max"]))
        if r["enabled"] and longest > 0:
            for m in range(-longest, 0):
                self.schedule_recruitment(m)
        self.record(0)
        self.env.process(self.month_ends())
        self.env.process(self.meetings())

    def add_starting_child(self, row, group, unit, shared_plan):
        rng, x = self.rng, self.sc["exits"]
        age = min(17.999, row["age"] + rng.random())
        days_in_care = (row["months_in_care"] + rng.random()) * MONTH
        entry = -min(days_in_care, age * YEAR)
        birth = -age * YEAR
        entry_band = band_of(int(max(0.0, age + entry / YEAR)))
        placement = TYPES.index(row["placement"])
        moves_first = None
        if not x["enabled"]:
            dest, remaining = self.draw_destination(entry_band), math.inf
        elif placement == ADOPTION:
            dest, remaining = ADOPT, rng.expovariate(1 / (x["placed_for_adoption_months"] * MONTH))
        elif placement == WITH_PARENTS:
            dest, remaining = HOME, rng.expovariate(1 / (x["placed_with_parents_months"] * MONTH))
        else:
            to18 = 18 * YEAR + birth
            if shared_plan and math.isfinite(shared_plan[1]) and (
                    shared_plan[1] >= to18 or shared_plan[1] >= self.lead_days(shared_plan[0], shared_plan[2])):
                dest, remaining, moves_first = shared_plan
            else:
                dest, remaining, moves_first = self.draw_starting_exit(entry_band, -entry / YEAR, to18)
        c = self.new_child(birth, entry, row["latitude"], row["longitude"], row["district"], row["needs"],
                           APPROVAL["long_term"], group)
        c.type = placement
        self.set_exit(c, remaining, dest, moves_first)
        household = row["household"] if placement == IN_HOUSE and row["household"] is not None else -1
        self.put(c, placement, household, unit, counting=False, since=entry)
        return dest, remaining, moves_first

    def draw_starting_exit(self, band, elapsed, to18):
        for _ in range(100):
            dest = self.draw_destination(band)
            remaining = self.draw_stay(band, elapsed)
            first = self.draw_moves_first(dest)
            if remaining >= to18 or remaining >= self.lead_days(dest, first):
                return dest, remaining, first
            if self.start.leave_from_placement:
                return dest, remaining, False
        return HOME, remaining, False

    # -- children ------------------------------------------------------------------------
    def new_child(self, birth, entry, lat, lon, district, needs, request, group):
        c = Child()
        c.birth, c.entry, c.exit_day, c.placed_day, c.waiting_since = birth, entry, 0.0, entry, entry
        c.lat, c.lon = lat * RAD, lon * RAD
        c.cos_a, c.cos_b = math.cos(c.lat) + math.sin(c.lat) * c.lat / 2, -math.sin(c.lat) / 2
        c.household, c.unit, c.group, c.pstamp, c.xstamp = -1, -1, group, 0, 0
        c.district, c.needs, c.request, c.state, c.type, c.dest = district, needs, request, WAITING, OTHER, HOME
        c.own_bed = c.step_down_ready = c.wants_move = False
        c.searched, c.frailty = -1, -1.0
        self.groups[group].append(c)
        self.in_care += 1
        return c

    def draw_destination(self, band):
        weights = self.start.exit_destinations[band]
        return weighted_index(weights, self.rng.random()) if any(w > 0 for w in weights) else HOME

    def draw_stay(self, band, elapsed=0.0):
        x = self.sc["exits"]
        if not x["enabled"]:
            return math.inf
        mean = x["mean_years_by_age_band"][BANDS[band]]
        share = min(1.0, max(0.0, x["short_stay_share"][BANDS[band]]))
        short = min(x["short_stay_mean_years"], mean)
        long = max(short, (mean - share * short) / (1 - share)) if share < 1 else short
        p_short = share
        if elapsed > 0 and 0 < share < 1:
            a = share * math.exp(-elapsed / max(short, 1e-9))
            b = (1 - share) * math.exp(-elapsed / max(long, 1e-9))
            p_short = a / (a + b) if a + b > 0 else 0
        years = short if self.rng.random() < p_short else long
        return self.rng.expovariate(1 / (years * YEAR))

    def draw_moves_first(self, dest):
        x = self.sc["exits"]
        u = self.rng.random()
        if dest == ADOPT:
            share = x.get("placed_for_adoption_share", 1)
            return share >= 1 or u < share
        if dest == HOME:
            return u < x["placed_with_parents_share"]
        return False

    def pathway_days(self, dest):
        x = self.sc["exits"]
        if dest == ADOPT:
            return x["placed_for_adoption_months"] * MONTH
        if dest == HOME:
            return x["placed_with_parents_months"] * MONTH
        return 0.0

    def lead_days(self, dest, moves_first):
        return self.pathway_days(dest) if moves_first else 0.0

    def set_exit(self, c, days, dest, moves_first=None):
        now, x = self.env.now, self.sc["exits"]
        eighteenth = c.birth + 18 * YEAR
        c.xstamp += 1
        if now + days >= eighteenth:
            c.exit_day, c.dest = max(now, eighteenth), EIGHTEEN
        else:
            c.exit_day, c.dest = now + days, dest
        self.at(c.exit_day, self.leave, c, c.xstamp)
        if c.dest in (ADOPT, HOME) and (moves_first if moves_first is not None else self.draw_moves_first(c.dest)):
            lead = self.pathway_days(c.dest)
            if lead > 0 and c.type not in (ADOPTION, WITH_PARENTS):
                self.at(max(now, c.exit_day - lead), self.pre_exit_move, c, c.xstamp)
        rate = x["move_to_supported_per_year"]
        if rate > 0 and self.sc["supported"]["enabled"]:
            sixteenth = c.birth + self.sc["finding_homes"]["supported_from_age"] * YEAR
            day = max(now, sixteenth) + self.rng.expovariate(rate / YEAR)
            if day < c.exit_day:
                self.at(day, self.move_to_supported, c, c.xstamp)

    def next_unit(self):
        self.unit_counter += 1
        return self.unit_counter

    def put(self, c, kind, household, unit, counting=True, own_bed=False, since=None):
        rng, now = self.rng, self.env.now
        c.state, c.type, c.household, c.unit, c.own_bed = PLACED, kind, household, unit, own_bed
        started = now if since is None else since
        c.placed_day = started
        c.pstamp += 1
        c.wants_move = False
        c.step_down_ready = False
        steps = self.sc["moves"]["step_down"]
        if steps["enabled"] and counting:
            if kind == RESIDENTIAL and (not c.needs & COMPLEX or rng.random() < 0.5):
                c.step_down_ready = rng.random() < steps["residential_share"]
            elif kind == IFA:
                c.step_down_ready = rng.random() < steps["ifa_share"]
            if c.step_down_ready:
                self.step_down_list.append((c, c.pstamp))
        shape = self.sc["moves"]["frailty_shape"]
        if shape > 0 and c.frailty < 0:
            c.frailty = rng.gammavariate(shape, 1.0) / shape
        self.type_count[kind] += 1
        if kind == IFA:
            self.ifa_in_use += 1
        elif kind == RESIDENTIAL and own_bed:
            self.own_beds_used += 1
        if household >= 0:
            self.hh[household].occupants.append(c)
            self.refresh(household)
        rate = self.start.breakdowns[kind]
        if shape > 0:
            rate *= c.frailty
        if rate > 0:
            day = now + self.placement_days(rng.expovariate(1.0), rate / YEAR, now - started)
            if day < c.exit_day:
                self.at(day, self.breakdown, c, c.pstamp)

    def placement_days(self, h, per_day, elapsed):
        m = self.sc["moves"]
        months, factor = m["early_months"], m["early_factor"]
        if months <= 0 or factor <= 1 or per_day <= 0:
            return h / per_day
        early = months * MONTH
        x = per_day * factor * early
        survive = math.exp(-x)
        late = survive / (1 - (1 - survive) / factor)
        elapsed = max(0.0, elapsed)
        so_far = per_day * factor * elapsed if elapsed < early else x + per_day * late * (elapsed - early)
        target = so_far + h
        end = target / (per_day * factor) if target < x else early + (target - x) / (per_day * late)
        return end - elapsed

    def vacate(self, c):
        if c.state != PLACED:
            return
        self.type_count[c.type] -= 1
        if c.type == IFA:
            self.ifa_in_use -= 1
        elif c.type == RESIDENTIAL and c.own_bed:
            self.own_beds_used -= 1
        if c.household >= 0:
            h = c.household
            self.hh[h].occupants.remove(c)
            self.refresh(h)
        c.state, c.household, c.own_bed = WAITING, -1, False
        c.pstamp += 1
        c.waiting_since = self.env.now

    def waiting_members(self, g):
        return [c for c in self.groups[g] if c.state == WAITING]

    def unit_mates(self, c):
        return [s for s in self.groups[c.group] if s is c or (s.state == PLACED and s.unit == c.unit)]

    # -- matching ------------------------------------------------------------------------
    def candidates(self, members, excluding):
        """Households passing the integer checks, from the nearest districts (Hearth's search)."""
        now = self.env.now
        ages = [int(c.age(now)) for c in members]
        youngest, oldest = min(ages), max(ages)
        n = len(self.hh)
        ok = ((self.h_usable[:n] >= len(members)) & (self.h_min_age[:n] <= youngest) & (self.h_max_age[:n] >= oldest)
              & ((self.h_approvals[:n] & members[0].request) != 0))
        if excluding >= 0:
            ok[excluding] = False
        # Whole districts, nearest first, until CANDIDATE_LIMIT / 2 households are found.
        ranks = self.start.district_rank[members[0].district][self.h_district[:n]]
        counts = np.cumsum(np.bincount(ranks[ok], minlength=len(self.start.districts)))
        enough = np.flatnonzero(counts >= CANDIDATE_LIMIT // 2)
        if len(enough):
            ok &= ranks <= enough[0]
        return np.flatnonzero(ok)

    def scores(self, members, idx):
        """Scores of the unit `members` against households `idx` (-1 where a hard rule fails)."""
        now = self.env.now
        for i in idx[self.h_ages_valid_until[idx] <= now]:
            self.refresh(int(i))
        first = members[0]
        ages = [int(c.age(now)) for c in members]
        needs = 0
        at_risk = -1
        for c, a in zip(members, ages):
            needs |= c.needs
            if c.needs & EXPLOITATION:
                at_risk = max(at_risk, a)
        oldest = max(ages)
        required = needs & (DISABILITY | COMPLEX)
        wanted = (needs & (TRAUMA | UASC)) | (TEENAGERS if oldest >= TEENAGE_FROM else 0)
        wanted_count = bin(wanted).count("1")
        waited = max(0, int(max(now - c.waiting_since for c in members)))
        emergency = first.request == APPROVAL["emergency"]
        constant = CONSTANT_POINTS + W_URGENCY * (1.0 if emergency else min(1.0, waited / URGENT_DAYS))
        short = first.request in (APPROVAL["short_term"], APPROVAL["emergency"], APPROVAL["respite"])
        skills = self.h_skills[idx]
        ok = (skills & required) == required
        if needs & SOLO:
            ok &= self.h_occupied[idx] == 0
        if at_risk >= 0:
            ok &= self.h_youngest[idx] >= at_risk - EXPLOITATION_GAP
        phi = self.h_lat[idx]
        d_phi = phi - first.lat
        d_lambda = (self.h_lon[idx] - first.lon) * (first.cos_a + first.cos_b * phi)
        d2 = d_lambda * d_lambda + d_phi * d_phi
        ok &= d2 <= MAX_D2
        miles = EARTH_MILES * np.sqrt(d2)
        beyond = miles - NEAR_MILES
        # Past NEAR_MILES the steep mile and the long slope meet at 1 mile beyond: the larger
        # of the two is the fit (checked against the three-piece form).
        distance = np.where(miles <= NEAR_MILES, 1 - 0.2 * miles / NEAR_MILES,
                            np.maximum(0.8 - 0.4 * beyond, 0.4 * np.maximum(0, 1 - (beyond - 1) / FAR_SPAN)))
        mean_age = sum(ages) / len(ages)
        age_fit = np.where(self.h_neutral[idx] != 0, 0.5,
                           np.maximum(0, 1 - np.abs(mean_age - self.h_mean_age[idx]) / AGE_FIT_SPAN))
        if wanted_count:
            extra = np.bitwise_count(skills & wanted) / wanted_count
        else:
            extra = 0.5
        approval_fit = np.where(self.h_long_term[idx] != 0, LONG_TERM_FOR_SHORT if short else 1.0, 1.0)
        score = (constant + W_DISTANCE * distance + W_AGE_FIT * age_fit + W_SKILLS * extra
                 + W_APPROVAL_FIT * approval_fit)
        return np.where(ok, score, -1.0)

    def best_in_house(self, members, excluding, min_score=-math.inf):
        idx = self.candidates(members, excluding)
        if len(idx) == 0:
            return None
        s = self.scores(members, idx)
        s[s < min_score] = -1.0
        k = int(np.argmax(s))
        if s[k] < 0:
            return None
        return int(idx[k]), float(s[k])

    # -- placing -------------------------------------------------------------------------
    def route(self, g, urgent):
        members = self.waiting_members(g)
        f, rng, now = self.sc["finding_homes"], self.rng, self.env.now
        ages = [c.age(now) for c in members]
        min_age = min(ages)
        complex_teen = any(c.needs & COMPLEX and a >= 10 for c, a in zip(members, ages))
        if rng.random() < f["other_probability"]:
            self.put_together(members, OTHER)
            return
        band = BANDS[band_of(int(ages[0]))]
        if f["kinship_enabled"] and rng.random() < f["kinship_probability"][band]:
            self.put_together(members, KINSHIP)
            return
        supported_draw, residential_draw = rng.random(), rng.random()
        if (self.sc["supported"]["enabled"] and min_age >= f["supported_from_age"] and not complex_teen
                and supported_draw < f["supported_probability"]):
            self.put_together(members, SUPPORTED)
            return
        if complex_teen and residential_draw < f["residential_for_complex_probability"]:
            self.place_residential(members)
            return
        if not complex_teen and min_age >= 10 and residential_draw < f["residential_probability_10_plus"]:
            self.place_residential(members)
            return
        if urgent:
            self.place_urgently(members, -1)
        else:
            self.waiting_groups.append(g)

    def put_together(self, members, kind):
        unit = self.next_unit()
        for c in members:
            self.put(c, kind, -1, unit)

    def place_urgently(self, members, excluding):
        if not members:
            return
        best = self.best_in_house(members, excluding)
        if best is not None:
            self.place_in_house(members, best[0])
            bridging = self.rng.random() < self.sc["finding_homes"]["emergency_move_probability"]
            if bridging or best[1] < self.sc["finding_homes"]["poor_fit_score"]:
                self.schedule_move_requests(members)
            return
        self.fallback(members, True)

    def place_in_house(self, members, h):
        unit = self.next_unit()
        for c in members:
            self.put(c, IN_HOUSE, h, unit)

    def fallback(self, members, wants_move):
        if not members:
            return
        f, now, sc = self.sc["finding_homes"], self.env.now, self.sc
        all_old = all(c.age(now) >= f["supported_from_age"] for c in members)
        complex_need = any(c.needs & COMPLEX for c in members)
        if all_old and not complex_need and sc["supported"]["enabled"]:
            self.put_together(members, SUPPORTED)
            return
        if sc["ifa"]["enabled"] and self.ifa_in_use + len(members) <= sc["ifa"]["capacity"]:
            self.put_together(members, IFA)
            if wants_move:
                self.schedule_move_requests(members)
            return
        for c in members:
            if sc["ifa"]["enabled"] and self.ifa_in_use < sc["ifa"]["capacity"]:
                self.put(c, IFA, -1, self.next_unit())
                if wants_move:
                    self.schedule_move_requests([c])
            elif sc["supported"]["enabled"] and c.age(now) >= f["supported_from_age"]:
                self.put(c, SUPPORTED, -1, self.next_unit())
            else:
                self.place_residential([c])

    def place_residential(self, members):
        for c in members:
            own = self.own_beds_used < self.own_beds
            self.put(c, RESIDENTIAL, -1, self.next_unit(), own_bed=own)

    def schedule_move_requests(self, members):
        delay = self.sc["finding_homes"]["planned_move_after_days"]
        for c in members:
            self.at(self.env.now + delay, self.request_move, c, c.pstamp)

    def place_after_move(self, members, kind, excluding):
        sc, now = self.sc, self.env.now
        if kind == IN_HOUSE:
            self.place_urgently(members, excluding)
            return
        if kind == RESIDENTIAL:
            self.place_residential(members)
            return
        if kind == IFA:
            can = sc["ifa"]["enabled"] and self.ifa_in_use + len(members) <= sc["ifa"]["capacity"]
        elif kind == SUPPORTED:
            can = sc["supported"]["enabled"] and all(c.age(now) >= sc["finding_homes"]["supported_from_age"] for c in members)
        elif kind == KINSHIP:
            can = sc["finding_homes"]["kinship_enabled"]
        else:
            can = True
        if not can:
            self.place_urgently(members, excluding)
            return
        self.put_together(members, kind)

    # -- events --------------------------------------------------------------------------
    def leave(self, c, stamp):
        if c.state == LEFT or c.xstamp != stamp:
            return  # stale: not counted
        self.events += 1
        household, was_type, was_placed = c.household, c.type, c.state == PLACED
        self.vacate(c)
        c.state = LEFT
        self.in_care -= 1
        if not was_placed:
            return
        x, rng = self.sc["exits"], self.rng
        if c.dest == EIGHTEEN and was_type in (IN_HOUSE, IFA) and rng.random() < x["staying_put_probability"]:
            end = self.env.now + rng.expovariate(1 / (x["staying_put_years"] * YEAR))
            self.staying_put += 1
            if household >= 0:
                self.hh[household].staying_put += 1
                self.refresh(household)
            else:
                self.ifa_in_use += 1
            self.at(end, self.staying_put_ends, household)
        if (household >= 0 and self.hh[household].active
                and len(self.hh[household].occupants) + self.hh[household].staying_put == 0):
            carers = self.sc["carers"]
            p = (carers["leave_after_special_guardianship"] if c.dest == SGO
                 else carers["leave_after_return_home"] if c.dest == HOME else 0)
            if p > 0 and rng.random() < p:
                self.household_leaves(household)

    def staying_put_ends(self, household):
        self.events += 1
        self.staying_put -= 1
        if household < 0:
            self.ifa_in_use -= 1
        else:
            self.hh[household].staying_put -= 1
            self.refresh(household)

    def pre_exit_move(self, c, stamp):
        if c.state != PLACED or c.xstamp != stamp:
            return
        self.events += 1
        kind = ADOPTION if c.dest == ADOPT else WITH_PARENTS
        if c.type == kind:
            return
        self.vacate(c)
        for s in self.groups[c.group]:
            if s is not c and s.state == PLACED and s.type == kind and s.exit_day == c.exit_day and s.dest == c.dest:
                self.put(c, kind, -1, s.unit)
                return
        self.put(c, kind, -1, self.next_unit())

    def move_to_supported(self, c, stamp):
        if c.state != PLACED or c.xstamp != stamp:
            return
        self.events += 1
        if c.type not in (IN_HOUSE, IFA, RESIDENTIAL):
            return
        self.vacate(c)
        self.put(c, SUPPORTED, -1, self.next_unit())

    def breakdown(self, c, stamp):
        if c.state != PLACED or c.pstamp != stamp:
            return
        self.events += 1
        previous, moved_from = c.household, c.type
        members = self.unit_mates(c)
        for m in members:
            self.vacate(m)
        row = self.start.move_destinations[moved_from]
        if any(w > 0 for w in row):
            self.place_after_move(members, weighted_index(row, self.rng.random()), previous)
            return
        f = self.sc["finding_homes"]
        now = self.env.now
        if (all(m.age(now) >= f["supported_from_age"] for m in members) and self.sc["supported"]["enabled"]
                and self.rng.random() < 0.5):
            self.put_together(members, SUPPORTED)
            return
        self.place_urgently(members, previous)

    def request_move(self, c, stamp):
        if c.state != PLACED or c.pstamp != stamp:
            return
        self.events += 1
        c.wants_move = True
        self.move_requests.append((c, stamp))

    # -- carers --------------------------------------------------------------------------
    def resignation_rate(self):
        carers = self.sc["carers"]
        return carers["resignations_per_household_per_year"] if carers["resignations_enabled"] else 0

    def schedule_resignation(self, i):
        rate = self.resignation_rate()
        if rate <= 0:
            return
        h = self.hh[i]
        h.resign_stamp += 1
        h.resign_day = self.env.now + self.rng.expovariate(rate / YEAR)
        self.at(h.resign_day, self.resign, i, h.resign_stamp)

    def schedule_hold_start(self, i):
        hold = self.sc["carers"]["on_hold"]
        if not hold["enabled"] or hold["per_household_per_year"] <= 0:
            return
        self.at(self.env.now + self.rng.expovariate(hold["per_household_per_year"] / YEAR), self.hold_start, i, self.hh[i].stamp)

    def schedule_hold_end(self, i):
        hold = self.sc["carers"]["on_hold"]
        mean = max(0.1, hold["mean_months"]) * MONTH
        self.at(self.env.now + self.rng.expovariate(1 / mean), self.hold_end, i, self.hh[i].stamp)

    def resign(self, i, stamp):
        h = self.hh[i]
        if not h.active or h.resign_stamp != stamp:
            return
        self.events += 1
        self.household_leaves(i)
        for c in h.occupants:
            self.at(self.env.now + self.rng.expovariate(1 / 30), self.breakdown, c, c.pstamp)

    def household_leaves(self, i):
        h = self.hh[i]
        h.active = False
        h.stamp += 1
        self.active_households -= 1
        self.refresh(i)

    def hold_start(self, i, stamp):
        h = self.hh[i]
        if not h.active or h.stamp != stamp or h.on_hold:
            return
        self.events += 1
        h.on_hold = True
        self.refresh(i)
        self.schedule_hold_end(i)

    def hold_end(self, i, stamp):
        h = self.hh[i]
        if not h.active or h.stamp != stamp or not h.on_hold:
            return
        self.events += 1
        h.on_hold = False
        self.refresh(i)
        self.schedule_hold_start(i)

    def schedule_recruitment(self, m):
        r = self.sc["carers"]["recruitment"]
        if not r["enabled"]:
            return
        rng = self.rng
        low = min(r["assessment_months_min"], r["assessment_months_max"])
        high = max(r["assessment_months_min"], r["assessment_months_max"])
        for _ in range(poisson(rng, r["enquiries_per_month"] * r["conversion"])):
            enquiry = (m + rng.random()) * MONTH
            delay = (low + rng.random() * (high - low)) * MONTH
            if enquiry + delay > 0:
                self.at(enquiry + delay, self.approve)

    def approve(self):
        self.events += 1
        start, rng = self.start, self.rng
        r = self.sc["carers"]["recruitment"]
        template = start.households[min(len(start.households) - 1, int(rng.random() * len(start.households)))]
        district = weighted_index(start.carer_weights, rng.random())
        centre = start.districts[district]
        lat, lon = offset(centre["latitude"], centre["longitude"], 6 * math.sqrt(rng.random()), rng.random() * 360)
        weights = r["places_distribution"]
        places = weighted_index(weights, rng.random()) + 1 if weights else 1
        i = self.add_household(template, lat, lon, places, district, False)
        self.refresh(i)
        self.schedule_resignation(i)
        self.schedule_hold_start(i)

    # -- processes -----------------------------------------------------------------------
    def month_ends(self):
        """Month ends: cost, KPIs, and the next month's entries and enquiries."""
        self.start_month(0)
        while True:
            yield self.env.timeout((self.month + 1) * MONTH - self.env.now)
            self.events += 1
            self.month += 1
            self.total_cost += self.weekly_cost() * MONTH / 7
            self.record(self.month)
            if self.month >= self.months:
                self.finished.succeed()
                return
            self.start_month(self.month)

    def start_month(self, m):
        e = self.sc["entries"]
        if m > 0:
            self.entry_level *= (1 + e["annual_trend"]) ** (1 / 12)
        if e["enabled"]:
            self.env.process(self.arrivals(m))
        self.schedule_recruitment(m)

    def arrivals(self, m):
        """The month's sibling groups: a Poisson count per age band at uniform times."""
        e, rng = self.sc["entries"], self.rng
        start_day = m * MONTH
        times = []
        for band in range(5):
            mean = e["per_year_by_age_band"][BANDS[band]] / 12 * self.entry_level * self.start.season[m % 12] / self.start.mean_group_size
            times += [(start_day + rng.random() * MONTH, band) for _ in range(poisson(rng, mean))]
        times.sort()
        for day, band in times:
            yield self.env.timeout(day - self.env.now)
            self.events += 1
            self.arrive(band)

    def entry_age(self, band, u):
        weights = self.sc["entries"].get("age_at_entry_weights") or []
        if len(weights) == 18:
            ages = [a for a in ([0], [1, 2, 3, 4], [5, 6, 7, 8, 9], list(range(10, 16)), [16, 17])[band]]
            total = sum(weights[a] for a in ages)
            if total > 0:
                target = u * total
                for a in ages:
                    if weights[a] <= 0:
                        continue
                    if target < weights[a]:
                        return min(17.999, max(1 / 365.25, a + target / weights[a]))
                    target -= weights[a]
        if band == 0:
            return max(1 / 365.25, u ** 4)
        if band == 3:
            return min(15.999, 10 + 6 * math.sqrt(u))
        if band == 4:
            return 16 + u * 1.999
        low, high = ((0, 0), (1, 4), (5, 9))[band]
        return low + u * (high - low + 1)

    def arrive(self, band):
        e, rng, start = self.sc["entries"], self.rng, self.start
        now = self.env.now
        sizes = e["sibling_group_sizes"]
        size = weighted_index(sizes, rng.random()) + 1 if sizes else 1
        lead_age = self.entry_age(band, rng.random())
        district = weighted_index(start.child_weights, rng.random())
        centre = start.districts[district]
        lat, lon = offset(centre["latitude"], centre["longitude"], e["home_scatter_miles"] * math.sqrt(rng.random()),
                          rng.random() * 360)
        urgent = rng.random() < start.urgent_share
        if urgent:
            request = APPROVAL[e["emergency_request"]]
        else:
            mix = e["planned_requests"]
            pick = weighted_index([mix["short_term"], mix["long_term"], mix["parent_and_child"] if lead_age < 1 else 0], rng.random())
            request = APPROVAL[("short_term", "long_term", "parent_and_child")[pick]]
        g = len(self.groups)
        self.groups.append([])
        lead_band = band_of(int(lead_age))
        dest = self.draw_destination(lead_band)
        stay = self.draw_stay(lead_band)
        moves_first = self.draw_moves_first(dest)
        same_band = len(e.get("age_at_entry_weights") or []) == 18
        rates = e["needs"]
        for k in range(size):
            age = lead_age
            if k > 0 and same_band:
                age = self.entry_age(band, rng.random())
            elif k > 0:
                gaps = max(1, e["sibling_age_gap_years"])
                gap = 1 + min(gaps - 1, int(rng.random() * gaps))
                age = age - gap * k if rng.random() < 0.5 else age + gap * k
                age = min(17.9, max(0.05, age))
            needs = 0
            if rng.random() < rates["disability"]:
                needs |= DISABILITY
            if rng.random() < rates["complex"]:
                needs |= COMPLEX
            if rng.random() < rates["trauma"]:
                needs |= TRAUMA
            if age >= 16 and rng.random() < rates["uasc_16_plus"]:
                needs |= UASC
            if age >= 10 and rng.random() < rates["exploitation_risk_10_plus"]:
                needs |= EXPLOITATION
            if rng.random() < rates["solo"]:
                needs |= SOLO
            c = self.new_child(now - age * YEAR, now, lat, lon, district, needs, request, g)
            self.set_exit(c, stay, dest, moves_first)
        self.route(g, urgent)

    def meetings(self):
        """Family-finding meetings: planned requests matched jointly, then planned moves and step-downs."""
        per_week = self.sc["finding_homes"]["meetings_per_week"]
        if per_week <= 0:
            return
        gap = 7 / per_week
        yield self.env.timeout(gap / 2)
        while True:
            self.events += 1
            self.plan_waiting_groups()
            self.planned_moves()
            self.step_downs()
            yield self.env.timeout(gap)

    def plan_waiting_groups(self):
        units, unit_groups = [], []
        for g in self.waiting_groups:
            members = self.waiting_members(g)
            if members:
                units.append(members)
                unit_groups.append(g)
        self.waiting_groups = []
        if not units:
            return
        # Units with a feasible candidate are planned over every candidate of every planned
        # unit (the pool), split into parts joined by households feasible for two units; a
        # lone unit takes its best household, a part of several is planned by rounds.
        planned, pool, seen = [], [], set()
        for u, members in enumerate(units):
            if members[0].searched == self.epoch:
                continue
            idx = self.candidates(members, -1)
            if len(idx) == 0:
                continue
            if not (self.scores(members, idx) >= 0).any():
                continue
            planned.append(u)
            for h in idx:
                if int(h) not in seen:
                    seen.add(int(h))
                    pool.append(int(h))
        placed = [False] * len(units)
        if planned:
            pool = np.array(pool, dtype=np.int64)
            parent = list(range(len(planned)))

            def find(x):
                while parent[x] != x:
                    parent[x] = parent[parent[x]]
                    x = parent[x]
                return x

            owner, linked, scored = {}, [], []
            for k, u in enumerate(planned):
                s = self.scores(units[u], pool)
                feasible = s >= 0
                linked.append(pool[feasible])
                scored.append(s[feasible])
                for h in pool[feasible]:
                    h = int(h)
                    if h in owner:
                        a, b = find(k), find(owner[h])
                        if a != b:
                            parent[max(a, b)] = min(a, b)
                    owner[h] = k
            parts = {}
            for k in range(len(planned)):
                parts.setdefault(find(k), []).append(k)
            for part in sorted(parts.values()):
                if len(part) == 1:
                    k = part[0]
                    self.place_in_house(units[planned[k]], int(linked[k][int(np.argmax(scored[k]))]))
                    placed[planned[k]] = True
                else:
                    households = np.unique(np.concatenate([linked[k] for k in part]))
                    for u in self.assignment_rounds(units, [planned[k] for k in part], households):
                        placed[u] = True
        now = self.env.now
        for u, members in enumerate(units):
            if placed[u]:
                continue
            members[0].searched = self.epoch
            waited = now - min(c.waiting_since for c in members)
            if waited >= self.sc["finding_homes"]["planned_max_wait_days"]:
                self.fallback(members, False)
            else:
                self.waiting_groups.append(unit_groups[u])

    def assignment_rounds(self, units, planned, households):
        """Rounds of linear_sum_assignment: most children first, then the highest score."""
        placed = []
        waiting = list(planned)
        big = 100.0 * (len(waiting) + 1)
        while waiting:
            open_ = households[self.h_usable[households] > 0]
            if len(open_) == 0:
                break
            matrix = np.empty((len(waiting), len(open_)))
            for r, u in enumerate(waiting):
                s = self.scores(units[u], open_)
                s[self.h_usable[open_] < len(units[u])] = -1.0
                matrix[r] = np.where(s >= 0, -(len(units[u]) * big + s), np.inf)
            feasible = np.isfinite(matrix)
            if not feasible.any():
                break
            cost = np.where(feasible, matrix, 1e12)
            rows, cols = linear_sum_assignment(cost)
            done = []
            for r, k in zip(rows, cols):
                if feasible[r, k]:
                    self.place_in_house(units[waiting[r]], int(open_[k]))
                    done.append(waiting[r])
            if not done:
                break
            placed += done
            waiting = [u for u in waiting if u not in done]
        return placed

    def planned_moves(self):
        if not self.move_requests:
            return
        f, now = self.sc["finding_homes"], self.env.now
        window = f["planned_move_after_days"] + f["move_search_days"]
        attempts = 0
        vacancies = self.households_with_vacancy()
        # Requests are (child, placement stamp): one made in an earlier placement never applies
        # again, so the walk may stop once no search is left, keeping the rest unread.
        kept = []
        # As in Hearth, requests added during the walk are dropped.
        requests, count = self.move_requests, len(self.move_requests)
        for i in range(count):
            c, stamp = requests[i]
            if attempts >= 2 or vacancies <= 0:
                kept.extend(requests[i:count])
                break
            if c.state != PLACED or c.pstamp != stamp or not c.wants_move or now - c.placed_day > window:
                continue
            if c.searched == self.epoch:
                kept.append((c, stamp))
                continue
            attempts += 1
            members = self.unit_mates(c)
            best = self.best_in_house(members, c.household, f["poor_fit_score"])
            if best is not None:
                for m in members:
                    self.vacate(m)
                self.place_in_house(members, best[0])
            else:
                c.searched = self.epoch
                kept.append((c, stamp))
        self.move_requests = kept

    def step_downs(self):
        steps = self.sc["moves"]["step_down"]
        if not steps["enabled"] or not self.step_down_list:
            return
        sc, now = self.sc, self.env.now
        moved = attempts = 0
        min_days = steps["after_months"] * MONTH
        kept = []
        # As in Hearth, children added during the walk (a step-down to an agency home that is
        # itself ready to step down) are dropped.
        listed, count = self.step_down_list, len(self.step_down_list)
        for i in range(count):
            c, stamp = listed[i]
            if moved >= steps["max_per_meeting"] or attempts >= 2 * max(1, steps["max_per_meeting"]):
                kept.extend(listed[i:count])
                break
            kind = c.type
            if c.state != PLACED or c.pstamp != stamp or not c.step_down_ready or kind not in (RESIDENTIAL, IFA):
                continue
            if now - c.placed_day < min_days or c.searched == self.epoch:
                kept.append((c, stamp))
                continue
            attempts += 1
            best = None
            if self.households_with_vacancy() > steps["reserve_vacancies"]:
                best = self.best_in_house([c], -1, steps["min_score"])
            if best is not None:
                self.vacate(c)
                self.place_in_house([c], best[0])
                moved += 1
            elif kind == RESIDENTIAL and sc["ifa"]["enabled"] and self.ifa_in_use < sc["ifa"]["capacity"]:
                self.vacate(c)
                self.put(c, IFA, -1, self.next_unit())
                moved += 1
            else:
                if kind == IFA or not sc["ifa"]["enabled"]:
                    c.searched = self.epoch
                kept.append((c, stamp))
        self.step_down_list = kept

    # -- KPIs ----------------------------------------------------------------------------
    def weekly_cost(self):
        costs = self.sc["costs"]
        total = 0.0
        for kind in range(8):
            count = self.type_count[kind] - (self.own_beds_used if kind == RESIDENTIAL else 0)
            total += count * self.start.weekly[kind]
        total += self.own_beds * costs["own_home_weekly_per_bed"] + self.staying_put * costs["staying_put_weekly"]
        return total * (1 + costs["annual_inflation"]) ** (self.env.now / YEAR)

    def record(self, m):
        self.out[m] = (self.in_care, self.type_count[IN_HOUSE], self.type_count[IFA], self.type_count[RESIDENTIAL],
                       self.active_households, self.weekly_cost())

    def run(self):
        self.env.run(until=self.finished)
        return self.out


KPI_KEYS = ["children_in_care", "in_house_foster", "ifa_foster", "residential", "households", "weekly_cost"]


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    opts = {"--runs": 100, "--years": 10, "--seed": 1}
    i = 1
    while i < len(args):
        opts[args[i]] = int(args[i + 1])
        i += 2
    start = Start(args[0])
    months = 12 * opts["--years"]
    t0, c0 = time.perf_counter(), time.process_time()
    events, outputs = 0, []
    for r in range(opts["--runs"]):
        model = Model(start, random.Random(opts["--seed"] + r), months)
        outputs.append(model.run())
        events += model.events
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    stacked = np.stack(outputs)
    kpis = {}
    for k, key in enumerate(KPI_KEYS):
        kpis[key] = {str(m): [float(v) for v in np.percentile(stacked[:, m, k], [10, 50, 90])]
                     for m in range(12, months + 1, 12)}
    print(json.dumps({"events": events, "seconds": seconds, "cpu_seconds": cpu, "runs": opts["--runs"], "years": opts["--years"], "kpis": kpis}))


if __name__ == "__main__":
    main()
