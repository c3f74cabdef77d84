import CareModel
import Dispatch

/// The globally best joint plan: every set of units each household could take, packed exactly.
///
/// ## Objective (lexicographic)
/// 1. the number of children placed;
/// 2. then the fewest parts of split sibling groups placed (a group is split only where that
///    places more children);
/// 3. then the total score counted per child: each child counts the score of the placement
///    they are in (a group of three at 70 points counts 210).
///
/// ## Model
/// Units are the sibling groups and single children, and for groups that may split, their
/// halves by age (younger, older), and the halves' halves. A household's *configuration* is a
/// set of units it takes together: no child twice, no two parts of one group, sizes within its
/// free places, a solo child alone, and no child at risk of exploitation with a new child more
/// than `exploitation_age_gap` years younger (own brothers and sisters excepted). Each unit is
/// scored as the reference evaluator scores it when every other child of the configuration is
/// already living there: age fit sees all of them, whatever the order. Every configuration of
/// every household is listed (units from each household's feasible pairs); the plan is the
/// heaviest packing of configurations, one per household, each child at most once, with the
/// weight `children x A - parts x B + score in hundredths of a point x children`, where
/// `B = 10,000 x children + 1` exceeds any total of scores and `A = B x (children + 1)`
/// exceeds any difference the lower levels can make, so the packing's optimum is the
/// lexicographic optimum. `PackingSolver` solves it exactly and proves a bound.
///
/// Feasible pairs are found by the scoring kernel with a 0.1% wider distance limit (wider
/// than its projection error), then confirmed and scored by the reference evaluator, except
/// the *lone options* no best plan needs (a unit alone in a home that takes one unit at a
/// time, when enough homes at least as good are sure to have room: `LoneOptionScreen`,
/// which keeps the optimum and drops most of a meeting's options); at
/// national size (units x households > 25 million) each unit keeps its best `candidate_limit`
/// kernel-scored households, and the optimum is over that graph. A household with more
/// feasible units than could ever be placed first drops exact duplicates: units that interact
/// with the rest of a configuration alike (same size, whole or part, the same ages and risks,
/// solo or not) keep only the best-scoring units of `placesInAll` of their sibling groups there
/// (`sameKindKept`), which loses no optimum. A household whose remaining units would still make
/// more configurations than it may list (`unitsKept`: a waiting list far longer than the homes,
/// e.g. a million children for 355 households; or more than its share of
/// `PlanLimits.totalConfigurations` for all households together) keeps its best units only; the
/// plan is then not proven, and its bounds are the simple ones (free places, and each home's
/// best score for each of its places: `PlanBound.listsCut`).
struct JointPlanner {
    var engine: PlanEngine
    /// For each unit, its two halves (empty when it is not split further).
    var halves: [[Int]] = []
    /// Child indices of unit u: `unitChildList[childRange(u)]`, flat (reading them retains nothing).
    var unitChildStart: [Int] = [0]
    var unitChildList: [Int32] = []
    var childCount = 0
    /// Feasible households of each unit: grid position and score points in hundredths without
    /// age fit and split penalty.
    var pairs: [[(h: Int32, baseCents: Int32)]] = []

    /// One configuration: units (ascending) and their per-unit scores in hundredths.
    struct Configuration {
        var units: [Int32]
        var cents: [Int]
    }
    /// Each household's configurations.
    var configurations = ConfigurationTable()
    /// Per-unit facts for listing configurations.
    var lister: ConfigurationLister
    /// Whether some household kept only its best units (`unitsKept`).
    var unitsLeftOut = false

    /// How many configurations households may list.
    var limits: PlanLimits

    /// The entries of `unitChildList` holding unit `u`'s children.
    @inline(__always)
    func childRange(_ u: Int) -> Range<Int> { unitChildStart[u]..<unitChildStart[u + 1] }

    /// How many configurations of up to `free` units `n` units make at most.
    static func combinations(_ n: Int, free: Int) -> Double {
        var total = 0.0, term = 1.0
        for k in 1...max(1, min(free, n)) {
            term *= Double(n - k + 1) / Double(k)
            total += term
        }
        return n == 0 ? 0 : total
    }

