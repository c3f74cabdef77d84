import CareModel

extension HouseholdColumns {
    /// The hard rules household `h` fails for `unit` (`ScoringKernel.failedRules` on row `h`,
    /// read from its record, `records[h]`: one household's facts lie together there).
    ///
    /// Not generic and compiled here (as `GatheredRows.score` is): the simulator asks it for
    /// every decision that turns a child away from in-house care.
    /// - Complexity: O(1).
    package func failedRules(_ unit: UnitRow, household h: Int, constants: KernelConstants) -> HardRuleMask {
        precondition(keepsRecords, "rules of one household are read from the records: make the columns with keepsRecords")
        return records[h].withView { ScoringKernel.failedRules(unit, $0, 0, constants: constants) }
    }

    /// The rules on household `h`'s fixed facts that `unit` fails, of distance and required
    /// skills (`ScoringKernel.failsDistance`, `ScoringKernel.failsRequiredSkills`): what
    /// `failedRules` finds for those two whatever the household's occupancy, read from
    /// `records[h]`.
    /// - Complexity: O(1).
    package func fixedRulesFailed(_ unit: UnitRow, household h: Int, constants: KernelConstants) -> HardRuleMask {
        precondition(keepsRecords, "rules of one household are read from the records: make the columns with keepsRecords")
        return records[h].withView { view in
            var mask: HardRuleMask = []
            if ScoringKernel.failsDistance(unit, view, 0, constants: constants) { mask.insert(.distance) }
            if ScoringKernel.failsRequiredSkills(unit, view, 0) { mask.insert(.requiredSkills) }
            return mask
        }
    }
}

extension HouseholdColumns {
    /// Asks for household `h`'s record (`records[h]`) to be brought into the cache
    /// (`Prefetch`), for a caller about to read a list of households scattered through the
    /// rows. Changes nothing.
    /// - Complexity: O(1).
    @inline(__always)
    package func prefetchRecord(household h: Int) {
        guard h >= 0, h < records.count else { return }
        records.withUnsafeBufferPointer { Prefetch.read($0.baseAddress! + h, bytes: MemoryLayout<HouseholdRecord>.size) }
    }
}

extension HouseholdColumns {
    /// Appends to `out` those of households `indices`, in that order, that fail no hard rule for
    /// `unit` (`ScoringKernel.failedRules`; the distance rule is tried first, as it rules out most
    /// households of a wide area), each read from its record (`records`).
    ///
    /// Not generic and compiled here for the same reason as `failedRules`.
    /// - Complexity: O(indices.count), no allocation beyond `out`'s growth.
    package func appendPassing(_ indices: [Int], for unit: UnitRow, constants: KernelConstants, into out: inout [Int]) {
        precondition(keepsRecords, "households are read from the records: make the columns with keepsRecords")
        records.withUnsafeBufferPointer { records in
            for h in indices {
                let passes = records[h].withView { view in
                    !ScoringKernel.failsDistance(unit, view, 0, constants: constants)
                        && ScoringKernel.failedRules(unit, view, 0, constants: constants).isEmpty
                }
                if passes { out.append(h) }
            }
        }
    }
}
