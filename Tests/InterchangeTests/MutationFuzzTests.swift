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

    static func check(_ bytes: [UInt8], read: ([UInt8]) throws(InvalidInput) -> Int) {
        let lines = 1 + bytes.filter { $0 == 0x0A || $0 == 0x0D }.count
        do {
            _ = try read(bytes)
        } catch {
            #expect(!error.problems.isEmpty)
            for problem in error.problems {
                #expect(problem.file == "f.csv" && !problem.message.isEmpty)
                if let line = problem.line { #expect((1...lines).contains(line), "\(problem) in a file of \(lines) lines") }
                if let field = problem.field { #expect(problem.message.contains(field), "\(problem)") }
            }
        }
    }

    @Test func damagedChildrenFilesAreReportedNotCrashedOn() throws {
        let valid = Fixtures.valid
        let sources = try ["children_crlf_with_bom.csv", "children_quoted_district_with_comma_quote_and_newline.csv", "children_extra_columns_and_blank_lines.csv"]
            .map { [UInt8](try Data(contentsOf: valid.appendingPathComponent($0))) }
        var rng = Xoshiro256StarStar(seed: 77)
        for i in 0..<1500 {
            Self.check(Self.mutate(sources[i % sources.count], &rng)) { (b: [UInt8]) throws(InvalidInput) -> Int in
                try ChildrenFile.parse(b, file: "f.csv").count
            }
        }
    }

    @Test func damagedHouseholdsFilesAreReportedNotCrashedOn() throws {
        let valid = Fixtures.valid
        let sources = try ["households_crlf_with_bom.csv", "households_quoted_fields_and_extra_column.csv"]
            .map { [UInt8](try Data(contentsOf: valid.appendingPathComponent($0))) }
        var rng = Xoshiro256StarStar(seed: 78)
        for i in 0..<1500 {
            Self.check(Self.mutate(sources[i % sources.count], &rng)) { (b: [UInt8]) throws(InvalidInput) -> Int in
                try HouseholdsFile.parse(b, file: "f.csv").count
            }
        }
    }
}
