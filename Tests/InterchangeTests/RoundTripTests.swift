import CareModel
import Foundation
import Interchange
import Testing

/// render → parse gives back what was rendered, for thousands of random children and
/// households whose text holds commas, quotes, semicolons and non-ASCII text.
///
/// Readers trim spaces around fields and read a blank optional field as absent, so the
/// random text starts and ends with a visible character; identifiers and names hold no control
/// characters (line breaks, tabs) and do not begin like a spreadsheet formula (`TableRow.label`),
/// so the text holds none and starts with none of `=`, `+`, `-`, `@`. Coordinates are written to
/// 5 decimals and costs to 2, so those are generated on that grid (and checked separately
/// for arbitrary values).
@Suite struct RoundTripTests {
    /// Pieces of awkward text: CSV specials, Unicode (combining marks, emoji sequences, CJK).
    static let inner = [
        "a", "Z", "7", " ", "  ", ",", "\"", "\"\"", ";", "'", "é", "e\u{301}", "ß", "日本", "👩‍👧",
        "\u{301}", "Ł", "-", "#", "\\", "=", "@", "+",
    ]
    /// Pieces allowed at the start: visible, not spaces, not combining marks, not a formula sign.
    static let starts = ["a", "Z", "7", ",", "\"", ";", "é", "日", "👩‍👧", "Ł", "("]
    /// Pieces allowed at the end: as at the start, and formula signs.
    static let ends = starts + ["=", "-"]

    static func text(_ rng: inout Xoshiro256StarStar, maxPieces: Int = 8) -> String {
        var s = starts[Draw.integer(in: 0...starts.count - 1, using: &rng)]
        for _ in 0..<Draw.integer(in: 0...maxPieces, using: &rng) { s += inner[Draw.integer(in: 0...inner.count - 1, using: &rng)] }
        return s + ends[Draw.integer(in: 0...ends.count - 1, using: &rng)]
    }

    static func optionalText(_ rng: inout Xoshiro256StarStar) -> String? {
        Draw.bernoulli(0.3, using: &rng) ? nil : text(&rng)
    }

    /// A coordinate on the 5-decimal grid the files use.
    static func degrees(_ limit: Int, _ rng: inout Xoshiro256StarStar) -> Double {
        Double(Draw.integer(in: -limit * 100_000...limit * 100_000, using: &rng)) / 100_000
    }

    static func tokens<T: TokenSet>(_ type: T.Type, _ rng: inout Xoshiro256StarStar) -> T {
        T(rawValue: UInt8(truncatingIfNeeded: rng.next()) & T.tokens.reduce(0) { $0 | $1.0.rawValue })
    }

    static func randomChildren(count: Int, seed: UInt64) -> [Child] {
        var rng = Xoshiro256StarStar(seed: seed)
        let groups = (0..<count / 4).map { "\(text(&rng, maxPieces: 3))#\($0)" }
        var groupPlacement: [String: PlacementRequest] = [:]
        return (0..<count).map { i in
            let group = Draw.bernoulli(0.4, using: &rng) ? groups[Draw.integer(in: 0...groups.count - 1, using: &rng)] : nil
            var placement = PlacementRequest.allCases[Draw.integer(in: 0...4, using: &rng)]
            if let group { placement = groupPlacement[group, default: placement]; groupPlacement[group] = placement }
            let school = Draw.bernoulli(0.5, using: &rng) ? Location(latitude: degrees(90, &rng), longitude: degrees(180, &rng)) : nil
            return Child(
                id: ChildID("\(text(&rng))#\(i)"), groupID: group.map { GroupID($0) }, age: Draw.integer(in: 0...17, using: &rng),
                sex: Sex.allCases[Draw.integer(in: 0...2, using: &rng)],
                home: Location(latitude: degrees(90, &rng), longitude: degrees(180, &rng)), school: school,
                district: optionalText(&rng), placement: placement, needs: tokens(Needs.self, &rng),
                ethnicity: optionalText(&rng), language: optionalText(&rng), daysWaiting: Draw.integer(in: 0...36_500, using: &rng),
                maySplit: Draw.bernoulli(0.2, using: &rng))
        }
    }

