import CareModel
import Matching
import Testing
@testable import Simulation

/// The kernel's rows for carers approved during a run (`KernelState.append`).
@Suite struct KernelStateTests {
    /// A new carer copied from a starting household and moved to another district gets the row
    /// the code book would give it: over thousands of random copies, appending with the
    /// template's codes (`append(_:district:likeRow:)`) and appending by looking its texts up
    /// (`append(_:district:)`) give the same columns, code for code.
    @Test func aCopiedCarersRowIsTheRowItsTextsGive() {
        var rng = Xoshiro256StarStar(seed: 17)
        let names = ["North", "South", "East Riding", "west"], ethnicities = ["WBRI", "MWBC", "BAFR", "", "wbri"]
        for _ in 0..<100 {
            let templates = (0..<(1 + Int(rng.next() % 12))).map { i in
                Household(
                    id: HouseholdID("h\(i)"), provider: .inHouse, location: Location(latitude: 52, longitude: -1),
                    district: names[Int(rng.next() % 4)], places: 2, ageRange: 0...17, approvals: .longTerm,
                    ethnicity: ethnicities[Int(rng.next() % 5)], language: rng.next() % 2 == 0 ? nil : "Polish")
            }
            let districts = templates.map { household in Int32(names.firstIndex(of: household.district!)!) }
            var copied = KernelState(templates, districts: districts, districtNames: names)
            var lookedUp = copied
            for n in 0..<20 {
                let template = Int(rng.next() % UInt64(templates.count)), district = Int(rng.next() % 4)
                var carer = templates[template]
                carer.id = HouseholdID("N\(n)")
                carer.district = names[district]
                carer.location = Location(latitude: 51 + Double(rng.next() % 100) / 50, longitude: -2)
                copied.append(carer, district: Int32(district), likeRow: template)
                lookedUp.append(carer, district: Int32(district))
                let row = copied.columns.count - 1
                // Codes are compared for equality only: the copy's codes must be the looked-up ones.
                #expect(copied.columns.rowCodes(row) == lookedUp.columns.rowCodes(row))
            }
            #expect(copied.columns.latitude == lookedUp.columns.latitude && copied.columns.free == lookedUp.columns.free)
        }
    }
}
