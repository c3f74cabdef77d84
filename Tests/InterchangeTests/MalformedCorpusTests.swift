import CareModel
import Foundation
import Interchange
import Testing

/// Every malformed fixture is rejected with exactly the problems its manifest rows list, each
/// at the right line and field; every valid fixture is accepted.
@Suite struct MalformedCorpusTests {
    @Test func manifestCoversEveryFixtureAndTheCorpusIsLarge() throws {
        let manifest = try Fixtures.manifest()
        let files = try Fixtures.csvFiles(in: Fixtures.malformed)
        #expect(Set(files) == Set(manifest.keys))
        #expect(files.count >= 40)
    }

    @Test func everyMalformedFileReportsExactlyItsExpectedProblems() throws {
        for (name, expected) in try Fixtures.manifest().sorted(by: { $0.key < $1.key }) {
            let path = Fixtures.malformed.appendingPathComponent(name).path
            do {
                let summary = try InputValidation.validate(path: path)
                Issue.record("\(name) was accepted (\(summary))")
            } catch {
                let problems = error.problems
                #expect(problems.count == expected.count, "\(name): \(problems.map(\.description))")
                var unmatched = problems
                for want in expected {
                    let index = unmatched.firstIndex {
                        $0.line == want.line && $0.field == want.field && $0.message.contains(want.text)
                    }
                    if let index {
                        unmatched.remove(at: index)
                    } else {
                        Issue.record("\(name): no problem matches \(want); got \(problems.map { "\($0) [\($0.field ?? "-")]" })")
                    }
                }
                for problem in problems {
                    #expect(problem.file == path)
                    if let field = problem.field { #expect(problem.message.contains(field), "\(problem)") }
                    // Every message says what was expected; "missing required column" says it by itself.
                    #expect(problem.message.contains("expected") || problem.message.hasPrefix("missing required column"), "\(problem)")
                }
            }
        }
    }

    @Test func everyValidFileIsAccepted() throws {
        let files = try Fixtures.csvFiles(in: Fixtures.valid)
        #expect(files.count >= 8)
        for name in files {
            let path = Fixtures.valid.appendingPathComponent(name).path
            do {
                _ = try InputValidation.validate(path: path)
            } catch {
                Issue.record("\(name) was rejected: \(error)")
            }
        }
    }

    @Test func validFilesReadToTheValuesWritten() throws {
        func children(_ name: String) throws -> [Child] {
            try ChildrenFile.read(path: Fixtures.valid.appendingPathComponent(name).path)
        }
        func households(_ name: String) throws -> [Household] {
            try HouseholdsFile.read(path: Fixtures.valid.appendingPathComponent(name).path)
        }
        let crlf = try children("children_crlf_with_bom.csv")
        #expect(crlf.map(\.id) == ["C1", "C2", "C3", "C4"])
        #expect(crlf[0].home == Location(latitude: 51.86421, longitude: -2.2382))
        #expect(crlf[0].school == Location(latitude: 51.86, longitude: -2.24))
        #expect(crlf[1].school == nil && crlf[1].groupID == "G1" && crlf[1].placement == .longTerm)
        #expect(crlf[2].needs == [.disability, .complex])
        #expect(crlf[3].needs == [.exploitationRisk, .solo] && crlf[3].sex == .unknown && crlf[3].language == "Polish")
        #expect(crlf.allSatisfy { $0.ethnicity?.hasSuffix("\r") != true })

        let quoted = try children("children_quoted_district_with_comma_quote_and_newline.csv")
        #expect(quoted[0].district == "Stroud, \"Upper\"\nValley")
        #expect(quoted.count == 3)

        let extra = try children("children_extra_columns_and_blank_lines.csv")
        #expect(extra.map(\.id) == ["C1", "C2", "C3"])

        let header = try children("children_header_in_other_case_and_spacing.csv")
        #expect(header.map(\.age) == [7] && header[0].home.longitude == -2.2382)

        #expect(try children("children_header_only.csv").isEmpty)
        let minimal = try children("children_required_columns_only_no_final_newline.csv")
        #expect(minimal == [Child(id: "C9", age: 0, sex: .male, home: Location(latitude: 51.5, longitude: -2.5), placement: .respite)])

        let homes = try households("households_crlf_with_bom.csv")
        #expect(homes.map(\.id) == ["H1", "H2", "H3"])
        #expect(homes[0].residentAges == [4, 9] && homes[0].weeklyCost == 450 && homes[0].approvals == [.shortTerm, .emergency])
        #expect(homes[2].status == .onHold && homes[2].weeklyCost == nil && homes[2].ageRange == 0...4)
        #expect(try households("households_header_only.csv").isEmpty)
        let quotedHomes = try households("households_quoted_fields_and_extra_column.csv")
        #expect(quotedHomes[0].district == "Forest of Dean, \"West\"\r\nSide")
    }
}
