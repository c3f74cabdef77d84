import CareModel
import Dispatch

/// The state of a plan being built: households as they fill up, and the units still waiting.
///
/// Shared by the round-optimal planner and the greedy baseline so that both see exactly the
/// same rules and scores (the fast kernel), and differ only in how they choose.
struct PlanEngine {
    struct Unit {
        var group: SiblingGroup
        var isSplitPart: Bool
        /// The original group may be split (when it cannot be placed whole).
        var splittable: Bool
        /// Urgency order key: emergency first, then longest wait, then input order.
        var origin: Int
        /// Feasible households found when the unit was first scanned (-1 = not scanned yet).
        var initialFeasible = -1
        var row: UnitRow
    }

    let policy: MatchPolicy
    let grid: HouseholdGrid
    /// Households in grid order, as they are now.
    var households: [Household]
    var columns: HouseholdColumns
    /// The households and columns as they were at the start (for near misses).
    let initialHouseholds: [Household]
    let initialColumns: HouseholdColumns
    var codes: CodeBook
    var units: [Unit] = []
    var entries: [PlanEntry] = []
    /// Ages of children at risk of exploitation placed in each household by this plan.
    var atRisk: [[Int]]
    /// Keep only each unit's best `candidateLimit` households (large instances only).
    let limitCandidates: Bool
    /// Whether entries carry the reference evaluator's words and unplaced units their reasons
    /// and near misses (false: the same placements and scores, for a plan used only as a start).
    var explained = true
    /// Whether placements are evaluated and kept as `entries` (false: only `placedAt`, for a
    /// plan used only as a start whose scores are not read). Without entries `households` and
    /// `atRisk` are left as they were (only the evaluations read them; the kernel's columns,
    /// which the choices read, are kept up to date either way).
    var recordsEntries = true
    /// Every placement made, in order: the unit and the household's grid position.
    var placedAt: [(unit: Int, position: Int)] = []

    /// `limitCandidates` (default: whether units x households exceeds 25 million) keeps each
    /// unit's best `candidateLimit` households only. `knownCodes`, when given, is a code book
    /// with every household's codes from it (in the order of `original`), so no household's
    /// text is looked up (`Matcher.unexplainedPlan`).
    init(groups: [SiblingGroup], households original: [Household], policy: MatchPolicy, limitCandidates: Bool? = nil,
         knownCodes: (book: CodeBook, rows: [HouseholdColumns.RowCodes])? = nil) {
        self.policy = policy
        grid = HouseholdGrid(locations: original.map(\.location), limitMiles: policy.maxDistanceMiles)
        households = grid.order.map { original[$0] }
        atRisk = Array(repeating: [], count: original.count)
        var codes: CodeBook
        if let knownCodes {
            precondition(knownCodes.rows.count == original.count, "one row of codes per household")
            codes = knownCodes.book
            columns = HouseholdColumns([], codes: &codes)
            columns.reserveCapacity(original.count)
            for i in grid.order { columns.append(original[i], rowCodes: knownCodes.rows[i]) }
        } else {
            codes = CodeBook()
            columns = HouseholdColumns(households, codes: &codes)
        }
        initialHouseholds = households
        initialColumns = columns
        // Room for every part a split could make (at most 2 x size - 1 units a group), so
        // that a long list is not copied as it grows.
        units.reserveCapacity(groups.reduce(0) { $0 + ($1.maySplit ? 2 * $1.size - 1 : 1) })
        for (i, g) in groups.enumerated() {
            units.append(Unit(group: g, isSplitPart: false, splittable: g.maySplit && Self.splitPoint(g.children) != nil, origin: i,
                row: UnitRow(g, policy: policy, codes: &codes)))
        }
        self.codes = codes
        self.limitCandidates = limitCandidates ?? Self.limitsCandidates(units: groups.count, households: original.count)
    }

    /// Whether an instance of `units` x `households` is large enough to keep only each unit's
    /// best `candidateLimit` households.
    static func limitsCandidates(units: Int, households: Int) -> Bool {
        units.multipliedReportingOverflow(by: households).overflow || units * households > 25_000_000
    }

    /// Makes `groups` the units (the previous ones are dropped, with the plan's entries): for
    /// working through a long list of units a block at a time on the same households.
    mutating func replaceUnits(with groups: ArraySlice<SiblingGroup>) {
        entries = []
        units = []
        units.reserveCapacity(groups.count)
        for (i, g) in zip(groups.indices, groups) {
            units.append(Unit(group: g, isSplitPart: false, splittable: g.maySplit && Self.splitPoint(g.children) != nil, origin: i,
                row: UnitRow(g, policy: policy, codes: &codes)))
        }
    }

    /// Feasible households for each of `indices` (grid positions with kernel scores, best first
    /// when limited), scanned in parallel chunks; deterministic whatever the thread count.
    /// `distanceSlack` > 1 widens the distance limit (a screen for the reference evaluator,
    /// whose haversine distance the kernel's projection matches to 0.02%).
    func candidates(for indices: [Int], distanceSlack: Double = 1) -> [[(h: Int32, score: Double)]] {
        var result = [[(h: Int32, score: Double)]](repeating: [], count: indices.count)
        guard !indices.isEmpty, columns.count > 0 else { return result }
        var screen = policy
        screen.maxDistanceMiles *= distanceSlack
        let k = KernelConstants(policy: screen)
        let limit = limitCandidates ? max(1, policy.candidateLimit) : Int.max
        result.withUnsafeMutableBufferPointer { out in
            let outPointer = UnsafeSendablePointer(out.baseAddress!)
            columns.withView { view in
                let chunks = ChunkedWork.chunks(min(indices.count, 256), items: indices.count * columns.count)
                ChunkedWork.run(chunks, inline: false) { c in
                    var scratch = [Double](repeating: 0, count: columns.count)
                    scratch.withUnsafeMutableBufferPointer { s in
                        for q in (c * indices.count / chunks)..<((c + 1) * indices.count / chunks) {
                            // Read in place (a copy of the unit would retain its group's texts and arrays).
                            let row = units[indices[q]].row
                            var found: [(h: Int32, score: Double)] = []
                            for range in grid.ranges(near: units[indices[q]].group.children[0].home) {
                                ScoringKernel.scoreRow(row, view, range: range, constants: k, into: s.baseAddress!)
                                for (o, h) in range.enumerated() where s[o] >= 0 {
                                    found.append((Int32(h), s[o]))
                                }
                            }
                            if found.count > limit {
                                found.sort { $0.score != $1.score ? $0.score > $1.score : $0.h < $1.h }
                                found.removeLast(found.count - limit)
                            }
                            (outPointer.base + q).initialize(to: found)
                        }
                    }
                }
            }
        }
        return result
    }

