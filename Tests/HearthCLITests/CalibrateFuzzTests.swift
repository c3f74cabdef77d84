import Foundation
import HearthCLI
import Testing

/// `hearth calibrate` on mutated returns: exit code 0 with every output written, or 2 with none.
@Suite struct CalibrateFuzzTests {
    @Test func mutatedReturnsExitZeroWithOutputOrTwoWithNone() throws {
        let base = NSTemporaryDirectory() + "hearth-calibrate-fuzz-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: base) }
        let (console, _) = Console.capturing()
        let source = base + "/source"
        #expect(Hearth.run(["calibrate", "--make-synthetic", source, "--seed", "3", "--from", "2021-04-01", "--to", "2023-03-31"], console: console) == 0)
        func head(_ name: String, lines: Int) throws -> [UInt8] {
            let text = try String(contentsOfFile: source + "/" + name, encoding: .utf8)
            return Array((text.split(separator: "\n", omittingEmptySubsequences: false).prefix(lines).joined(separator: "\n") + "\n").utf8)
        }
        let files = ["header.csv": try head("header.csv", lines: 60), "episodes.csv": try head("episodes.csv", lines: 150), "uasc.csv": try head("uasc.csv", lines: 10)]
        let splices = [",", "\"", "\n", "", "31/02/2022", "24/04/22", "2022-05-05 00:00:00", "Q9", "X1", "V4", "99999999999999999999", "LA", "\u{FEFF}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var exits = [Int32: Int]()
        for case_ in 0..<60 {
            let dir = base + "/\(case_)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let target = ["header.csv", "episodes.csv", "uasc.csv"][next(3)]
            for (name, bytes) in files {
                var out = bytes
                if name == target {
                    for _ in 0..<(1 + next(3)) where !out.isEmpty {
                        let at = next(out.count)
                        out.replaceSubrange(at..<min(out.count, at + next(5)), with: Array(splices[next(splices.count)].utf8))
                    }
                }
                try Data(out).write(to: URL(fileURLWithPath: dir + "/" + name))
            }
            let scenario = dir + "/out/scenario.json", report = dir + "/out/cleaning.csv"
            try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
            let code = Hearth.run(["calibrate", dir, "-o", scenario, "--cleaning-report", report], console: console)
            exits[code, default: 0] += 1
            #expect(code == 0 || code == 2)
            let written = [scenario, report].map { FileManager.default.fileExists(atPath: $0) }
            #expect(written == (code == 0 ? [true, true] : [false, false]), "case \(case_): exit \(code), written \(written)")
        }
        #expect((exits[0] ?? 0) > 5 && (exits[2] ?? 0) > 5, "\(exits)")
    }
}