    /// How many units of each size a household with `free` places keeps, from how many it
    /// has feasible of each size (`feasibleBySize`): all of them when their configurations fit
    /// `PlanLimits.configurationBudget`, or when they are not more than a plan could use (`placesInAll`,
    /// at least `candidateLimit`) or fit `PlanLimits.crowdedConfigurations`; otherwise the same number of
    /// each size (or all of a size that has fewer), as many as a plan could use and few enough
    /// for their configurations to fit `PlanLimits.crowdedBudget`; and within its `share` of
    /// `PlanLimits.totalConfigurations` (`PlanLimits.shares`). Not exact: the plan is not proven
    /// when a household is cut.
    static func unitsKept(feasibleBySize: [Int], free: Int, placesInAll: Int, candidateLimit: Int, limits: PlanLimits,
                          share: Double = .infinity) -> [Int] {
        let enough = max(placesInAll, candidateLimit, 1)
        let feasible = feasibleBySize.reduce(0, +)
        let listed = combinations(feasible, free: free)
        let crowded = feasible > enough && listed > Double(limits.crowdedConfigurations)
        guard crowded || listed > min(Double(limits.configurationBudget), share) else { return feasibleBySize }
        let budget = min(Double(crowded ? limits.crowdedBudget : limits.configurationBudget), share)
        var each = enough
        func kept(_ each: Int) -> [Int] { feasibleBySize.map { min($0, each) } }
        while each > 1 && (kept(each).reduce(0, +) > enough || combinations(kept(each).reduce(0, +), free: free) > budget) {
            each = each * 9 / 10
        }
        return kept(each)
    }

    /// Which of a crowded household's feasible `options` to keep without losing an optimum:
    /// units of one kind (same size, whole or split part, the same children's ages and risks
    /// of exploitation, solo or not) score alike with anyone else in the home and fit with the
    /// same others, differing only in their own score there; of each kind the household keeps
    /// the units of the `placesInAll` sibling groups with the best-scoring units (ties by unit
    /// order). Why no optimum is lost: fewer than `placesInAll` other units are placed in any
    /// plan, so if a plan places a unit of a dropped group here, one of the kept groups has no
    /// child placed anywhere, and its unit of the same kind takes the dropped unit's place with
    /// as many children, as many split parts and no lower score.
    /// - Complexity: O(options log options).
    func sameKindKept(_ options: [(u: Int32, baseCents: Int32)], placesInAll: Int) -> [(u: Int32, baseCents: Int32)] {
        struct Kind: Hashable {
            var size: Int, isSplitPart: Bool, solo: Bool
            var ages: [Int]
        }
        let units = engine.units
        func kind(_ u: Int32) -> Kind {
            let unit = units[Int(u)]
            let ages = unit.group.children.map { $0.age * 2 + ($0.needs.contains(.exploitationRisk) ? 1 : 0) }.sorted()
            return Kind(size: unit.group.size, isSplitPart: unit.isSplitPart, solo: unit.group.needs.contains(.solo), ages: ages)
        }
        let ranked = options.sorted { $0.baseCents != $1.baseCents ? $0.baseCents > $1.baseCents : $0.u < $1.u }
        var groupsKept: [Kind: Set<Int>] = [:]
        var kept: [(u: Int32, baseCents: Int32)] = []
        for option in ranked {
            let origin = units[Int(option.u)].origin
            let k = kind(option.u)
            var origins = groupsKept[k, default: []]
            if !origins.contains(origin) {
                guard origins.count < placesInAll else { continue }
                origins.insert(origin)
                groupsKept[k] = origins
            }
            kept.append(option)
        }
        return kept.sorted { $0.u < $1.u }
    }

    /// `prepared`, when given, is `PlanEngine(groups:households:policy:)` already built for the
    /// same input. Without `countsEveryPair` the lone options `LoneOptionScreen` drops on the
    /// kernel's score are not confirmed, so each unit's `initialFeasible` counts only the pairs
    /// confirmed (for callers that do not explain unplaced units). Without `screensLoneOptions`
    /// every feasible pair is kept (the same optimum, from a larger packing: for comparison).
    init(groups: [SiblingGroup], households: [Household], policy: MatchPolicy, limits: PlanLimits = .standard,
         prepared: PlanEngine? = nil, countsEveryPair: Bool = true, screensLoneOptions: Bool = true) {
        engine = prepared ?? PlanEngine(groups: groups, households: households, policy: policy)
        self.limits = limits
        var childIndex: [ChildID: Int32] = [:]
        for g in groups { for child in g.children where childIndex[child.id] == nil { childIndex[child.id] = Int32(childIndex.count) } }
        childCount = childIndex.count
        // Units: groups, then the halves of groups that may split, recursively.
        var u = 0
        while u < engine.units.count {
            halves.append([])
            if engine.units[u].splittable && engine.units[u].group.size > 1 {
                halves[u] = engine.split(u)
            }
            u += 1
        }
        for unit in engine.units {
            for child in unit.group.children { unitChildList.append(childIndex[child.id]!) }
            unitChildStart.append(unitChildList.count)
        }
        lister = ConfigurationLister(engine: engine)
        scorePairs(countsEveryPair: countsEveryPair, screensLoneOptions: screensLoneOptions)
        listConfigurations()
    }

