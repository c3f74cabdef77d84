@testable import Calibration
import CareModel
import Foundation
import Interchange
import Simulation
import Testing

/// Mutated copies of real-layout SSDA903 files: reading must never crash, and either reject the
/// file with located problems (adding no rows) or give a return that cleans and calibrates.
@Suite struct SSDA903FuzzTests {
    static func fixtureBytes(_ path: String) -> [UInt8] {
        let url = Bundle.module.url(forResource: "Fixtures/ssda903/layouts/\(path)", withExtension: nil)!
        return [UInt8](try! Data(contentsOf: url))
    }

    /// Pieces a mutation splices in: separators, quotes, dates of every form, codes, huge numbers,
    /// XML that crashed Foundation's parser (a processing instruction without data; with the
    /// byte 0xFA spliced below, an element name that is not UTF-8).
    static let splices: [String] = [
        ",", "\"", "\n", "\r\n", "", " ", "/", "-", "31/02/2020", "2019-05-05 00:00:00", "24/04/17", "99999999999999999999",
        "01/01/1899", "2300-12-31", "Q9", "S", "X1", "E17", "V3", "K3", "\u{FEFF}", "é", "<", ">", "</EPISODE>", "<DEC />",
        "<CHILD>", "&amp;", "&bogus;", "<!DOCTYPE x [<!ENTITY e \"e\">]>", "LA", "YEAR", "2024", "2023/24", "\0",
        "<?end?>", "<![CDATA[", "]]>", "</EXPSSDA903><EXPSSDA903>",
    ]

    /// A random mutation of `bytes`: a splice, a deletion, a repeated or dropped line, a truncation.
    static func mutate(_ bytes: [UInt8], using rng: inout Xoshiro256StarStar) -> [UInt8] {
        var out = bytes
        for _ in 0..<(1 + Int(rng.nextUnit() * 3)) {
            guard !out.isEmpty else { break }
            let at = Int(rng.nextUnit() * Double(out.count))
            switch Int(rng.nextUnit() * 6) {
            case 0, 1:
                // One choice past the texts splices a byte that is not UTF-8.
                let choice = Int(rng.nextUnit() * Double(splices.count + 1))
                let splice = choice < splices.count ? Array(splices[choice].utf8) : [0xFA]
                let length = min(out.count - at, Int(rng.nextUnit() * 6))
                out.replaceSubrange(at..<(at + length), with: splice)
            case 2:
                out.removeSubrange(at..<min(out.count, at + 1 + Int(rng.nextUnit() * 40)))
            case 3:
                // Repeat a line.
                let start = out[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                let end = out[at...].firstIndex(of: 0x0A).map { $0 + 1 } ?? out.count
                out.insert(contentsOf: out[start..<end], at: end)
            case 4:
                out = Array(out[..<at])
            default:
                out[at] = UInt8(Int(rng.nextUnit() * 256))
            }
        }
        return out
    }

    /// The first `lines` lines of a CSV file (a smaller file of the same layout, so that thousands
    /// of cases run in seconds in a debug build).
    static func head(_ bytes: [UInt8], lines: Int) -> [UInt8] {
        var seen = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            seen += 1
            if seen == lines { return Array(bytes[...i]) }
        }
        return bytes
    }

