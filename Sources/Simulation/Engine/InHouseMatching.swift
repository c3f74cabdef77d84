import CareModel
import Matching

/// The simulator's one door into the matching engine.
///
/// Children are placed with in-house carers by `Matcher.evaluate` (emergencies: the best
/// feasible household) and `Matcher.plan` (family-finding meetings: the optimal joint plan),
/// with the default `MatchPolicy`. In the inner loop (one unit against a few candidate
/// households) the matching module's `ScoringKernel` gives the same feasibility and score as
/// `Matcher.evaluate` without building explanations. With `matching_enabled: false` a simple
/// rule is used instead (the nearest household passing the integer checks), for comparison.
enum InHouseMatching {
    static let policy = MatchPolicy.default
    static let constants = KernelConstants(policy: policy)

    /// How far past the distance limit, in miles, a household is still taken to be possibly
    /// feasible when units of a meeting are joined (`Replication.appendMayBeFeasible`): well over the
    /// largest difference between the kernel's projected distance and the haversine distance at
    /// the 50-mile limit (under 0.05 miles, `KernelTests`).
    static let linkSlackMiles = 0.5

    /// How far, in points, a kernel score with rows as of today may lie from the reference
    /// evaluator's score in hundredths on a feasible pair: the kernel's own difference (under
    /// 0.05 + 0.001 per mile, `KernelTests`, so 0.1 at the 50-mile limit) and half a hundredth
    /// of rounding, with room to spare (`Replication.bestForLoneUnit`).
    static let loneUnitWindow = 0.2

    /// The kernel's constants with the distance limit `linkSlackMiles` nearer in: a household
    /// beyond it but within `linkConstants`' limit lies where the kernel's distance and the
    /// reference's may disagree (`Replication.kernelMayDisagree`).
    static let nearLimitConstants: KernelConstants = {
        var narrower = policy
        narrower.maxDistanceMiles -= linkSlackMiles
        return KernelConstants(policy: narrower)
    }()

    /// The kernel's constants with the distance limit `linkSlackMiles` further out.
    static let linkConstants: KernelConstants = {
        var wider = policy
        wider.maxDistanceMiles += linkSlackMiles
        return KernelConstants(policy: wider)
    }()

    /// `UnitSkills` under `policy` for every combination of needs and oldest age 0...24,
    /// computed once (index `needs.rawValue * 25 + age`).
    static let skillTable: [UnitSkills] = (0...255).flatMap { raw in
        (0..<25).map { age in UnitSkills(needs: Needs(rawValue: UInt8(raw)), oldestAge: age, policy: policy) }
    }

    /// The skills a unit with `needs` whose oldest child is `oldestAge` requires and welcomes.
    @inline(__always)
    static func skills(needs: Needs, oldestAge: Int) -> UnitSkills {
        guard oldestAge >= 0, oldestAge < 25 else { return UnitSkills(needs: needs, oldestAge: oldestAge, policy: policy) }
        return skillTable[Int(needs.rawValue) * 25 + oldestAge]
    }

    /// Scores of `group` against each of `households` (`ScoringKernel.infeasible` when a hard
    /// rule fails), from the matching module's kernel.
    /// - Complexity: O(households).
    static func scores(_ group: SiblingGroup, _ households: [Household]) -> [Double] {
        var codes = CodeBook()
        let columns = HouseholdColumns(households, codes: &codes)
        let unit = UnitRow(group, policy: policy, codes: &codes)
        var out = [Double](repeating: ScoringKernel.infeasible, count: households.count)
        guard !households.isEmpty else { return out }
        out.withUnsafeMutableBufferPointer { buffer in
            columns.withView { view in
                ScoringKernel.scoreRow(unit, view, range: 0..<households.count, constants: constants, into: buffer.baseAddress!)
            }
        }
        return out
    }

    /// Whether `household` may take `group`, its 0-100 score and the distance in miles.
    static func evaluate(_ group: SiblingGroup, _ household: Household, useEngine: Bool)
        -> (feasible: Bool, score: Double, miles: Double)
    {
        if useEngine {
            let e = Matcher.evaluate(group, household, policy: policy)
            return (e.feasible, e.score, e.distanceMiles)
        }
        return simpleEvaluate(group, household)
    }

    /// The rule used when matching is switched off: the integer checks, scored by nearness.
    static func simpleEvaluate(_ group: SiblingGroup, _ household: Household) -> (feasible: Bool, score: Double, miles: Double) {
        let miles = group.children[0].home.distanceMiles(to: household.location)
        let ages = group.ageRange
        let feasible = household.status == .available && household.freePlaces >= group.size
            && household.ageRange.contains(ages.lowerBound) && household.ageRange.contains(ages.upperBound)
            && household.approvals.contains(group.placement.requiredApproval)
            && (!group.needs.contains(.solo) || household.occupied == 0)
        return (feasible, max(0, 100 - 2 * miles), miles)
    }

