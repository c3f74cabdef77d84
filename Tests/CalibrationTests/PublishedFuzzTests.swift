@testable import Calibration
import CareModel
import Foundation
import Interchange
import Testing

/// Mutated copies of the DfE and Ofsted published tables: reading must never crash, and either
/// give figures or reject the files with problems that each name a file given (and a line when
/// the problem is in one row); a value planted on a known row is reported at that row.
@Suite struct PublishedFuzzTests {
    static let fixtures = ["dfe-old-layout.csv", "dfe-new-layout.csv", "ofsted-fostering_2019.csv"]

    static func fixtureBytes(_ name: String) -> [UInt8] {
        [UInt8](try! Data(contentsOf: Bundle.module.url(forResource: "Fixtures/published/\(name)", withExtension: nil)!))
    }

    /// Pieces a mutation splices in: separators, quotes, suppression marks, numbers of every size.
    static let splices: [String] = [
        ",", "\"", "\n", "\r\n", "", " ", "c", "x", "z", "low", "..", "-", "1e308", "99999999999999999999", "-5",
        "2023/24", "202324", "Local authority", "National", "916", "E10000013", "Total", "\u{FEFF}", "é", "\0", "NaN", "inf",
    ]

    /// A random mutation of `bytes`: splices, deletions, a repeated or dropped line, a truncation.
    static func mutate(_ bytes: [UInt8], using rng: inout Xoshiro256StarStar) -> [UInt8] {
        var out = bytes
        for _ in 0..<(1 + Int(rng.nextUnit() * 3)) {
            guard !out.isEmpty else { break }
            let at = Int(rng.nextUnit() * Double(out.count))
            switch Int(rng.nextUnit() * 5) {
            case 0, 1: out.insert(contentsOf: Array(splices[Int(rng.nextUnit() * Double(splices.count))].utf8), at: at)
            case 2: out.removeSubrange(at..<min(out.count, at + 1 + Int(rng.nextUnit() * 12)))
            case 3:
                let lines = out.split(separator: 0x0A, omittingEmptySubsequences: false)
                let k = Int(rng.nextUnit() * Double(lines.count))
                var copy = Array(lines)
                if rng.nextUnit() < 0.5 { copy.insert(lines[k], at: k) } else { copy.remove(at: k) }
                out = Array(copy.joined(separator: [0x0A]))
            default: out = Array(out.prefix(at))
            }
        }
        return out
    }

    @Test func mutatedTablesAreReadOrRejectedWithLocatedProblems() throws {
        let directory = NSTemporaryDirectory() + "hearth-published-fuzz-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var rng = Xoshiro256StarStar(seed: 903)
        var (cases, read, rejected) = (0, 0, 0)
        for trial in 0..<1_500 {
            let name = Self.fixtures[trial % Self.fixtures.count]
            let path = directory + "/\(trial % 7)-" + name
            try Data(Self.mutate(Self.fixtureBytes(name), using: &rng)).write(to: URL(fileURLWithPath: path))
            for council in [nil, "916", "Gloucestershire"] as [String?] {
                cases += 1
                do {
                    let figures = try PublishedFiguresFile.load([path], council: council)
                    read += 1
                    for figure in figures.all { #expect(figure.value.isFinite && figure.value >= 0, "\(trial): \(figure)") }
                } catch {
                    rejected += 1
                    #expect(!error.problems.isEmpty, "\(trial): rejected without a problem")
                    for problem in error.problems {
                        #expect(problem.file == path, "\(trial): \(problem)")
                        if let line = problem.line { #expect(line >= 1, "\(trial): \(problem)") }
                    }
                }
            }
        }
        #expect(cases == 4_500)
        #expect(read > 100 && rejected > 100, "both outcomes occur: read \(read), rejected \(rejected)")
    }

    /// A number that is not a number, planted on one row of a DfE table, is reported at that
    /// row and nothing is read.
    @Test func aPlantedBadNumberIsReportedAtItsLine() throws {
        let directory = NSTemporaryDirectory() + "hearth-published-plant-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var lines = String(decoding: Self.fixtureBytes("dfe-old-layout.csv"), as: UTF8.self).components(separatedBy: "\n")
        var planted = 0
        for (i, line) in lines.enumerated() where i > 0 && line.contains("Gloucestershire") && line.contains(",865,") {
            lines[i] = line.replacingOccurrences(of: ",865,", with: ",86x5,")
            planted = i + 1
            break
        }
        #expect(planted > 1, "the fixture has the 2023 count of 865")
        let path = directory + "/dfe.csv"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try PublishedFiguresFile.load([path], council: "916")
        } throws: { error in
            guard let invalid = error as? InvalidInput else { return false }
            return invalid.problems.contains { $0.line == planted && $0.message.contains("86x5") }
        }
    }
}