    /// The XML return cut after its first `children` CHILD elements.
    static func headXML(_ bytes: [UInt8], children: Int) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        var end = text.startIndex
        for _ in 0..<children {
            guard let r = text.range(of: "</CHILD>", range: end..<text.endIndex) else { break }
            end = r.upperBound
        }
        return Array((String(text[..<end]) + "</EXPSSDA903>\n").utf8)
    }

    @Test func mutatedFilesAreRejectedWithLocatedProblemsOrReadInFull() {
        // Kind 0 Header, 1 Episodes, 2 UASC, 3 XML; each Episodes table with its own Header.
        let headerFiles = ["validator-2018/header.csv", "demand-model-5y/2021/extract_a.csv", "pipeline-3y/header.csv", "regional-3la/SSDA903_Header_merged.csv"]
        var headers: [SSDA903Return] = []
        for name in headerFiles {
            var data = SSDA903Return()
            _ = SSDA903Reader.parseHeader(Self.fixtureBytes(name), file: "h.csv", into: &data)
            headers.append(data)
        }
        let sources: [(kind: Int, header: Int, bytes: [UInt8])] = [
            (0, 0, Self.head(Self.fixtureBytes(headerFiles[0]), lines: 40)),
            (1, 0, Self.head(Self.fixtureBytes("validator-2018/episodes.csv"), lines: 40)),
            (1, 1, Self.head(Self.fixtureBytes("demand-model-5y/2021/extract_b.csv"), lines: 40)),
            (2, 0, Self.fixtureBytes("validator-2018/uasc.csv")),
            (3, 0, Self.headXML(Self.fixtureBytes("synthesiser-xml/generated_903.xml"), children: 12)),
            (1, 2, Self.head(Self.fixtureBytes("pipeline-3y/episodes.csv"), lines: 40)),
            (1, 3, Self.head(Self.fixtureBytes("regional-3la/SSDA903_Episodes_merged.csv"), lines: 40)),
        ]
        var rng = Xoshiro256StarStar(seed: 903)
        var rejected = 0, accepted = 0, calibrated = 0
        for case_ in 0..<2100 {
            let source = sources[case_ % sources.count]
            let mutated = Self.mutate(source.bytes, using: &rng)
            var data = source.kind == 1 || source.kind == 2 ? headers[source.header] : SSDA903Return()
            let before = (data.headers.count, data.episodes.count, data.uasc.count)
            let result: (rows: Int, problems: [InputProblem])
            switch source.kind {
            case 0: result = SSDA903Reader.parseHeader(mutated, file: "m.csv", into: &data)
            case 1: result = SSDA903Reader.parseEpisodes(mutated, file: "m.csv", into: &data)
            case 2: result = SSDA903Reader.parseUASC(mutated, file: "m.csv", into: &data)
            default: result = SSDA903XMLReader.parse(mutated, file: "m.xml", into: &data)
            }
            if !result.problems.isEmpty {
                rejected += 1
                // Every problem is located in the mutated file, and grouping keeps at least one.
                #expect(result.problems.allSatisfy { $0.file == "m.csv" || $0.file == "m.xml" })
                #expect(!SSDA903Reader.grouped(result.problems).isEmpty)
                continue
            }
            accepted += 1
            #expect(data.headers.count >= before.0 && data.episodes.count >= before.1 && data.uasc.count >= before.2)
            let observed = ObservedYears.of(data)
            let (histories, report) = SSDA903Cleaning.histories(from: data, observedFrom: observed?.window.from)
            _ = report.groups
            // Calibrating is the slow part: every 50th accepted return is enough to reach it.
            if accepted % 50 == 0 || calibrated < 10, let window = observed?.window, !histories.isEmpty {
                let result = Calibration.calibrate(histories, window: window)
                #expect(result.entries.perYear.value.isFinite)
                calibrated += 1
            }
        }
        #expect(rejected > 300 && accepted > 300 && calibrated >= 10, "rejected \(rejected), accepted \(accepted), calibrated \(calibrated)")
    }

    @Test func directoriesOfMutatedFilesLoadOrFailCleanly() throws {
        var rng = Xoshiro256StarStar(seed: 1903)
        let names = ["header.csv", "episodes.csv", "uasc.csv", "reviews.csv"]
        let originals = names.map { Self.fixtureBytes("validator-2018/\($0)") }
        let xml = Self.fixtureBytes("synthesiser-xml/generated_903.xml")
        let base = NSTemporaryDirectory() + "hearth-fuzz-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: base) }
        var loaded = 0, failed = 0
        for case_ in 0..<150 {
            let dir = base + "/\(case_)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            if case_ % 5 == 4 {
                try Data(Self.mutate(xml, using: &rng)).write(to: URL(fileURLWithPath: dir + "/return.xml"))
            } else {
                let target = Int(rng.nextUnit() * Double(names.count))
                for (i, name) in names.enumerated() {
                    try Data(i == target ? Self.mutate(originals[i], using: &rng) : originals[i]).write(to: URL(fileURLWithPath: dir + "/" + name))
                }
            }
            do {
                let imported = try SSDA903Import.load(directory: dir)
                #expect(imported.files.modelledCount >= 1)
                loaded += 1
            } catch {
                #expect(!error.problems.isEmpty)
                failed += 1
            }
        }
        #expect(loaded > 20 && failed > 20, "loaded \(loaded), failed \(failed)")
    }
}