    /// The kernel's feasible pairs (with a 0.1% wider distance limit, so that no pair within
    /// the limit is missed), confirmed and scored by the reference evaluator's numbers
    /// (`Matcher.pairCents`), less the lone options no best plan needs (`LoneOptionScreen`,
    /// when asked, every unit is in one block of kernel lists and the candidates are not limited).
    mutating func scorePairs(countsEveryPair: Bool = true, screensLoneOptions: Bool = true) {
        let all = Array(engine.units.indices)
        var result = [[(h: Int32, baseCents: Int32)]](repeating: [], count: all.count)
        var confirmedCount = [Int](repeating: 0, count: all.count)
        let engine = self.engine, lister = self.lister
        let placesInAll = engine.households.reduce(0) { $0 + max(0, $1.freePlaces) }
        let enough = max(placesInAll, engine.policy.candidateLimit, 1)
        let screens = screensLoneOptions && !engine.limitCandidates && all.count <= Matcher.candidateBlockSize
        // Each household's side of the reference evaluator, read once for all its pairs.
        let householdFacts = engine.households.map { HouseholdFacts($0) }
        // A block of units at a time, so that only one block's kernel lists are held.
        var blockStart = 0
        while blockStart < all.count {
            let block = Array(all[blockStart..<min(all.count, blockStart + Matcher.candidateBlockSize)])
            // At national size the candidate limit keeps the kernel's best households, exactly as the
            // baselines see them (no widened screen, which would shift the scores at the margin).
            let lists = engine.candidates(for: block, distanceSlack: engine.limitCandidates ? 1 : 1.001)
            let offset = blockStart
            let screen = screens ? LoneOptionScreen(lists: lists, free: engine.households.map(\.freePlaces), enough: enough,
                limitMiles: engine.policy.maxDistanceMiles * 1.001, childStart: unitChildStart, childList: unitChildList) : nil
            let childTotal = childCount
            result.withUnsafeMutableBufferPointer { out in
                confirmedCount.withUnsafeMutableBufferPointer { confirmedOut in
                    let pointer = UnsafeSendablePointer(out.baseAddress! + offset)
                    let confirmedPointer = UnsafeSendablePointer(confirmedOut.baseAddress! + offset)
                    // A reference evaluation costs about as much as 50 kernel scores.
                    let chunks = ChunkedWork.chunks(min(block.count, 64), items: lists.reduce(0) { $0 + $1.count } * 50)
                    ChunkedWork.run(chunks, inline: false) { c in
                        var counted = screen == nil ? [] : [Int](repeating: -1, count: childTotal)
                        for q in (c * block.count / chunks)..<((c + 1) * block.count / chunks) {
                            let u = block[q]
                            let group = GroupFacts(engine.units[u].group, policy: engine.policy)
                            func confirm(_ h: Int32) -> Int32? {
                                Matcher.pairCents(group, householdFacts[Int(h)], policy: engine.policy).map { Int32($0) }
                            }
                            if let screen {
                                let found = screen.pairs(of: u, candidates: lists[q], countsEveryPair: countsEveryPair, counted: &counted,
                                    confirm: confirm, aloneCents: { h, base in
                                        // Read in place (a copy of the household would retain its texts and arrays).
                                        lister.unitCents(u, baseCents: Int(base), othersAgeSum: engine.households[Int(h)].residentAges.reduce(0, +),
                                                         othersCount: engine.households[Int(h)].residentAges.count)
                                    })
                                pointer.base[q] = found.pairs
                                confirmedPointer.base[q] = found.confirmed
                                continue
                            }
                            var found: [(h: Int32, baseCents: Int32)] = []
                            found.reserveCapacity(lists[q].count)
                            for candidate in lists[q] {
                                guard let cents = confirm(candidate.h) else { continue }
                                found.append((candidate.h, cents))
                            }
                            pointer.base[q] = found
                            confirmedPointer.base[q] = found.count
                        }
                    }
                }
            }
            blockStart += block.count
        }
        pairs = result
        for u in all { self.engine.units[u].initialFeasible = confirmedCount[u] }
    }

