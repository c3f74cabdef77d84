extension HouseholdColumns {
    /// The hard rules household `h` fails for `unit` (`ScoringKernel.failedRules` on row `h`).
    ///
    /// Not generic and compiled here, so that `withView`'s nested buffer accesses are specialised
    /// in this module (as `GatheredRows.score` is): the simulator asks it
    /// for every decision that turns a child away from in-house care.
    /// - Complexity: O(1).
    package func failedRules(_ unit: UnitRow, household h: Int, constants: KernelConstants) -> HardRuleMask {
        withView { ScoringKernel.failedRules(unit, $0, h, constants: constants) }
    }

    /// The rules on household `h`'s fixed facts that `unit` fails, of distance and required
    /// skills (`ScoringKernel.failsDistance`, `ScoringKernel.failsRequiredSkills`): what
    /// `failedRules` finds for those two whatever the household's occupancy.
    /// - Complexity: O(1).
    package func fixedRulesFailed(_ unit: UnitRow, household h: Int, constants: KernelConstants) -> HardRuleMask {
        withView { view in
            var mask: HardRuleMask = []
            if ScoringKernel.failsDistance(unit, view, h, constants: constants) { mask.insert(.distance) }
            if ScoringKernel.failsRequiredSkills(unit, view, h) { mask.insert(.requiredSkills) }
            return mask
        }
    }
}

extension HouseholdColumns {
    /// Appends to `out` those of households `indices`, in that order, that fail no hard rule for
    /// `unit` (`ScoringKernel.failedRules`; the distance rule is tried first, as it rules out most
    /// households of a wide area).
    ///
    /// Not generic and compiled here for the same reason as `failedRules`.
    /// - Complexity: O(indices.count), no allocation beyond `out`'s growth.
    package func appendPassing(_ indices: [Int], for unit: UnitRow, constants: KernelConstants, into out: inout [Int]) {
        withView { view in
            for h in indices {
                if ScoringKernel.failsDistance(unit, view, h, constants: constants) { continue }
                if ScoringKernel.failedRules(unit, view, h, constants: constants).isEmpty { out.append(h) }
            }
        }
    }
}
