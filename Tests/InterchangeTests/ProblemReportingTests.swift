import CareModel
import Foundation
import Interchange
import Testing

/// Problems are all reported, in order, up to a limit; and the reader ends cleanly there.
@Suite struct ProblemReportingTests {
    static let header = "child_id,age,sex,home_lat,home_lon,placement\n"

    @Test func everyBadRowIsReportedInLineOrder() {
        var text = Self.header
        for i in 0..<50 { text += "C\(i),\(i % 2 == 0 ? "x\(i)" : "5"),F,51.5,-2.5,\(i % 2 == 1 ? "never" : "respite")\n" }
        do {
            _ = try ChildrenFile.parse(Array(text.utf8), file: "c.csv")
            Issue.record("accepted")
        } catch {
            #expect(error.problems.count == 50)
            #expect(error.problems.map(\.line) == Array(2...51))
            for (i, problem) in error.problems.enumerated() {
                #expect(problem.field == (i % 2 == 0 ? "age" : "placement"))
            }
        }
    }

    @Test func listingStopsCleanlyAfterTheLimit() {
        var text = Self.header
        for i in 0..<2000 { text += "C\(i),99,F,51.5,-2.5,respite\n" }
        do {
            _ = try ChildrenFile.parse(Array(text.utf8), file: "c.csv")
            Issue.record("accepted")
        } catch {
            #expect(error.problems.count == 501)
            #expect(error.problems.dropLast().map(\.line) == Array(2...501))
            #expect(error.problems.dropLast().allSatisfy { $0.message == "age \"99\": expected a whole number 0-17" })
            let last = error.problems.last!
            #expect(last.line == nil && last.message.contains("too many problems") && last.message.contains("500"))
        }
    }

    @Test func theLimitAlsoHoldsForQuotingProblems() {
        var text = Self.header
        for i in 0..<700 { text += "C\(i),5,F,51.5,-2.5,res\"pite\n" }
        do {
            _ = try ChildrenFile.parse(Array(text.utf8), file: "c.csv")
            Issue.record("accepted")
        } catch {
            #expect(error.problems.count == 501)
            #expect(error.problems.first?.field == "placement")
        }
    }

    @Test func messageFollowsTheContractForm() {
        let text = Self.header + "C1,5,F,51.5,-2.5,respite\n" + String(repeating: "C2,5,F,51.5,-2.5,respite\n", count: 12) + "C14,17y,F,51.5,-2.5,respite\n"
        do {
            _ = try ChildrenFile.parse(Array(text.utf8), file: "children.csv")
            Issue.record("bad input accepted")
        } catch {
            #expect(error.problems.map(\.description).contains("children.csv:15: age \"17y\": expected a whole number 0-17"))
        }
    }

    @Test func wrongKindOfFileIsNamedBothWays() throws {
        let households = "household_id,provider,lat,lon,places,occupied,min_age,max_age,approvals,status\n"
        #expect(throws: InvalidInput.self) { try ChildrenFile.parse(Array(households.utf8), file: "c.csv") }
        do {
            _ = try ChildrenFile.parse(Array(households.utf8), file: "c.csv")
            Issue.record("bad input accepted")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems[0].message.hasPrefix("this is a households file"))
        }
        do {
            _ = try HouseholdsFile.parse(Array(Self.header.utf8), file: "h.csv")
            Issue.record("bad input accepted")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems[0].message.hasPrefix("this is a children file"))
        }
        // Without a telling file name, validate goes by the header.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try households.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try InputValidation.validate(path: path) == "0 households")
        #expect(InputValidation.expectedKind(path: "/x/children.csv") == .children)
        #expect(InputValidation.expectedKind(path: "/x/Gloucs-Households-2026.csv") == .households)
        #expect(InputValidation.expectedKind(path: "/x/children_and_households.csv") == nil)
    }

    @Test func missingAndUnreadableFilesAreReported() throws {
        #expect(throws: InvalidInput.self) { try InputValidation.validate(path: "/nonexistent/children.csv") }
        do {
            _ = try InputValidation.validate(path: FileManager.default.temporaryDirectory.path)
            Issue.record("bad input accepted")
        } catch {
            #expect(error.problems.first?.message.contains("directory") == true)
        }
    }
}

/// Problems found out of line order are listed in line order, also past the limit.
@Suite struct ProblemOrderTests {
    @Test func fieldCountProblemsFoundFirstAreListedInLineOrder() {
        // Rows with a wrong field count are found while the table is built, before the rows
        // with bad values; the listing must interleave them by line.
        var text = "child_id,age,sex,home_lat,home_lon,placement\n"
        for i in 0..<40 { text += i % 3 == 0 ? "C\(i),5,F,51.5\n" : "C\(i),x,F,51.5,-2.5,respite\n" }
        do {
            _ = try ChildrenFile.parse(Array(text.utf8), file: "c.csv")
            Issue.record("bad input accepted")
        } catch {
            let lines = error.problems.compactMap(\.line)
            #expect(lines == Array(2...41))
        }
    }

    @Test func theFirstLinesAreKeptWhenMoreThanTheLimitArriveOutOfOrder() {
        var text = "child_id,age,sex,home_lat,home_lon,placement\n"
        // Odd lines have the wrong field count (found first), even lines a bad age (found later).
        for i in 0..<1200 { text += i % 2 == 0 ? "C\(i),5\n" : "C\(i),x,F,51.5,-2.5,respite\n" }
        do {
            _ = try ChildrenFile.parse(Array(text.utf8), file: "c.csv")
            Issue.record("bad input accepted")
        } catch {
            #expect(error.problems.count == 501)
            #expect(error.problems.dropLast().map(\.line) == Array(2...501).map { Optional($0) })
        }
    }
}

/// A file that merely shares a column with the other kind is not called that kind.
@Suite struct WrongKindTests {
    @Test func childrenInCareSnapshotIsNotCalledAHouseholdsFile() {
        let snapshot = "child_id,age,sex,age_at_entry,months_in_care,placement_type,household_id,district,home_lat,home_lon\nC1,5,F,3,20,in_house,H1,Stroud,51.7,-2.2\n"
        do {
            _ = try ChildrenFile.parse(Array(snapshot.utf8), file: "children_in_care.csv")
            Issue.record("accepted")
        } catch {
            #expect(error.problems.map(\.message) == ["missing required column \"placement\""])
        }
    }
}