    /// Every configuration of every household; with `chunks`, listed over that many chunks of
    /// households whatever the work (for tests: the table is the same either way).
    mutating func listConfigurations(chunks wanted: Int? = nil) {
        let hCount = engine.households.count
        // Each household's feasible units in unit order, flat: household h's are
        // `feasible[feasibleStart[h] ..< feasibleStart[h + 1]]` (counted, then filled).
        var feasibleStart = [Int](repeating: 0, count: hCount + 1)
        for list in pairs { for p in list { feasibleStart[Int(p.h) + 1] += 1 } }
        for h in 0..<hCount { feasibleStart[h + 1] += feasibleStart[h] }
        var feasible = [(u: Int32, baseCents: Int32)](repeating: (0, 0), count: feasibleStart[hCount])
        var next = feasibleStart
        for (u, list) in pairs.enumerated() {
            for p in list {
                feasible[next[Int(p.h)]] = (Int32(u), p.baseCents)
                next[Int(p.h)] += 1
            }
        }
        // The few households whose units are cut (below) keep their own lists (none: empty).
        var cutUnits: [[(u: Int32, baseCents: Int32)]?] = []
        func cutList(_ h: Int) -> [(u: Int32, baseCents: Int32)]? { cutUnits.isEmpty ? nil : cutUnits[h] }
        func unitsOf(_ h: Int) -> [(u: Int32, baseCents: Int32)] { cutList(h) ?? Array(feasible[feasibleStart[h] ..< feasibleStart[h + 1]]) }
        func unitCount(_ h: Int) -> Int { cutList(h)?.count ?? feasibleStart[h + 1] - feasibleStart[h] }
        func cut(_ h: Int, to kept: [(u: Int32, baseCents: Int32)]) {
            if cutUnits.isEmpty { cutUnits = Array(repeating: nil, count: hCount) }
            cutUnits[h] = kept
        }
        // A crowded household (far more feasible units than could ever be placed) drops its
        // same-kind duplicates, and then, when still crowded, keeps only its best units.
        let placesInAll = engine.households.reduce(0) { $0 + max(0, $1.freePlaces) }
        let enough = max(placesInAll, engine.policy.candidateLimit, 1)
        for h in 0..<hCount where unitCount(h) > enough {
            cut(h, to: sameKindKept(unitsOf(h), placesInAll: placesInAll))
        }
        // All households together within `totalConfigurations`: the largest get equal shares.
        let shares = limits.shares((0..<hCount).map { h in
            min(Self.combinations(unitCount(h), free: engine.households[h].freePlaces), Double(limits.configurationBudget))
        })
        let units = engine.units, unitSize = lister.size
        // Per household, how many feasible units of each size (the last slot: its free places or more).
        var countBySize: [Int] = []
        for h in 0..<hCount where unitCount(h) > 0 {
            let free = engine.households[h].freePlaces
            let slots = max(1, free) + 1
            countBySize.removeAll(keepingCapacity: true)
            countBySize.append(contentsOf: repeatElement(0, count: slots))
            if let own = cutList(h) {
                for option in own { countBySize[min(unitSize[Int(option.u)], slots - 1)] += 1 }
            } else {
                for i in feasibleStart[h] ..< feasibleStart[h + 1] { countBySize[min(unitSize[Int(feasible[i].u)], slots - 1)] += 1 }
            }
            let keep = Self.unitsKept(feasibleBySize: countBySize, free: free, placesInAll: placesInAll,
                candidateLimit: engine.policy.candidateLimit, limits: limits, share: shares[h])
            guard keep != countBySize else { continue }
            let options = unitsOf(h)
            var bySize = [[(u: Int32, baseCents: Int32)]](repeating: [], count: slots)
            for option in options { bySize[min(unitSize[Int(option.u)], slots - 1)].append(option) }
            // The best of each size: whole groups before split parts, then the highest score.
            var kept: [(u: Int32, baseCents: Int32)] = []
            for (size, options) in bySize.enumerated() {
                let ranked = options.sorted { a, b in
                    let partA = units[Int(a.u)].isSplitPart, partB = units[Int(b.u)].isSplitPart
                    if partA != partB { return !partA }
                    return a.baseCents != b.baseCents ? a.baseCents > b.baseCents : a.u < b.u
                }
                kept += ranked.prefix(keep[size])
            }
            kept.sort { $0.u < $1.u }
            cut(h, to: kept)
            unitsLeftOut = true
        }
        // Households listed in order, in chunks of households when the work is worth sharing
        // out; the chunks' tables are then joined in order.
        let planner = self, cutLists = cutUnits, feasibleUnits = feasible, feasibleFrom = feasibleStart
        let listedUnits = (0..<hCount).reduce(0) { $0 + unitCount($1) }
        @Sendable func list(_ households: Range<Int>, into table: inout ConfigurationTable) {
            feasibleUnits.withUnsafeBufferPointer { all in
                for h in households {
                    if !cutLists.isEmpty, let own = cutLists[h] {
                        own.withUnsafeBufferPointer { planner.appendConfigurations(of: h, $0, to: &table) }
                    } else {
                        planner.appendConfigurations(of: h, UnsafeBufferPointer(rebasing: all[feasibleFrom[h] ..< feasibleFrom[h + 1]]),
                                                     to: &table)
                    }
                    table.closeHousehold()
                }
            }
        }
        // Listing from a feasible unit costs about as much as 20 kernel scores.
        let chunks = wanted ?? ChunkedWork.chunks(min(hCount, 64), items: listedUnits * 20)
        var table = ConfigurationTable()
        if chunks == 1 {
            table.reserveCapacity(households: hCount, configurations: listedUnits, entries: listedUnits)
            list(0 ..< hCount, into: &table)
        } else {
            var parts = [ConfigurationTable](repeating: ConfigurationTable(), count: chunks)
            parts.withUnsafeMutableBufferPointer { out in
                let pointer = UnsafeSendablePointer(out.baseAddress!)
                ChunkedWork.run(chunks, inline: false) { c in
                    list((c * hCount / chunks) ..< ((c + 1) * hCount / chunks), into: &pointer.base[c])
                }
            }
            // Joined into a table sized up front, each part let go once copied.
            table.reserveCapacity(households: hCount, configurations: parts.reduce(0) { $0 + $1.unitStart.count - 1 },
                                  entries: parts.reduce(0) { $0 + $1.units.count })
            for c in parts.indices {
                table.append(parts[c])
                parts[c] = ConfigurationTable()
            }
        }
        configurations = table
    }

