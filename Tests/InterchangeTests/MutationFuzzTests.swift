import CareModel
import Foundation
import Interchange
import Testing

/// Random damage to valid files never crashes a reader, and every problem it reports points
/// at a line of the file.
@Suite struct MutationFuzzTests {
    static let damage: [[UInt8]] = [
        [0x22], [0x2C], [0x0A], [0x0D], [0x0D, 0x0A], [0xE9], [0x00], [0xFF, 0xFE], [0x3B], [0x20],
        Array("-1".utf8), Array("x".utf8), Array("99999999999999999999".utf8), Array("1e400".utf8), Array("é".utf8),
    ]

    static func mutate(_ bytes: [UInt8], _ rng: inout Xoshiro256StarStar) -> [UInt8] {
        var out = bytes
        for _ in 0..<Draw.integer(in: 1...4, using: &rng) {
            let at = out.isEmpty ? 0 : Draw.integer(in: 0...out.count - 1, using: &rng)
            switch Draw.integer(in: 0...2, using: &rng) {
            case 0: out.insert(contentsOf: damage[Draw.integer(in: 0...damage.count - 1, using: &rng)], at: at)
            case 1: if !out.isEmpty { out.remove(at: at) }
            default: if !out.isEmpty { out[at] = damage[Draw.integer(in: 0...damage.count - 1, using: &rng)][0] }
            }
        }
        return out
    }

    /// Reads damaged `bytes`; returns whether they were rejected. A rejection must list at least
    /// one problem, in line order, each naming the file, a line of it and the field its message
    /// quotes; reading the same bytes again must give the same answer.
    @discardableResult
    static func check(_ bytes: [UInt8], read: ([UInt8]) throws(InvalidInput) -> Int) -> Bool {
        let lines = 1 + bytes.filter { $0 == 0x0A || $0 == 0x0D }.count
        func attempt() -> Result<Int, InvalidInput> {
            do throws(InvalidInput) { return .success(try read(bytes)) } catch { return .failure(error) }
        }
        let first = attempt()
        switch (first, attempt()) {
        case (.success(let a), .success(let b)): #expect(a == b && a >= 0 && a <= lines)
        case (.failure(let a), .failure(let b)): #expect(a.problems.map(\.description) == b.problems.map(\.description))
        default: Issue.record("reading the same bytes twice gave different answers")
        }
        guard case .failure(let error) = first else { return false }
        #expect(!error.problems.isEmpty && error.problems.count <= 501)
        let numbered = error.problems.compactMap(\.line)
        #expect(numbered == numbered.sorted(), "problems out of line order: \(numbered)")
        for problem in error.problems {
            #expect(problem.file == "f.csv" && !problem.message.isEmpty)
            if let line = problem.line { #expect((1...lines).contains(line), "\(problem) in a file of \(lines) lines") }
            if let field = problem.field { #expect(problem.message.contains(field), "\(problem)") }
        }
        return true
    }

    /// A value made bad on a known line and column is always reported there, by field.
    @Test func aBadValuePlantedAnywhereIsReportedAtItsLineAndField() {
        let header = "child_id,age,sex,home_lat,home_lon,placement\n"
        let columns = ["child_id", "age", "sex", "home_lat", "home_lon", "placement"]
        let bad: [String: [String]] = [
            "age": ["x", "-1", "18", "4.5", "", "1e400"], "sex": ["Q", "male"], "home_lat": ["91", "abc", "nan"],
            "home_lon": ["-181", "1,5", "west"], "placement": ["never", "longterm"],
        ]
        var rng = Xoshiro256StarStar(seed: 79)
        for trial in 0..<400 {
            let rows = Draw.integer(in: 1...30, using: &rng)
            var table = (0..<rows).map { ["C\($0)", String(Draw.integer(in: 0...17, using: &rng)), "F", "51.5", "-2.5", "respite"] }
            let row = Draw.integer(in: 0...rows - 1, using: &rng)
            let field = ["age", "sex", "home_lat", "home_lon", "placement"][trial % 5]
            let choices = bad[field]!
            let value = choices[Draw.integer(in: 0...choices.count - 1, using: &rng)]
            table[row][columns.firstIndex(of: field)!] = value.contains(",") ? "\"\(value)\"" : value
            let text = header + table.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
            do {
                let children = try ChildrenFile.parse(Array(text.utf8), file: "f.csv")
                Issue.record("trial \(trial): \(field) \"\(value)\" accepted (\(children.count) children)")
            } catch {
                #expect(error.problems.map(\.line) == [row + 2] && error.problems.map(\.field) == [field],
                        "trial \(trial): \(field) \"\(value)\" on line \(row + 2): \(error.problems.map(\.description))")
            }
        }
    }

    @Test func damagedChildrenFilesAreReportedNotCrashedOn() throws {
        let valid = Fixtures.valid
        let sources = try ["children_crlf_with_bom.csv", "children_quoted_district_with_comma_quote_and_newline.csv", "children_extra_columns_and_blank_lines.csv"]
            .map { [UInt8](try Data(contentsOf: valid.appendingPathComponent($0))) }
        var rng = Xoshiro256StarStar(seed: 77)
        var rejected = 0
        for source in sources { #expect(!Self.check(source) { (b: [UInt8]) throws(InvalidInput) -> Int in try ChildrenFile.parse(b, file: "f.csv").count }) }
        for i in 0..<1500 {
            if Self.check(Self.mutate(sources[i % sources.count], &rng), read: { (b: [UInt8]) throws(InvalidInput) -> Int in
                try ChildrenFile.parse(b, file: "f.csv").count
            }) { rejected += 1 }
        }
        // Most damage breaks a file; some (a blank line, a changed name) does not.
        #expect(rejected > 600 && rejected < 1500, "\(rejected) of 1500 rejected")
    }

    @Test func damagedHouseholdsFilesAreReportedNotCrashedOn() throws {
        let valid = Fixtures.valid
        let sources = try ["households_crlf_with_bom.csv", "households_quoted_fields_and_extra_column.csv"]
            .map { [UInt8](try Data(contentsOf: valid.appendingPathComponent($0))) }
        var rng = Xoshiro256StarStar(seed: 78)
        var rejected = 0
        for source in sources { #expect(!Self.check(source) { (b: [UInt8]) throws(InvalidInput) -> Int in try HouseholdsFile.parse(b, file: "f.csv").count }) }
        for i in 0..<1500 {
            if Self.check(Self.mutate(sources[i % sources.count], &rng), read: { (b: [UInt8]) throws(InvalidInput) -> Int in
                try HouseholdsFile.parse(b, file: "f.csv").count
            }) { rejected += 1 }
        }
        #expect(rejected > 600 && rejected < 1500, "\(rejected) of 1500 rejected")
    }
}