    /// Places unit `u` with household `h` (grid position) in `round`.
    mutating func place(_ u: Int, at h: Int, round: Int) {
        let unit = units[u]
        placedAt.append((u, h))
        columns.place(unit.group, at: h, exploitationAgeGap: policy.exploitationAgeGap)
        let solo = unit.group.needs.contains(.solo)
        // A child who must be the only one placed closes the home to further children.
        if solo { columns.closePlaces(at: h) }
        guard recordsEntries else { return }
        let before = households[h]
        let evaluation = Matcher.evaluate(
            unit.group, before, policy: policy, isSplitPart: unit.isSplitPart, residentsAtRisk: atRisk[h], explained: explained)
        entries.append(PlanEntry(
            group: unit.group,
            placement: Placement(children: unit.group.childIDs, household: before.id, score: evaluation.score,
                distanceMiles: evaluation.distanceMiles),
            round: round, isSplitPart: unit.isSplitPart, evaluation: evaluation, residentsAtRisk: atRisk[h]))
        households[h].occupied += unit.group.size
        households[h].residentAges += unit.group.children.map(\.age)
        if solo { households[h].places = households[h].occupied }
        atRisk[h] += unit.group.children.filter { $0.needs.contains(.exploitationRisk) }.map(\.age)
    }

    /// The households that came closest to taking unit `u` at the start, in `NearMissRank`
    /// order (fewest failed rules, then smallest shortfall in free places, then fewest miles,
    /// then id); each explained by the reference evaluator.
    /// - Complexity: O(households) integer checks plus `top` reference evaluations.
    func nearMisses(_ u: Int, top: Int) -> [Candidate] {
        guard initialColumns.count > 0, top > 0 else { return [] }
        let unit = units[u]
        let k = KernelConstants(policy: policy)
        let hh = initialHouseholds
        var ranked: [NearMissRank] = []
        initialColumns.withView { view in
            ranked = NearMissRank.best((0..<initialColumns.count).lazy.compactMap { i -> NearMissRank? in
                let f = ScoringKernel.failures(unit.row, view, i, constants: k)
                return f.count > 0 ? NearMissRank(failedRules: f.count, placesShort: f.placesShort, miles: f.miles,
                    household: hh[i].id, index: i) : nil
            }, top: top)
        }
        return ranked.map { r in
            Candidate(household: hh[r.index].id, evaluation: Matcher.evaluate(unit.group, hh[r.index], policy: policy, isSplitPart: unit.isSplitPart))
        }
    }

    /// Children under this age are babies: a split never separates two of them.
    static let babyAge = 2

    /// Where a group, ordered youngest first, is cut in two: after the younger half (the larger
    /// when odd), moved later if that would separate two children under 2, so that babies stay
    /// together in the younger part; nil when no cut keeps them together (all are babies).
    static func splitPoint(_ children: [Child]) -> Int? {
        guard children.count > 1 else { return nil }
        let babies = children.filter { $0.age < babyAge }.count
        var cut = (children.count + 1) / 2
        if babies >= 2 && cut < babies { cut = babies }
        return cut < children.count ? cut : nil
    }

    /// Splits a unit in two by age (younger, older; see `splitPoint`); each part is a split part.
    mutating func split(_ u: Int) -> [Int] {
        let unit = units[u]
        let sorted = unit.group.children.enumerated().sorted { ($0.element.age, $0.offset) < ($1.element.age, $1.offset) }.map(\.element)
        guard let cut = Self.splitPoint(sorted) else { return [] }
        var made: [Int] = []
        for (p, part) in [Array(sorted[..<cut]), Array(sorted[cut...])].enumerated() {
            let group = SiblingGroup(id: GroupID("\(unit.group.id.rawValue).\(p + 1)"), children: part)
            units.append(Unit(group: group, isSplitPart: true, splittable: unit.splittable && Self.splitPoint(part) != nil,
                origin: unit.origin, row: UnitRow(group, policy: policy, codes: &codes, isSplitPart: true)))
            made.append(units.count - 1)
        }
        return made
    }

    /// The reasons a unit was left unplaced, with `nearMisses` (its nearest misses, given when
    /// no household fitted) and the rules each fails.
    func reasons(for u: Int, nearMisses: [Candidate]) -> [String] {
        let unit = units[u]
        if unit.initialFeasible > 0 {
            return ["its \(unit.initialFeasible) possible household\(unit.initialFeasible == 1 ? " was" : "s were") all matched with other children or filled up"]
        }
        var reasons = ["no household passes every rule" + (unit.group.size > 1 ? " for \(unit.group.size) children together" : "")]
        for miss in nearMisses {
            reasons.append("nearest miss \(miss.household): " + miss.evaluation.failureDetails.joined(separator: "; "))
        }
        return reasons
    }
}