    /// Appends household `h`'s configurations from its feasible units (`ConfigurationLister`).
    func appendConfigurations(of h: Int, _ options: UnsafeBufferPointer<(u: Int32, baseCents: Int32)>,
                              to table: inout ConfigurationTable) {
        // Read in place (a copy of the household would retain each of its texts and arrays).
        lister.appendConfigurations(free: engine.households[h].freePlaces, residentAgeSum: engine.households[h].residentAges.reduce(0, +),
                                    residentCount: engine.households[h].residentAges.count, options, to: &table)
    }

    /// The baselines (plans of the same input: exact rounds, greedy) as packings of
    /// configurations, when every household's units form one of its configurations, so the
    /// search starts from the better and never returns a worse plan.
    func baselineStarts(_ baselines: [MatchPlan]) -> [[Int]] {
        // Sized up front, and the identifiers read without copying the units and households.
        var unitOf: [GroupID: Int] = [:]
        unitOf.reserveCapacity(engine.units.count)
        for u in engine.units.indices { unitOf[engine.units[u].group.id] = u }
        var position: [HouseholdID: Int] = [:]
        position.reserveCapacity(engine.households.count)
        for h in engine.households.indices { position[engine.households[h].id] = h }
        var starts: [[Int]] = []
        for baseline in baselines {
            var units = [[Int32]](repeating: [], count: engine.households.count)
            var valid = true
            for entry in baseline.entries {
                guard let u = unitOf[entry.group.id], let h = position[entry.placement.household] else { valid = false; break }
                units[h].append(Int32(u))
            }
            guard valid else { continue }
            var choice = [Int](repeating: -1, count: engine.households.count)
            for h in units.indices where !units[h].isEmpty {
                let wanted = units[h].sorted()
                // A home whose baseline units are not one of its configurations (a pair outside
                // the candidate limit) is left out: the rest is still a packing.
                if let q = configurations.firstIndex(of: h, units: wanted) { choice[h] = q }
            }
            starts.append(choice)
        }
        return starts
    }

    /// The baselines' placements (`PlanEngine.placedAt` of engines copied from this planner's
    /// prepared engine, whose groups and households have distinct identifiers) as packings of
    /// configurations, as `baselineStarts` reads the same baselines' plans: whole units and
    /// households are the same indices here, split parts are found by their identifiers.
    /// - Complexity: O(placements + units placed x log), plus O(units) when a part was placed.
    func baselineStarts(placements: [[(unit: Int, position: Int)]], unitsOf baselineEngines: [PlanEngine]) -> [[Int]] {
        var unitOf: [GroupID: Int]? = nil
        var starts: [[Int]] = []
        baselines: for (placed, baseline) in zip(placements, baselineEngines) {
            var units = [[Int32]](repeating: [], count: engine.households.count)
            for (u, h) in placed {
                var unit = u
                if baseline.units[u].isSplitPart {
                    if unitOf == nil {
                        var map: [GroupID: Int] = [:]
                        for v in engine.units.indices { map[engine.units[v].group.id] = v }
                        unitOf = map
                    }
                    // A part this planner does not make: the baseline is not a packing here.
                    guard let v = unitOf![baseline.units[u].group.id] else { continue baselines }
                    unit = v
                }
                units[h].append(Int32(unit))
            }
            var choice = [Int](repeating: -1, count: engine.households.count)
            for h in units.indices where !units[h].isEmpty {
                // A home whose baseline units are not one of its configurations is left out.
                if let q = configurations.firstIndex(of: h, units: units[h].sorted()) { choice[h] = q }
            }
            starts.append(choice)
        }
        return starts
    }

    /// The plan: the packing solved (within `timeLimit` seconds when given and `nodeLimit`
    /// nodes per component), with its bound; `baselines` (plans of the same input) start the search.
    func plan(timeLimit: Double?, nodeLimit: Int, households original: [Household], baselines: [MatchPlan]) -> MatchPlan {
        plan(timeLimit: timeLimit, nodeLimit: nodeLimit, households: original, starts: baselineStarts(baselines))
    }

