@testable import Calibration
import CareModel
import Interchange
import Simulation
import Testing

/// Crafted returns, one per cleaning rule: each checks what was used and what was reported.
@Suite struct SSDA903CleaningTests {
    static let headerColumns = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
    static let episodeColumns = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"

    /// Reads crafted tables and cleans them.
    func clean(header: String, episodes: String, uasc: String? = nil) throws -> (histories: [CareHistory], report: CleaningReport) {
        var data = SSDA903Return()
        let h = SSDA903Reader.parseHeader(Array((Self.headerColumns + header).utf8), file: "header.csv", into: &data)
        let e = SSDA903Reader.parseEpisodes(Array((Self.episodeColumns + episodes).utf8), file: "episodes.csv", into: &data)
        #expect(h.problems.isEmpty && e.problems.isEmpty, "\(h.problems + e.problems)")
        if let uasc {
            let u = SSDA903Reader.parseUASC(Array(("CHILD,SEX,DOB,DUC\n" + uasc).utf8), file: "uasc.csv", into: &data)
            #expect(u.problems.isEmpty)
        }
        return SSDA903Cleaning.histories(from: data)
    }

    func issue(_ report: CleaningReport, line: Int, _ action: CleaningReport.Action, file: String = "episodes.csv") -> CleaningReport.Issue? {
        report.issues.first { $0.line == line && $0.action == action && $0.file == file }
    }

    @Test func shortBreaksAreDropped() throws {
        let (histories, report) = try clean(
            header: "A,1,01/01/2010,WBRI,,0,\nB,2,01/01/2012,WBRI,,0,\n",
            episodes: """
                A,01/05/2020,S,V3,N1,U6,PR1,03/05/2020,E8,,GL1,GL2,
                A,01/06/2020,S,C2,N1,U6,PR1,01/06/2021,E4A,,GL1,GL2,
                B,01/05/2020,S,V4,N1,U6,PR1,04/05/2020,E8,,GL1,GL2,

                """)
        #expect(histories.map(\.child) == ["A"])
        #expect(histories[0].periods.count == 1)
        #expect(histories[0].periods[0].start == CalendarDay(year: 2020, month: 6, day: 1))
        let a = try #require(issue(report, line: 2, .dropped))
        #expect(a.column == "LS" && a.file == "episodes.csv" && a.reason.contains("short break"))
        #expect(issue(report, line: 4, .dropped)?.column == "LS")
    }

    @Test func legalStatusOnlyChangesAreMerged() throws {
        let (histories, report) = try clean(
            header: "A,M,2015-03-01,,,,\n",
            episodes: """
                A,01/01/2020,S,C1,N1,U6,PR1,01/03/2020,X1,,GL1,GL2,
                A,01/03/2020,L,C2,N1,U6,PR1,01/06/2020,X1,,GL1,GL2,
                A,01/06/2020,P,C2,N1,U6,PR4,01/01/2021,E4A,CARPL,GL1,GL3,

                """)
        let period = try #require(histories.first?.periods.first)
        #expect(period.placements.count == 2)
        #expect(period.placements[0].end == CalendarDay(year: 2020, month: 6, day: 1))
        #expect(period.placements[1].type == .ifaFoster)
        #expect(period.moves == 1)
        #expect(period.reasonEnded == "E4A")
        #expect(issue(report, line: 3, .merged)?.column == "RNE")
        #expect(report.episodesUsed == 2)
    }

    @Test func overlapsTruncateTheEarlierEpisode() throws {
        let (histories, report) = try clean(
            header: "A,1,01/01/2010,,,,\n",
            episodes: """
                A,01/01/2020,S,C2,N1,U6,PR1,01/09/2020,X1,,GL1,GL2,
                A,01/06/2020,P,C2,N1,R1,PR1,,,,GL1,GL5,

                """)
        let period = try #require(histories.first?.periods.first)
        #expect(period.placements.count == 2)
        #expect(period.placements[0].end == CalendarDay(year: 2020, month: 6, day: 1))
        #expect(period.placements[1].type == .residential)
        #expect(period.end == nil)
        let truncated = try #require(issue(report, line: 2, .truncated))
        #expect(truncated.column == "DEC")
        // An open episode followed by another is truncated too.
        let (h2, r2) = try clean(
            header: "B,2,01/01/2010,,,,\n",
            episodes: "B,01/01/2020,S,C2,N1,U6,PR1,,,,GL1,GL2,\nB,01/03/2020,P,C2,N1,U4,PR1,01/04/2021,E11,,GL1,GL2,\n")
        #expect(h2[0].periods.count == 1 && h2[0].periods[0].moves == 1 && h2[0].periods[0].reasonEnded == "E11")
        #expect(issue(r2, line: 2, .truncated) != nil)
    }

