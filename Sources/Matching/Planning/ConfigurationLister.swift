import CareModel

/// Lists the configurations of a household from its feasible units, from per-unit facts
/// worked out once (sizes, age sums, the exploitation-risk ages), with no per-configuration
/// allocation. The list is `JointPlanner`'s definition of a configuration, in the same order:
/// depth first over the household's units in their given order, each configuration recorded
/// as soon as its last unit is added.
struct ConfigurationLister: Sendable {
    /// Per unit: children, age sum, mean age (as the evaluator computes it), the oldest child
    /// at risk of exploitation (`noRisk` when none), the youngest child, the group of origin,
    /// whether the group needs to be placed alone, whether it is a split part.
    var size: [Int] = []
    var ageSum: [Int] = []
    var meanAge: [Double] = []
    var oldestAtRisk: [Int] = []
    var youngest: [Int] = []
    var origin: [Int] = []
    var solo: [Bool] = []
    var isSplitPart: [Bool] = []
    let exploitationAgeGap: Int
    let splitPenaltyCents: Int
    let ageFitWeight: Double
    let ageFitSpan: Double

    static let noRisk = Int.min / 4
    /// Options of a household up to which its compatible pairs are tabled (n^2 entries).
    static let pairTableLimit = 2_048

    init(engine: PlanEngine) {
        self.init(units: engine.units.map { ($0.group, $0.origin, $0.isSplitPart) }, policy: engine.policy)
    }

    /// The facts of whole sibling groups, each its own origin (no split parts).
    init(groups: [SiblingGroup], policy: MatchPolicy) {
        self.init(units: groups.enumerated().map { ($1, $0, false) }, policy: policy)
    }

    private init(units: [(group: SiblingGroup, origin: Int, isSplitPart: Bool)], policy: MatchPolicy) {
        exploitationAgeGap = policy.exploitationAgeGap
        splitPenaltyCents = Int((policy.splitPenalty * 100).rounded())
        ageFitWeight = policy.weights[.ageFit]
        ageFitSpan = policy.ageFitSpanYears
        for unit in units {
            let group = unit.group
            let sum = group.children.reduce(0) { $0 + $1.age }
            size.append(group.size)
            ageSum.append(sum)
            meanAge.append(Double(sum) / Double(group.size))
            oldestAtRisk.append(group.children.filter { $0.needs.contains(.exploitationRisk) }.map(\.age).max() ?? Self.noRisk)
            youngest.append(group.children.map(\.age).min() ?? 0)
            origin.append(unit.origin)
            solo.append(group.needs.contains(.solo))
            isSplitPart.append(unit.isSplitPart)
        }
    }

    /// Whether units `a` and `b` may share a home: not two parts of one group, neither placed
    /// alone, and no child at risk of exploitation with a child more than the gap younger.
    func compatible(_ a: Int, _ b: Int) -> Bool {
        if origin[a] == origin[b] || solo[a] || solo[b] { return false }
        if oldestAtRisk[a] != Self.noRisk && oldestAtRisk[a] - youngest[b] > exploitationAgeGap { return false }
        if oldestAtRisk[b] != Self.noRisk && oldestAtRisk[b] - youngest[a] > exploitationAgeGap { return false }
        return true
    }

    /// Age fit points in hundredths for a unit of mean age `meanAge` among residents of age sum
    /// and count given, exactly as the reference evaluator computes them.
    func agePointsCents(meanAge: Double, residentAgeSum: Int, residentCount: Int) -> Int {
        let points: Double
        if residentCount == 0 {
            points = CriterionFit.points(ageFitWeight, 0.5)
        } else {
            let residentMean = Double(residentAgeSum) / Double(residentCount)
            points = CriterionFit.points(ageFitWeight, CriterionFit.ageFit(meanAge: meanAge, residentMeanAge: residentMean, span: ageFitSpan))
        }
        return Int((points * 100).rounded())
    }