    /// The households' connected components (households sharing a child through their
    /// feasible pairs): each household's component (-1 with no configuration) and each
    /// component's children, numbered in household order.
    /// - Complexity: O(feasible pairs x children per unit), near-linear union-find.
    func components() -> (of: [Int], children: [Int]) {
        let hCount = engine.households.count
        var componentOf = [Int](repeating: -1, count: hCount)
        var componentChildren: [Int] = []
        var parent = Array(0..<hCount)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var firstHousehold = [Int](repeating: -1, count: childCount)
        for (u, list) in pairs.enumerated() {
            let children = childRange(u)
            for p in list {
                for e in children {
                    let child = unitChildList[e]
                    let f = firstHousehold[Int(child)]
                    if f < 0 { firstHousehold[Int(child)] = Int(p.h); continue }
                    let a = find(f), b = find(Int(p.h))
                    if a != b { parent[max(a, b)] = min(a, b) }
                }
            }
        }
        // Each root's component number (-1: none yet), in order of first household.
        var index = [Int](repeating: -1, count: hCount)
        for h in 0..<hCount where !configurations.isEmpty(h) {
            let r = find(h)
            if index[r] < 0 {
                index[r] = componentChildren.count
                componentChildren.append(0)
            }
            componentOf[h] = index[r]
        }
        for child in 0..<childCount where firstHousehold[child] >= 0 {
            componentChildren[componentOf[find(firstHousehold[child])]] += 1
        }
        return (componentOf, componentChildren)
    }

    /// The level weights of a component of `n` children (`A`, `B` of the objective): `B`
    /// exceeds any total of scores, `A` any difference the lower levels can make.
    static func levels(children n: Int) -> (a: Double, b: Double) {
        let n = Double(n)
        let b = 10_000 * n + 1
        return (b * (n + 1), b)
    }

    /// The packing problem of every configuration, weighted per component (`components`).
    /// Made when needed rather than kept: the solver releases it once it has its components.
    func packingProblem(componentOf: [Int], componentChildren: [Int]) -> PackingProblem {
        let hCount = engine.households.count
        func levels(_ k: Int) -> (a: Double, b: Double) { Self.levels(children: componentChildren[k]) }
        var problem = PackingProblem(itemCount: childCount, households: hCount, levelScales: Array(repeating: [], count: hCount))
        problem.levelValues = [[], []]
        // Sized up front: every configuration and its children.
        var optionTotal = 0, entryTotal = 0
        for h in 0..<hCount {
            optionTotal += configurations.count(of: h)
            for e in configurations.entries(of: h) { entryTotal += lister.size[Int(configurations.units[e])] }
        }
        problem.itemStart.reserveCapacity(optionTotal + 1)
        problem.items.reserveCapacity(entryTotal)
        problem.weight.reserveCapacity(optionTotal)
        problem.levelValues[0].reserveCapacity(optionTotal)
        problem.levelValues[1].reserveCapacity(optionTotal)
        problem.levelCount.reserveCapacity(optionTotal)
        // One array of scales per component, shared by its households.
        let componentScales = componentChildren.indices.map { k in
            let (a, b) = levels(k)
            return [a, b]
        }
        for h in 0..<hCount {
            defer { problem.closeHousehold() }
            guard !configurations.isEmpty(h) else { continue }
            let (a, b) = levels(componentOf[h])
            problem.levelScales[h] = componentScales[componentOf[h]]
            for q in 0..<configurations.count(of: h) {
                var children = 0, parts = 0, cents = 0
                for e in configurations.range(h, q) {
                    let u = Int(configurations.units[e])
                    children += lister.size[u]
                    if lister.isSplitPart[u] { parts += 1 }
                    cents += Int(configurations.cents[e]) * lister.size[u]
                    for c in childRange(u) { problem.items.append(unitChildList[c]) }
                }
                problem.itemStart.append(problem.items.count)
                problem.weight.append(Double(children) * a - Double(parts) * b + Double(cents))
                problem.levelValues[0].append(Double(children))
                problem.levelValues[1].append(-Double(parts))
                problem.levelCount.append(2)
            }
        }
        return problem
    }