    /// Scores of `unit` against households `indices` of `columns`, in that order, written to
    /// `out[0 ..< indices.count]` (grown when too short, never shrunk, so a caller can reuse it),
    /// through the caller's scratch columns `gathered`.
    /// - Complexity: O(indices.count), no allocation once `out` and `gathered` are large enough.
    static func scores(
        _ unit: UnitRow, _ columns: HouseholdColumns, _ indices: [Int], into out: inout [Double], gathered: inout GatheredRows
    ) {
        if out.count < indices.count {
            out.append(contentsOf: repeatElement(ScoringKernel.infeasible, count: indices.count - out.count))
        }
        guard !indices.isEmpty else { return }
        out.withUnsafeMutableBufferPointer { buffer in
            gathered.score(unit, columns, indices, constants: constants, into: buffer.baseAddress!)
        }
    }

    /// Scores of `unit` against every household of `columns`, in order.
    /// - Complexity: O(columns.count).
    static func scores(_ unit: UnitRow, _ columns: HouseholdColumns) -> [Double] {
        var out = [Double](repeating: ScoringKernel.infeasible, count: columns.count)
        guard columns.count > 0 else { return out }
        out.withUnsafeMutableBufferPointer { buffer in
            columns.withView { view in
                ScoringKernel.scoreRow(unit, view, range: 0..<columns.count, constants: constants, into: buffer.baseAddress!)
            }
        }
        return out
    }

    /// A joint plan: (group index, household index, miles) for each placement made.
    /// `knownCodes` as for `Matcher.unexplainedPlan` (the households' codes, already looked up).
    /// With `identifiersUnique` (no two groups or households share an identifier) the plan's
    /// placements are read without building its entries (`Matcher.unexplainedPlacements`).
    static func plan(groups: [SiblingGroup], households: [Household], useEngine: Bool,
                     knownCodes: (book: CodeBook, rows: [HouseholdColumns.RowCodes])? = nil, identifiersUnique: Bool = false)
        -> [(group: Int, household: Int, miles: Double)]
    {
        if useEngine {
            // Split parts are not used: the simulator keeps brothers and sisters together or
            // sends them on to the next option whole. Miles as the evaluator measures them
            // (from the first child's home).
            if identifiersUnique,
               let placed = Matcher.unexplainedPlacements(groups: groups, households: households, policy: policy, knownCodes: knownCodes)
            {
                return placed.map { ($0.group, $0.household, groups[$0.group].children[0].home.distanceMiles(to: households[$0.household].location)) }
            }
            // The same placements as `Matcher.plan`; the words explaining them are not read here.
            let plan = Matcher.unexplainedPlan(groups: groups, households: households, policy: policy, knownCodes: knownCodes)
            // Sized up front, and the identifiers read without copying the groups and households.
            var groupIndex: [GroupID: Int] = [:]
            groupIndex.reserveCapacity(groups.count)
            for i in groups.indices { groupIndex[groups[i].id] = i }
            var householdIndex: [HouseholdID: Int] = [:]
            householdIndex.reserveCapacity(households.count)
            for i in households.indices where householdIndex[households[i].id] == nil { householdIndex[households[i].id] = i }
            return plan.entries.compactMap { entry in
                guard !entry.isSplitPart, let g = groupIndex[entry.group.id], let h = householdIndex[entry.placement.household]
                else { return nil }
                return (g, h, entry.placement.distanceMiles)
            }
        }
        var free = households.map(\.freePlaces)
        var result: [(group: Int, household: Int, miles: Double)] = []
        for (g, group) in groups.enumerated() {
            var best: (Int, Double, Double)? = nil
            for (h, household) in households.enumerated() where free[h] >= group.size {
                var view = household
                view.occupied = view.places - free[h]
                let e = simpleEvaluate(group, view)
                if e.feasible, best == nil || e.score > best!.1 { best = (h, e.score, e.miles) }
            }
            if let best {
                free[best.0] -= group.size
                result.append((g, best.0, best.2))
            }
        }
        return result
    }
}

extension InHouseMatching {
    /// The kernel's constants with the distance limit at `KPI.farFromHomeMiles`: the rules a
    /// home near home must pass (for the reason a child went in-house far from home).
    static let nearHomeConstants: KernelConstants = {
        var near = policy
        near.maxDistanceMiles = KPI.farFromHomeMiles
        return KernelConstants(policy: near)
    }()
}
