import CareModel

extension ScoringKernel {
    /// The hard rules household `i` fails for `unit`, one bit per rule: bit `k` set when rule
    /// `HardRule.allCases[k]` fails (`HardRuleMask`). The same tests, on the same columns, as
    /// the kernel's feasibility check in `scoreRowScalar`, told apart rule by rule; the mask
    /// is zero exactly when the kernel scores the pair (tested against `Matcher.evaluate`).
    /// - Complexity: O(1), no allocation.
    @inlinable
    package static func failedRules(_ unit: UnitRow, _ h: HouseholdColumnsView, _ i: Int, constants k: KernelConstants) -> HardRuleMask {
        var mask: UInt16 = 0
        if h.free[i] < 0 { mask |= HardRuleMask.householdAvailable.rawValue }
        if h.places[i] < unit.size { mask |= HardRuleMask.freePlaces.rawValue }
        if !(h.minAge[i] <= unit.minAge && h.maxAge[i] >= unit.maxAge) { mask |= HardRuleMask.ageRange.rawValue }
        if (h.approvals[i] & unit.approval) == 0 { mask |= HardRuleMask.approval.rawValue }
        if failsRequiredSkills(unit, h, i) { mask |= HardRuleMask.requiredSkills.rawValue }
        if unit.solo && h.occupied[i] != 0 { mask |= HardRuleMask.solo.rawValue }
        if h.youngestResident[i] < unit.youngestAllowed || unit.minAge < h.youngestNewAllowed[i] {
            mask |= HardRuleMask.exploitationRisk.rawValue
        }
        if failsDistance(unit, h, i, constants: k) { mask |= HardRuleMask.distance.rawValue }
        return HardRuleMask(rawValue: mask)
    }

    /// Whether household `i` lacks a skill `unit` requires: the skills test of `failedRules`
    /// alone (it reads only the households' fixed approvals).
    /// - Complexity: O(1), no allocation.
    @inlinable
    package static func failsRequiredSkills(_ unit: UnitRow, _ h: HouseholdColumnsView, _ i: Int) -> Bool {
        (h.skills[i] & unit.requiredSkills) != unit.requiredSkills
    }

    /// Whether household `i` is beyond the distance limit for `unit`: the distance test of
    /// `failedRules` alone (it reads only the households' fixed locations).
    /// - Complexity: O(1), no allocation.
    @inlinable
    package static func failsDistance(_ unit: UnitRow, _ h: HouseholdColumnsView, _ i: Int, constants k: KernelConstants) -> Bool {
        let phi = h.latitude[i]
        let dPhi = phi - unit.latitude
        let dLambda = (h.longitude[i] - unit.longitude) * (unit.cosA + unit.cosB * phi)
        return dLambda * dLambda + dPhi * dPhi > k.maxDistanceSquared
    }
}

/// A set of hard rules as bits (bit `k` is `HardRule.allCases[k]`): what
/// `ScoringKernel.failedRules` returns, without allocating.
package struct HardRuleMask: OptionSet, Sendable, Hashable {
    package let rawValue: UInt16
    @inlinable package init(rawValue: UInt16) { self.rawValue = rawValue }

    package static let householdAvailable = HardRuleMask(rawValue: 1 << 0)
    package static let freePlaces = HardRuleMask(rawValue: 1 << 1)
    package static let ageRange = HardRuleMask(rawValue: 1 << 2)
    package static let approval = HardRuleMask(rawValue: 1 << 3)
    package static let requiredSkills = HardRuleMask(rawValue: 1 << 4)
    package static let solo = HardRuleMask(rawValue: 1 << 5)
    package static let exploitationRisk = HardRuleMask(rawValue: 1 << 6)
    package static let distance = HardRuleMask(rawValue: 1 << 7)

    /// The mask of `rules`.
    package init(_ rules: [HardRule]) {
        var raw: UInt16 = 0
        for rule in rules { raw |= 1 << UInt16(HardRule.allCases.firstIndex(of: rule)!) }
        self.init(rawValue: raw)
    }
}
