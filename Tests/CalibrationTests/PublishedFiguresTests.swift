import Foundation
import Interchange
import Testing
@testable import Calibration

/// The DfE and Ofsted readers: both DfE layouts, the Ofsted wide layout, council choice,
/// suppression and located errors.
struct PublishedFiguresTests {
    func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/published/\(name)", withExtension: nil)!.path
    }

    /// Two different figures for one measure and year in a file (two releases pasted together)
    /// are an error at the later line, naming the earlier; the same figure twice is accepted,
    /// and across files the later file's figure replaces the earlier's, as documented.
    @Test func conflictingFiguresInAFileAreRefused() throws {
        let dir = NSTemporaryDirectory() + "published-conflict-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try String(contentsOfFile: fixture("dfe-old-layout.csv"), encoding: .utf8)
        let lines = original.split(separator: "\n").count
        let row = { (n: Int) in "2023,Reporting year,Local authority,E92000001,England,E12000009,South West,916,Gloucestershire,E10000013,CLA on 31 March,Total,\(n),100\n" }
        try (original + row(900)).write(toFile: dir + "/conflict.csv", atomically: true, encoding: .utf8)
        do {
            _ = try PublishedFiguresFile.load([dir + "/conflict.csv"], council: "916")
            Issue.record("a conflicting figure was accepted")
        } catch {
            #expect(error.problems.map(\.description) == [
                "\(dir)/conflict.csv:\(lines + 1): children_in_care 2023 for Gloucestershire \"900\": expected one figure per measure and year in a file (\(dir)/conflict.csv:3 gives 865)",
            ])
        }
        try (original + row(865)).write(toFile: dir + "/repeated.csv", atomically: true, encoding: .utf8)
        #expect(try PublishedFiguresFile.load([dir + "/repeated.csv"], council: "916").figure(.childrenInCare, year: 2023)?.value == 865)
        let header = String(original.prefix { $0 != "\n" }) + "\n"
        try (header + row(900)).write(toFile: dir + "/revised.csv", atomically: true, encoding: .utf8)
        let revised = try PublishedFiguresFile.load([fixture("dfe-old-layout.csv"), dir + "/revised.csv"], council: "916")
        #expect(revised.figure(.childrenInCare, year: 2023)?.value == 900)
        // The other council's rows in the file do not conflict with this one's.
        #expect(try PublishedFiguresFile.load([dir + "/conflict.csv"], council: "917").figure(.childrenInCare, year: 2023)?.value == 1210)
    }

    @Test func readsTheOldDfELayoutForTheChosenCouncilOnly() throws {
        for code in ["916", "E10000013", "gloucestershire"] {
            let figures = try PublishedFiguresFile.load([fixture("dfe-old-layout.csv")], council: code)
            #expect(figures.council == "Gloucestershire")
            #expect(figures.figure(.childrenInCare, year: 2023)?.value == 865)
            #expect(figures.figure(.ceased, year: 2023)?.value == 301)
            #expect(figures.figure(.ageUnder1, year: 2023)?.value == 45)
            #expect(figures.figure(.age16Plus, year: 2023)?.value == 240)
            #expect(figures.figure(.fosterPlacements, year: 2023)?.value == 590)
            #expect(figures.figure(.residentialPlacements, year: 2023)?.value == 95)
            // "c" is suppressed: missing, not zero. Gender rows are not used.
            #expect(figures.figure(.otherPlacements, year: 2023) == nil)
            #expect(figures.all.count == 6)
            #expect(figures.figure(.childrenInCare, year: 2023)?.source.hasSuffix("dfe-old-layout.csv:3") == true)
        }
        let other = try PublishedFiguresFile.load([fixture("dfe-old-layout.csv")], council: "917")
        #expect(other.figure(.childrenInCare, year: 2023)?.value == 1210)
        #expect(other.figure(.ceased, year: 2023) == nil)
    }

    @Test func severalCouncilsNeedAChoiceAndAnUnknownOneIsNamed() {
        #expect(throws: InvalidInput.self) { try PublishedFiguresFile.load([fixture("dfe-old-layout.csv")]) }
        do {
            _ = try PublishedFiguresFile.load([fixture("dfe-old-layout.csv")], council: "999")
            Issue.record("999 is not in the file")
        } catch {
            #expect(error.description.contains("--la \"999\": expected a council in the files"))
            #expect(error.description.contains("Gloucestershire (916, E10000013)"))
        }
    }

    @Test func readsTheNewDfELayoutWithFinancialYearPeriods() throws {
        let figures = try PublishedFiguresFile.load([fixture("dfe-new-layout.csv")])
        #expect(figures.figure(.started, year: 2024)?.value == 292)
        #expect(figures.figure(.ceased, year: 2024)?.value == 320)
        // "low" is suppressed; placements made during the year are not the 31 March distance.
        #expect(figures.figure(.ceased, year: 2023) == nil)
        #expect(figures.figure(.over20Miles, year: 2024) == nil)
    }

    @Test func aLaterFileRevisesAnEarlierOne() throws {
        let figures = try PublishedFiguresFile.load([fixture("dfe-old-layout.csv"), fixture("dfe-new-layout.csv")], council: "916")
        #expect(figures.figure(.ceased, year: 2023)?.value == 301, "a suppressed revision keeps the earlier figure")
        #expect(figures.figure(.started, year: 2024)?.value == 292)
        #expect(figures.figure(.childrenInCare, year: 2023)?.value == 865)
    }

    @Test func readsOfstedWideLayoutWithTheYearFromTheFileName() throws {
        let figures = try PublishedFiguresFile.load([fixture("ofsted-fostering_2019.csv")], council: "Gloucestershire")
        #expect(figures.figure(.fosterHouseholds, year: 2019)?.value == 305)
        #expect(figures.figure(.fosterPlaces, year: 2019)?.value == 570)
        #expect(figures.figure(.filledPlaces, year: 2019)?.value == 345)
        #expect(figures.figure(.enquiries, year: 2019)?.value == 380)
        #expect(figures.figure(.deregistrations, year: 2019) == nil, "'..' is suppressed, not zero")
        #expect(figures.all.count == 4, "households approved for 1 child is not the household count")
        let other = try PublishedFiguresFile.load([fixture("ofsted-fostering_2019.csv")], council: "somewhere else")
        #expect(other.figure(.fosterPlaces, year: 2019) == nil)
        #expect(other.figure(.deregistrations, year: 2019)?.value == 15)
        // A code finds the name through a DfE file read alongside.
        let both = try PublishedFiguresFile.load([fixture("dfe-old-layout.csv"), fixture("ofsted-fostering_2019.csv")], council: "916")
        #expect(both.figure(.fosterHouseholds, year: 2019)?.value == 305)
        #expect(both.figure(.childrenInCare, year: 2023)?.value == 865)
    }

    @Test func badCellsAreLocatedAndNothingIsReturned() {
        do {
            _ = try PublishedFiguresFile.load([fixture("dfe-bad.csv")])
            Issue.record("expected errors")
        } catch {
            let lines = error.problems.map(\.description)
            #expect(lines.count == 2, "\(lines)")
            #expect(lines.contains { $0.contains("dfe-bad.csv:2") && $0.contains("number \"eight hundred\": expected a count") })
            #expect(lines.contains { $0.contains("dfe-bad.csv:3") && $0.contains("time_period \"2024/25\": expected a year such as 2024 or 202324") })
        }
    }

    @Test func aFileOfAnotherKindIsNamedAsSuch() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-published-\(UUID().uuidString).csv").path
        try "child_id,age\nC1,4\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: InvalidInput.self) { try PublishedFiguresFile.load([path]) }
        do { _ = try PublishedFiguresFile.load([path]) } catch {
            #expect(error.description.contains(":1: not a published table: expected the DfE's long layout"))
        }
    }

    @Test func theProjectsCountyFileHoldsThePublishedSeries() throws {
        let figures = try PublishedFiguresFile.load([PublishedHistoryCheck.countyFile], council: "E10000013")
        #expect(figures.years(.childrenInCare) == Array(2018...2024))
        #expect(figures.years(.ceased).map { figures.figure(.ceased, year: $0)!.value } == [242, 275, 346, 290, 315, 301, 320])
        #expect(figures.figure(.supportedPlacements, year: 2022)?.value == 85)
        #expect(figures.figure(.outsideBoundary, year: 2021)?.value == 223)
    }
}