    @Test func identicalRowsAreDeduplicatedAndNewerVersionsSupersede() throws {
        let (histories, report) = try clean(
            header: "A,1,01/01/2010,,,,\nA,1,01/01/2010,,,,\n",
            episodes: """
                A,01/01/2020,S,C2,N1,U6,PR1,,,,GL1,GL2,
                A,01/01/2020,S,C2,N1,U6,PR1,01/01/2021,E4A,,GL1,GL2,
                A,01/01/2020,S,C2,N1,U6,PR1,01/01/2021,E4A,,GL1,GL2,

                """)
        #expect(histories[0].periods.count == 1)
        #expect(histories[0].periods[0].end == CalendarDay(year: 2021, month: 1, day: 1))
        #expect(issue(report, line: 2, .superseded) != nil)  // the open version
        #expect(issue(report, line: 4, .duplicate) != nil)
        #expect(issue(report, line: 3, .duplicate, file: "header.csv")?.column == "CHILD")
        #expect(report.episodesUsed == 1)
    }

    @Test func unusableRowsAreReportedWithFileLineColumnAndWhy() throws {
        let (histories, report) = try clean(
            header: "A,1,01/01/2010,,,,\n,2,01/01/2011,,,,\nC,2,,,,,\n",
            episodes: """
                A,01/01/2020,S,C2,N1,U6,PR1,01/01/2019,E4A,,GL1,GL2,
                Z,01/01/2020,S,C2,N1,U6,PR1,,,,GL1,GL2,
                A,01/01/2009,S,C2,N1,U6,PR1,01/01/2009,E4A,,GL1,GL2,
                ,01/01/2020,S,C2,N1,U6,PR1,,,,GL1,GL2,
                A,,S,C2,N1,U6,PR1,,,,GL1,GL2,
                A,01/02/2020,S,C2,N1,QQ,PR1,,,,GL1,GL2,

                """)
        #expect(issue(report, line: 2, .dropped)?.column == "DEC")
        #expect(issue(report, line: 3, .dropped)?.reason.contains("not in the Header") == true)
        #expect(issue(report, line: 4, .dropped)?.column == "DECOM")
        #expect(issue(report, line: 5, .dropped)?.column == "CHILD")
        #expect(issue(report, line: 6, .dropped)?.column == "DECOM")
        #expect(issue(report, line: 7, .noted)?.column == "PLACE")
        let headerIssues = report.issues.filter { $0.file == "header.csv" }
        #expect(Set(headerIssues.map(\.line)) == [3, 4])
        // Only the unknown-PLACE episode is usable, read as an `other` placement.
        #expect(histories.count == 1 && histories[0].periods[0].placements[0].type == .other)
        #expect(report.description(of: 7).contains("episodes.csv:7: PLACE"))
    }

    @Test func bothCodeErasAreRead() throws {
        let (histories, report) = try clean(
            header: "A,1,01/01/2008,,,,\nB,F,2009-05-01,,,,\nC,U,01/01/2010,,,,\n",
            episodes: """
                A,01/01/2020,S,C2,N1,H5,PR4,01/06/2024,X1,,GL1,GL2,
                A,01/06/2024,P,C2,N1,K3,PR4,,,,GL1,GL2,
                B,2025-05-01,S,C2,N1,P2,PR4,2025-06-01,X1,,GL1,GL2,
                B,2025-06-01,P,C2,N1,Z12,PR4,,,,GL1,GL2,
                C,01/05/2025,S,C2,N1,U6,PR4,,,,GL1,GL2,

                """)
        #expect(histories.map(\.sex) == [.male, .female, .unknown])
        #expect(histories[0].periods[0].placements.map(\.type) == [.supported, .supported])
        #expect(histories[1].periods[0].placements.map(\.type) == [.supported, .other])
        #expect(histories[2].periods[0].placements[0].type == .ifaFoster)
        // Z11-Z14 are other placements, not errors; P2 after 2025/26 is noted.
        #expect(!report.issues.contains { $0.line == 5 })
        #expect(issue(report, line: 4, .noted)?.reason.contains("withdrawn") == true)
    }

    @Test func periodsOfCareAndUASC() throws {
        let (histories, report) = try clean(
            header: "A,1,01/01/2006,,,,\n",
            episodes: """
                A,01/01/2018,P,C2,N1,U6,PR1,01/01/2019,X1,,GL1,GL2,
                A,01/01/2019,P,C2,N1,U4,PR1,01/07/2019,E4A,,GL1,GL2,
                A,01/01/2020,S,V2,N1,U6,PR4,01/02/2020,X1,,GL1,GL2,
                A,01/04/2020,P,V2,N1,R1,PR4,,,,GL1,GL2,

                """,
            uasc: "A,1,01/01/2006,\n")
        let h = try #require(histories.first)
        #expect(h.isUASC)
        #expect(h.periods.count == 3)
        #expect(!h.periods[0].startObserved)  // data begins mid-period
        #expect(h.periods[0].moves == 1)
        #expect(h.periods[1].startObserved && h.periods[1].end == CalendarDay(year: 2020, month: 2, day: 1))
        #expect(h.periods[2].startObserved && h.periods[2].end == nil)
        #expect(issue(report, line: 4, .noted)?.column == "REC")  // X1 then a gap
    }
}

extension CleaningReport {
    /// Every issue on `line`, as printed.
    func description(of line: Int) -> String {
        issues.filter { $0.line == line && $0.file == "episodes.csv" }.map(\.description).joined(separator: "\n")
    }
}