    /// Unit `u`'s score in hundredths in a configuration with other children of age sum and
    /// count `othersAgeSum` and `othersCount` (residents included): `baseCents` (its score
    /// without age fit and split penalty) with its age fit among them, less the split penalty
    /// for a split part (never below zero).
    @inline(__always)
    func unitCents(_ u: Int, baseCents: Int, othersAgeSum: Int, othersCount: Int) -> Int {
        var raw = baseCents + agePointsCents(meanAge: meanAge[u], residentAgeSum: othersAgeSum, residentCount: othersCount)
        if isSplitPart[u] { raw -= min(splitPenaltyCents, raw) }
        return raw
    }

    /// Appends to `table` the configurations of a household with `free` places and residents
    /// of the given age sum and count, from its feasible `options` (unit and score in
    /// hundredths without age fit and split penalty); the caller closes the household.
    /// - Complexity: O(configurations x units per configuration^2), after an O(options^2)
    ///   table of compatible pairs when there are at most `pairTableLimit` options and a home
    ///   takes more than one unit (else pairs are checked as met).
    func appendConfigurations(free: Int, residentAgeSum: Int, residentCount: Int,
                              _ options: UnsafeBufferPointer<(u: Int32, baseCents: Int32)>, to table: inout ConfigurationTable) {
        let n = options.count
        // With one option or one free place no two units share the home: the configurations
        // are the options that fit, each alone, in order (what the walk lists), made without
        // setting up the walk (most households of a meeting's plan are such).
        if n <= 1 || free <= 1 {
            for option in options where size[Int(option.u)] <= free {
                table.append(unit: option.u, cents: Int32(unitCents(Int(option.u), baseCents: Int(option.baseCents),
                                                                    othersAgeSum: residentAgeSum, othersCount: residentCount)))
                table.closeConfiguration()
            }
            return
        }
        var walk = Walk(lister: self, free: free, residentAgeSum: residentAgeSum, residentCount: residentCount, options: options)
        if free > 1 && n <= ConfigurationLister.pairTableLimit {
            walk.compatible = [Bool](repeating: false, count: n * n)
            for a in 0..<n {
                for b in (a + 1)..<n where compatible(Int(options[a].u), Int(options[b].u)) {
                    walk.compatible[a * n + b] = true
                    walk.compatible[b * n + a] = true
                }
            }
        }
        walk.extend(from: 0, left: free, into: &table)
    }

    /// The depth-first walk over one household's units.
    private struct Walk {
        let lister: ConfigurationLister
        let free: Int
        let residentAgeSum: Int
        let residentCount: Int
        let options: UnsafeBufferPointer<(u: Int32, baseCents: Int32)>
        /// Compatible pairs of options (n x n), or empty: checked as met.
        var compatible: [Bool] = []
        var chosen: [Int] = []

        init(lister: ConfigurationLister, free: Int, residentAgeSum: Int, residentCount: Int,
             options: UnsafeBufferPointer<(u: Int32, baseCents: Int32)>) {
            self.lister = lister
            self.free = free
            self.residentAgeSum = residentAgeSum
            self.residentCount = residentCount
            self.options = options
        }

        mutating func extend(from start: Int, left: Int, into table: inout ConfigurationTable) {
            guard left > 0 else { return }
            let n = options.count
            for q in start..<n {
                let u = Int(options[q].u)
                let size = lister.size[u]
                guard size <= left else { continue }
                var fits = true
                if compatible.isEmpty {
                    for r in chosen where !lister.compatible(Int(options[r].u), u) { fits = false; break }
                } else {
                    for r in chosen where !compatible[r * n + q] { fits = false; break }
                }
                guard fits else { continue }
                chosen.append(q)
                record(into: &table)
                extend(from: q + 1, left: left - size, into: &table)
                chosen.removeLast()
            }
        }

        /// Records the chosen units: each scored with every other child of the configuration
        /// (and the residents) already living there.
        func record(into table: inout ConfigurationTable) {
            var sum = residentAgeSum, count = residentCount
            for r in chosen {
                let u = Int(options[r].u)
                sum += lister.ageSum[u]
                count += lister.size[u]
            }
            for q in chosen {
                let u = Int(options[q].u)
                let raw = lister.unitCents(u, baseCents: Int(options[q].baseCents), othersAgeSum: sum - lister.ageSum[u],
                                           othersCount: count - lister.size[u])
                table.append(unit: Int32(u), cents: Int32(raw))
            }
            table.closeConfiguration()
        }
    }
}