    static func randomHouseholds(count: Int, seed: UInt64) -> [Household] {
        var rng = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { i in
            let places = Draw.integer(in: 1...20, using: &rng)
            let minAge = Draw.integer(in: 0...17, using: &rng)
            var approvals = tokens(Approvals.self, &rng)
            if approvals.isEmpty { approvals = .respite }
            return Household(
                id: HouseholdID("\(text(&rng))#\(i)"), provider: Provider.allCases[Draw.integer(in: 0...1, using: &rng)],
                location: Location(latitude: degrees(90, &rng), longitude: degrees(180, &rng)), district: optionalText(&rng),
                places: places, occupied: Draw.integer(in: 0...places, using: &rng),
                ageRange: minAge...Draw.integer(in: minAge...25, using: &rng), approvals: approvals,
                skills: tokens(Skills.self, &rng), status: HouseholdStatus.allCases[Draw.integer(in: 0...1, using: &rng)],
                residentAges: (0..<Draw.integer(in: 0...4, using: &rng)).map { _ in Draw.integer(in: 0...25, using: &rng) },
                ethnicity: optionalText(&rng), language: optionalText(&rng),
                weeklyCost: Draw.bernoulli(0.3, using: &rng) ? nil : Double(Draw.integer(in: 0...300_000, using: &rng)) / 100)
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func childrenRoundTrip(seed: UInt64) throws {
        let children = Self.randomChildren(count: 2000, seed: seed)
        let text = ChildrenFile.render(children)
        let parsed = try ChildrenFile.parse(Array(text.utf8), file: "children.csv")
        #expect(parsed.count == children.count)
        for (a, b) in zip(children, parsed) where a != b {
            Issue.record("child differs:\n\(a)\n\(b)")
            break
        }
        #expect(text.contains("\"\"") && text.contains(",\""))  // the awkward cases did occur
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func householdsRoundTrip(seed: UInt64) throws {
        let households = Self.randomHouseholds(count: 2000, seed: seed)
        let text = HouseholdsFile.render(households)
        let parsed = try HouseholdsFile.parse(Array(text.utf8), file: "households.csv")
        #expect(parsed.count == households.count)
        for (a, b) in zip(households, parsed) where a != b {
            Issue.record("household differs:\n\(a)\n\(b)")
            break
        }
    }

    @Test func arbitraryCoordinatesAndCostsComeBackToFiveAndTwoDecimals() throws {
        var rng = Xoshiro256StarStar(seed: 99)
        var children: [Child] = []
        var households: [Household] = []
        for i in 0..<3000 {
            let home = Location(latitude: rng.nextUnit() * 180 - 90, longitude: rng.nextUnit() * 360 - 180)
            children.append(Child(id: ChildID("C\(i)"), age: 3, sex: .female, home: home, placement: .shortTerm))
            households.append(
                Household(
                    id: HouseholdID("H\(i)"), provider: .ifa, location: home, places: 1, ageRange: 0...17,
                    approvals: .shortTerm, weeklyCost: rng.nextUnit() * 5000))
        }
        // Values that sit just beside a rounding boundary or that round to minus zero.
        children.append(Child(id: "edge1", age: 0, sex: .male, home: Location(latitude: -0.000004, longitude: 179.999996), placement: .respite))
        children.append(Child(id: "edge2", age: 0, sex: .male, home: Location(latitude: 89.999999, longitude: -179.999999), placement: .respite))
        let parsedChildren = try ChildrenFile.parse(Array(ChildrenFile.render(children).utf8), file: "c.csv")
        for (a, b) in zip(children, parsedChildren) {
            #expect(abs(a.home.latitude - b.home.latitude) <= 0.5e-5 + 1e-12)
            #expect(abs(a.home.longitude - b.home.longitude) <= 0.5e-5 + 1e-12)
        }
        let parsedHouseholds = try HouseholdsFile.parse(Array(HouseholdsFile.render(households).utf8), file: "h.csv")
        for (a, b) in zip(households, parsedHouseholds) {
            #expect(abs(a.weeklyCost! - b.weeklyCost!) <= 0.005 + 1e-9)
        }
        // A second round trip changes nothing: the written form is a fixed point.
        #expect(ChildrenFile.render(parsedChildren) == ChildrenFile.render(try ChildrenFile.parse(Array(ChildrenFile.render(parsedChildren).utf8), file: "c.csv")))
        #expect(ChildrenFile.render(children) == ChildrenFile.render(parsedChildren))
    }

    @Test func csvFieldsRoundTripWithAnyText() {
        var rng = Xoshiro256StarStar(seed: 7)
        // Raw CSV keeps every byte of a field, spaces at the ends included.
        let rows = (0..<3000).map { _ in
            (0..<5).map { _ in
                (0..<Draw.integer(in: 0...6, using: &rng)).map { _ in Self.inner[Draw.integer(in: 0...Self.inner.count - 1, using: &rng)] }.joined()
            }
        }
        let text = CSV.render(header: ["a", "b", "c", "d", "e"], rows: rows)
        let (records, problems) = CSV.parse(Array(text.utf8), file: "t.csv")
        #expect(problems.isEmpty)
        #expect(records.dropFirst().map(\.fields) == rows)
    }
}
