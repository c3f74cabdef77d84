import CareModel
@testable import Matching
import Testing

/// The kernel's row-wise records (`HouseholdColumns.records`) against its columns: every change
/// the columns offer, in random order over thousands of steps, leaves each record equal to its
/// row (and columns made without `keepsRecords` with none), and the rules read from a record (`failedRules(_:household:constants:)`,
/// `fixedRulesFailed`, `appendPassing`) are the rules read from the columns.
@Suite struct HouseholdRecordTests {
    @Test(arguments: [true, false]) func recordsFollowEveryChangeOfTheColumns(keepsRecords: Bool) {
        var rng = Xoshiro256StarStar(seed: 91)
        var codes = CodeBook()
        var columns = HouseholdColumns(RandomCounty.households(120, rng: &rng), codes: &codes, keepsRecords: keepsRecords)
        let groups = SiblingGroup.groups(of: RandomCounty.children(200, rng: &rng))
        let extra = RandomCounty.households(400, rng: &rng)
        #expect(columns.recordsAgree)
        for step in 0 ..< 4_000 {
            let h = Int.random(in: 0 ..< columns.count, using: &rng)
            switch Int.random(in: 0 ..< 5, using: &rng) {
            case 0:
                let residents = Int.random(in: 0 ... 4, using: &rng)
                columns.setOccupancy(
                    at: h, available: rng.nextUnit() < 0.8, freePlaces: Int.random(in: 0 ... 4, using: &rng),
                    occupied: residents + Int.random(in: 0 ... 1, using: &rng), residentCount: residents,
                    residentAgeSum: residents * Int.random(in: 0 ... 17, using: &rng),
                    youngestResident: residents == 0 ? nil : Int.random(in: 0 ... 17, using: &rng))
            case 1:
                columns.place(groups[step % groups.count], at: h, exploitationAgeGap: Int.random(in: 0 ... 4, using: &rng))
            case 2:
                columns.closePlaces(at: h)
            case 3:
                columns.append(extra[step % extra.count], codes: &codes)
            default:
                columns.updateRow(h) { row in
                    row.latitude += 0.001 * (rng.nextUnit() - 0.5)
                    row.skills ^= Int32.random(in: 0 ... 255, using: &rng)
                }
            }
            if step % 97 == 0 {
                let agree = columns.recordsAgree
                #expect(agree, "after step \(step)")
            }
        }
        let agree = columns.recordsAgree
        #expect(agree)
        let picked = (0 ..< 300).map { _ in Int.random(in: 0 ..< columns.count, using: &rng) }
        let copy = HouseholdColumns(rows: picked, of: columns)
        let copyAgrees = copy.recordsAgree
        #expect(copyAgrees)
        #expect(copy.records == (keepsRecords ? picked.map { columns.records[$0] } : []))
        #expect(copy.keepsRecords == keepsRecords && columns.records.count == (keepsRecords ? columns.count : 0))
    }

    @Test func rulesReadFromRecordsAreTheColumnsRules() {
        var rng = Xoshiro256StarStar(seed: 92)
        var codes = CodeBook()
        let households = RandomCounty.households(500, rng: &rng)
        var columns = HouseholdColumns(households, codes: &codes, keepsRecords: true)
        let groups = SiblingGroup.groups(of: RandomCounty.children(300, rng: &rng))
        for (g, group) in groups.enumerated() where g % 3 == 0 {
            columns.place(group, at: (g * 7) % columns.count, exploitationAgeGap: 3)
        }
        let k = KernelConstants(policy: .default)
        var failing = 0, passing = 0
        for (g, group) in groups.enumerated() {
            let row = UnitRow(group, policy: .default, codes: &codes, isSplitPart: g % 4 == 0)
            var fromColumns: [Int] = []
            columns.withView { view in
                for h in 0 ..< columns.count {
                    let rules = ScoringKernel.failedRules(row, view, h, constants: k)
                    #expect(columns.failedRules(row, household: h, constants: k) == rules)
                    var fixed: HardRuleMask = []
                    if ScoringKernel.failsDistance(row, view, h, constants: k) { fixed.insert(.distance) }
                    if ScoringKernel.failsRequiredSkills(row, view, h) { fixed.insert(.requiredSkills) }
                    #expect(columns.fixedRulesFailed(row, household: h, constants: k) == fixed)
                    if rules.isEmpty { fromColumns.append(h) }
                    if rules.isEmpty { passing += 1 } else { failing += 1 }
                }
            }
            var fromRecords: [Int] = []
            columns.appendPassing(Array(0 ..< columns.count), for: row, constants: k, into: &fromRecords)
            #expect(fromRecords == fromColumns)
        }
        // Both outcomes occur often enough for the comparison to mean something.
        #expect(failing > 1_000 && passing > 100)
    }
}