    /// The placements of the plan `plan(timeLimit:nodeLimit:households:starts:)` makes, without
    /// its entries, words or bounds: each unit placed and its household's grid position, in the
    /// plan's entry order (the group's place in the input, then whole before parts). The same
    /// packing is solved the same way; only what is read back differs.
    /// - Complexity: that of the packing (`PackingSolver.solve`), plus O(units log units).
    func placements(timeLimit: Double?, nodeLimit: Int, starts: [[Int]]) -> [(unit: Int, position: Int)] {
        let (componentOf, componentChildren) = components()
        let solution = PackingSolver.solve(packingProblem(componentOf: componentOf, componentChildren: componentChildren),
                                           timeLimit: timeLimit, nodeLimit: nodeLimit, starts: starts, largeLP: !unitsLeftOut)
        var placed: [(unit: Int, position: Int)] = []
        for h in 0..<engine.households.count where solution.choice[h] >= 0 {
            for e in configurations.range(h, solution.choice[h]) { placed.append((Int(configurations.units[e]), h)) }
        }
        let units = engine.units
        placed.sort { (units[$0.unit].origin, $0.unit) < (units[$1.unit].origin, $1.unit) }
        return placed
    }

    /// The plan, the search started from `starts` (packings: a configuration per household, -1 none).
    func plan(timeLimit: Double?, nodeLimit: Int, households original: [Household], starts: [[Int]]) -> MatchPlan {
        // Level weights per connected component, so that the numbers stay small and exact.
        let hCount = engine.households.count
        let (componentOf, componentChildren) = components()
        func levels(_ k: Int) -> (a: Double, b: Double) { Self.levels(children: componentChildren[k]) }
        func makeProblem() -> PackingProblem { packingProblem(componentOf: componentOf, componentChildren: componentChildren) }
        let started = DispatchTime.now().uptimeNanoseconds
        // With lists cut the packing's bound is not used (`simpleBounds`), so no larger LP for it.
        let solution = PackingSolver.solve(makeProblem(), timeLimit: timeLimit, nodeLimit: nodeLimit, starts: starts,
                                           largeLP: !unitsLeftOut)
        // Read the plan back, with the bound on each level.
        var placedChild = [Bool](repeating: false, count: childCount)
        var componentPlaced = [(children: Int, parts: Int, cents: Int)](repeating: (0, 0, 0), count: componentChildren.count)
        var chosen: [(h: Int, u: Int32, config: Configuration)] = []
        for h in 0..<hCount where solution.choice[h] >= 0 {
            let config = configurations.configuration(h, solution.choice[h])
            let k = componentOf[h]
            for (q, u) in config.units.enumerated() {
                let unit = engine.units[Int(u)]
                for e in childRange(Int(u)) { placedChild[Int(unitChildList[e])] = true }
                componentPlaced[k].children += unit.group.size
                componentPlaced[k].parts += unit.isSplitPart ? 1 : 0
                componentPlaced[k].cents += config.cents[q] * unit.group.size
                chosen.append((h, u, config))
            }
        }
        // The first level alone (weight = children), solved only when the plan's own bound
        // leaves it open: the most children any plan could place, per component.
        // Each component's slack (its optimum is at most its value plus its slack).
        var componentSlack = [Double](repeating: 0, count: componentChildren.count)
        for (h, s) in solution.componentSlack.enumerated() where s > 0 { componentSlack[componentOf[h]] += s }
        let firstLevelProven = componentChildren.indices.allSatisfy { k in
            let slack = componentSlack[k]
            let (a, b) = levels(k)
            let placed = componentPlaced[k]
            let upper = Double(placed.children) * a - Double(placed.parts) * b + Double(placed.cents) + slack
            return Int(((upper + Double(componentChildren[k]) * b) / a).rounded(.down)) <= placed.children
        }
        var mostChildrenFound = componentPlaced.map(\.children)
        var childrenSlack = [Int](repeating: 0, count: componentChildren.count), childrenNodes = 0
        if !firstLevelProven {
            var childrenOnly = makeProblem()
            childrenOnly.levelScales = []
            for o in childrenOnly.weight.indices { childrenOnly.weight[o] = Double(childrenOnly.itemStart[o + 1] - childrenOnly.itemStart[o]) }
            // What is left of the time limit.
            let left = timeLimit.map { max(0, $0 - Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9) }
            let mostChildren = PackingSolver.solve(childrenOnly, timeLimit: left, nodeLimit: nodeLimit, largeLP: !unitsLeftOut)
            mostChildrenFound = [Int](repeating: 0, count: componentChildren.count)
            for h in 0..<hCount where mostChildren.choice[h] >= 0 {
                let o = childrenOnly.optionStart[h] + mostChildren.choice[h]
                mostChildrenFound[componentOf[h]] += childrenOnly.itemStart[o + 1] - childrenOnly.itemStart[o]
            }
            for (h, s) in mostChildren.componentSlack.enumerated() where s > 0 { childrenSlack[componentOf[h]] += Int(s.rounded()) }
            childrenNodes = mostChildren.nodes
        }
        // The components are independent, so each one's optimum is at most its value plus its
        // own slack (bound - value): any plan of component k worth at most that places at
        // most floor((value + n x b) / a) children (n children in the component, parts <= n and
        // n x b < a), and with as many children and no more split parts,
        // scores at most value - children x a + parts x b. The children-only packing bounds
        // the first level the same way.
        var childrenPossible = 0
        var scoreBoundCents = 0
        for k in componentChildren.indices {
            let (a, b) = levels(k)
            let placed = componentPlaced[k]
            let upper = Double(placed.children) * a - Double(placed.parts) * b + Double(placed.cents) + componentSlack[k]
            let children = min(componentChildren[k], Int(((upper + Double(componentChildren[k]) * b) / a).rounded(.down)),
                               mostChildrenFound[k] + childrenSlack[k])
            childrenPossible += children
            let most = 10_000 * componentChildren[k]
            if children == placed.children {
                scoreBoundCents += min(Int((upper - Double(children) * a + Double(placed.parts) * b).rounded(.down)), most)
            } else {
                scoreBoundCents += most
            }
        }

        var entries: [(unit: Int, entry: PlanEntry)] = []
        for (h, u, config) in chosen {
            let unit = engine.units[Int(u)]
            var household = engine.households[h]
            var atRisk: [Int] = []
            for other in config.units where other != u {
                let group = engine.units[Int(other)].group
                household.occupied += group.size
                household.residentAges += group.children.map(\.age)
                atRisk += group.children.filter { $0.needs.contains(.exploitationRisk) }.map(\.age)
            }
            let evaluation = Matcher.evaluate(
                unit.group, household, policy: engine.policy, isSplitPart: unit.isSplitPart, residentsAtRisk: atRisk,
                explained: engine.explained)
            entries.append((Int(u), PlanEntry(
                group: unit.group,
                placement: Placement(children: unit.group.childIDs, household: household.id, score: evaluation.score,
                    distanceMiles: evaluation.distanceMiles),
                round: 1, isSplitPart: unit.isSplitPart, evaluation: evaluation, residentsAtRisk: atRisk)))
        }
        // Input order: by the group's place in the input, then whole before parts.
        let units = engine.units
        entries.sort { (units[$0.unit].origin, $0.unit) < (units[$1.unit].origin, $1.unit) }
        // Unplaced: for each group, the largest units none of whose children were placed.
        var unplaced: [Int] = []
        func collect(_ u: Int) {
            if childRange(u).allSatisfy({ !placedChild[Int(unitChildList[$0])] }) { unplaced.append(u); return }
            for half in halves[u] { collect(half) }
        }
        for u in engine.units.indices where !engine.units[u].isSplitPart { collect(u) }
        let childScoreCents = chosen.reduce(0) { total, c in
            let k = c.config.units.firstIndex(of: c.u)!
            return total + c.config.cents[k] * engine.units[Int(c.u)].group.size
        }
        var plan = Matcher.finish(engine, unplaced: unplaced, rounds: 1, method: "optimal", households: original)
        plan.entries = entries.map(\.entry)
        if unitsLeftOut {
            // The packing's bounds cover the units kept only: use the simple ones instead.
            let simple = simpleBounds()
            childrenPossible = simple.children
            scoreBoundCents = simple.scoreCents
        }
        plan.bound = PlanBound(
            childrenPossible: max(childrenPossible, plan.statistics.childrenPlaced), childScore: Double(childScoreCents) / 100,
            childScoreBound: Double(max(scoreBoundCents, childScoreCents)) / 100,
            optimal: solution.isOptimal && !unitsLeftOut, nodes: solution.nodes + childrenNodes, listsCut: unitsLeftOut)
        return plan
    }

    /// Bounds that hold over every feasible pair, whatever was cut: no more children than there
    /// are children with a feasible home and free places in homes with a feasible child; no
    /// home scores more per child than its best feasible unit with a perfect age fit, for each
    /// of its free places.
    /// - Complexity: O(feasible pairs).
    func simpleBounds() -> (children: Int, scoreCents: Int) {
        let hCount = engine.households.count
        var bestCents = [Int](repeating: -1, count: hCount)
        var hasHome = [Bool](repeating: false, count: childCount)
        let perfectAge = Int((CriterionFit.points(engine.policy.weights[.ageFit], 1) * 100).rounded())
        for (u, list) in pairs.enumerated() where !list.isEmpty {
            for e in childRange(u) { hasHome[Int(unitChildList[e])] = true }
            for p in list { bestCents[Int(p.h)] = max(bestCents[Int(p.h)], Int(p.baseCents) + perfectAge) }
        }
        var places = 0, cents = 0
        for h in 0..<hCount where bestCents[h] >= 0 {
            let free = max(0, engine.households[h].freePlaces)
            places += free
            cents += free * bestCents[h]
        }
        return (min(places, hasHome.lazy.filter { $0 }.count), cents)
    }
}
