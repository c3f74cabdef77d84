@testable import Calibration
import CareModel
import Foundation
import Interchange
import Simulation
import Testing

@Suite struct SSDA903ReaderTests {
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/ssda903/\(name)", withExtension: nil)!.path
    }

    @Test func malformedFilesAreReportedWithFileLineAndField() throws {
        let directory = Self.fixture("malformed")
        let files = try SSDA903Reader.locate(directory: directory)
        do {
            _ = try SSDA903Reader.read(files)
            Issue.record("a malformed return was accepted")
        } catch {
            let text = error.problems.map(\.description)
            let header = files.header[0], episodes = files.episodes[0]
            #expect(text.contains("\(header):3: SEX \"X\": expected 1 or 2 (before 2024/25), or M, F or U"))
            #expect(text.contains("\(episodes):3: DECOM \"2022-13-45\": expected a date DD/MM/YYYY or YYYY-MM-DD"))
            #expect(text.contains("\(episodes):4: RNE \"Q\": expected one of S, L, P, T, B, U"))
            #expect(text.contains { $0.hasPrefix("\(episodes):5: 6 fields: expected 13") })
            #expect(error.problems.first { $0.line == 3 && $0.file == episodes }?.field == "decom")
            #expect(error.problems.count == 4)
        }
    }

    @Test func missingColumnsAndBrokenQuotingAreMalformed() {
        var data = SSDA903Return()
        let missing = SSDA903Reader.parseEpisodes(Array("CHILD,DECOM,RNE,LS,PLACE,DEC\nA,01/01/2020,S,C2,U6,\n".utf8), file: "e.csv", into: &data)
        #expect(missing.problems.map(\.description) == ["e.csv:1: missing required column \"rec\""])
        let quoting = SSDA903Reader.parseHeader(Array("CHILD,SEX,DOB\nA,1,\"01/01/2010\n".utf8), file: "h.csv", into: &data)
        #expect(quoting.problems.first?.line == 2)
        #expect(data.headers.isEmpty && data.episodes.isEmpty)
    }

    @Test func dfeStyleNamesInYearFoldersAreFoundAndStacked() throws {
        let imported = try SSDA903Import.load(directory: Self.fixture("dfe-names"))
        #expect(imported.files.header.count == 2 && imported.files.episodes.count == 2 && imported.files.uasc.count == 1)
        #expect(imported.centroids?["HR4"] != nil)
        let byChild = Dictionary(uniqueKeysWithValues: imported.histories.map { ($0.child, $0) })
        // 103 had a short break only.
        #expect(Set(byChild.keys) == ["101", "102", "104"])
        // 101: the open 2023 row is superseded by the closed 2024 row; the L episode merges.
        let p101 = try #require(byChild["101"]?.periods.first)
        #expect(byChild["101"]!.periods.count == 1)
        #expect(p101.placements.map(\.type) == [.inHouseFoster, .ifaFoster])
        #expect(p101.end == CalendarDay(year: 2024, month: 2, day: 1) && p101.reasonEnded == "E45")
        // 102 appears in both years: the second copy is a duplicate.
        #expect(byChild["102"]!.periods.count == 1 && byChild["102"]!.periods[0].end == nil)
        #expect(imported.report.count(.duplicate) >= 3)  // two header rows and one episode
        #expect(imported.report.count(.superseded) == 1)
        #expect(byChild["104"]!.isUASC && byChild["104"]!.periods[0].placements[0].type == .supported)
        #expect(byChild["101"]!.sex == .male && byChild["102"]!.sex == .female)
    }

    @Test func syntheticReturnRoundTripsThroughCSV() throws {
        var spec = SyntheticReturnSpec(from: CalendarDay(year: 2020, month: 4, day: 1)!, to: CalendarDay(year: 2026, month: 3, day: 31)!)
        spec.entriesPerYear = [20, 30, 30, 40, 20]
        for iso in [false, true] {
            let synthetic = SyntheticReturnGenerator.generate(spec, seed: 21)
            let tables = SSDA903Writer.render(synthetic.data, isoDates: iso)
            var data = SSDA903Return()
            #expect(SSDA903Reader.parseHeader(Array(tables.header.utf8), file: "header.csv", into: &data).problems.isEmpty)
            #expect(SSDA903Reader.parseEpisodes(Array(tables.episodes.utf8), file: "episodes.csv", into: &data).problems.isEmpty)
            #expect(SSDA903Reader.parseUASC(Array(tables.uasc.utf8), file: "uasc.csv", into: &data).problems.isEmpty)
            #expect(data.headers == synthetic.data.headers)
            #expect(data.episodes == synthetic.data.episodes)
            #expect(data.uasc == synthetic.data.uasc)
            // Both code eras are written: SEX 1/2 and M/F, H5/P2 and K3, Z11-Z14.
            let sexes = Set(tables.header.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[1] })
            #expect(sexes.isSuperset(of: ["1", "2", "M", "F"]))
            let places = Set(data.episodes.map(\.place))
            #expect(places.contains("K3") && (places.contains("H5") || places.contains("P2")))
            #expect(places.contains { ["Z11", "Z12", "Z13", "Z14"].contains($0) })
        }
    }
}
