import CareModel
import Foundation
import HearthCLI
import Interchange
import Testing

/// What a person reads from `hearth match`, over several generated counties: the terminal table,
/// the CSV's `reasons` column and the JSON's `reasons` say everything in words (no snake_case
/// token, no `code:` label, no `a;b` code list), and no terminal line passes 100 characters.
@Suite struct MatchReadableOutputTests {
    /// Every code of the input files and the engine's rules and criteria (from the CSV's header
    /// and `failed_rules` column), for the `code:` check.
    static func codes(csvHeader: [String], failedRules: [String]) -> Set<String> {
        var codes = Set(PlacementRequest.allCases.map(\.rawValue) + Provider.allCases.map(\.rawValue) + HouseholdStatus.allCases.map(\.rawValue))
        codes.formUnion(Needs.tokens.map(\.1) + Skills.tokens.map(\.1) + Approvals.tokens.map(\.1))
        if let from = csvHeader.firstIndex(of: "distance_miles"), let to = csvHeader.firstIndex(of: "failed_rules") {
            codes.formUnion(csvHeader[(from + 1)..<to])
        }
        codes.formUnion(failedRules.flatMap { $0.split(separator: ";").map(String.init) })
        return codes
    }

    /// The codes found in `text`: snake_case tokens, `code:` labels and `a;b` lists.
    static func codeProblems(_ text: String, codes: Set<String>) -> [String] {
        var found: [String] = []
        let snake = try! NSRegularExpression(pattern: "\\b[a-z0-9]+(_[a-z0-9]+)+\\b")
        let list = try! NSRegularExpression(pattern: "\\b[a-z]+;[a-z]+\\b")
        let label = try! NSRegularExpression(pattern: "\\b([a-z_]+):")
        let range = NSRange(text.startIndex..., in: text)
        for pattern in [snake, list] {
            for m in pattern.matches(in: text, range: range) { found.append(String(text[Range(m.range, in: text)!])) }
        }
        for m in label.matches(in: text, range: range) {
            let word = String(text[Range(m.range(at: 1), in: text)!])
            if codes.contains(word) { found.append(word + ":") }
        }
        return found
    }

    @Test(arguments: [3, 11, 29])
    func everyReasonIsWordsAndEveryLineFits(seed: Int) throws {
        let directory = NSTemporaryDirectory() + "hearth-readable-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["generate", "--out", directory, "--seed", String(seed)], console: console) == 0, "\(output.stderr)")
        let children = directory + "/children.csv", households = directory + "/households.csv"
        let (tableConsole, table) = Console.capturing()
        #expect(Hearth.run(["match", children, households, "--top", "5", "--out", directory + "/out"], console: tableConsole) == 0, "\(table.stderr)")

        let csv = try String(contentsOfFile: directory + "/out/match.csv", encoding: .utf8)
        let parsed = CSV.parse(Array(csv.utf8), file: "match.csv")
        #expect(parsed.problems.isEmpty)
        let rows = parsed.records.map(\.fields)
        let header = rows[0]
        let reasonsColumn = try #require(header.firstIndex(of: "reasons"))
        let failedColumn = try #require(header.firstIndex(of: "failed_rules"))
        let codes = Self.codes(csvHeader: header, failedRules: rows.dropFirst().map { $0[failedColumn] })
        #expect(codes.contains("free_places") && codes.contains("approval_fit"))

        // The terminal table: words, and every line within 100 characters.
        let lines = table.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count > 100)
        for line in lines {
            #expect(line.count <= 100, "\(line.count) characters: \(line)")
            let problems = Self.codeProblems(line, codes: codes)
            #expect(problems.isEmpty, "codes \(problems) in: \(line)")
        }
        // The CSV's reasons, for candidates, near misses and children not placed.
        var reasonsSeen = 0
        for row in rows.dropFirst() where !row[reasonsColumn].isEmpty {
            reasonsSeen += 1
            let problems = Self.codeProblems(row[reasonsColumn], codes: codes)
            #expect(problems.isEmpty, "codes \(problems) in the CSV's reasons: \(row[reasonsColumn])")
        }
        #expect(reasonsSeen > 50)
        // The JSON's reasons (unplaced units and near misses).
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/out/match.json"))) as? [String: Any])
        var jsonReasons: [String] = []
        for entry in (json["unplaced"] as? [[String: Any]]) ?? [] { jsonReasons += (entry["reasons"] as? [String]) ?? [] }
        for list in (json["shortlists"] as? [[String: Any]]) ?? [] {
            for miss in (list["near_misses"] as? [[String: Any]]) ?? [] { jsonReasons += (miss["reasons"] as? [String]) ?? [] }
        }
        #expect(!jsonReasons.isEmpty)
        for reason in jsonReasons {
            let problems = Self.codeProblems(reason, codes: codes)
            #expect(problems.isEmpty, "codes \(problems) in the JSON's reasons: \(reason)")
        }
    }

    /// The checks find what they are for: codes in sentences the old words had.
    @Test func theCodeCheckFindsCodes() {
        let codes: Set<String> = ["free_places", "solo", "approval"]
        #expect(Self.codeProblems("short_term carer", codes: codes) == ["short_term"])
        #expect(Self.codeProblems("nearest miss H3: free_places: needs 2 places", codes: codes).contains("free_places:"))
        #expect(Self.codeProblems("solo: nobody else placed", codes: codes) == ["solo:"])
        #expect(Self.codeProblems("carers have trauma;teenagers skills", codes: codes) == ["trauma;teenagers"])
        #expect(Self.codeProblems("nearest miss IH0038 has 2 free places of the 4 needed", codes: codes).isEmpty)
        #expect(Self.codeProblems("R0001: no household passes every rule; nearest misses:", codes: codes).isEmpty)
    }
}
