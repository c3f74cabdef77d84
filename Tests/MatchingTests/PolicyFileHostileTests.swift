import CareModel
import Foundation
import Interchange
@testable import Matching
import Testing

/// Policy files built to trap or hang are refused with located messages.
@Suite struct PolicyFileHostileTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try PolicyFile.parse(Array(text.utf8), file: "p.json")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// A whole-number field of 1e300 trapped converting to Int.
    @Test func hugeWholeNumbersAreOutOfRange() {
        #expect(problems("{\n\"candidate_limit\": 1e300\n}") == ["p.json:2: field \"candidate_limit\" 1e300: expected a whole number 1-100000"])
        #expect(problems(#"{"teenage_from": 9223372036854775808}"#) == ["p.json:1: field \"teenage_from\" 9223372036854775808: expected a whole number 0-17"])
        #expect(problems(#"{"exploitation_age_gap": 2.5}"#) == ["p.json:1: field \"exploitation_age_gap\" 2.5: expected a whole number 0-17"])
        #expect(problems(#"{"max_distance_miles": 1e400}"#) == ["p.json:1: field \"max_distance_miles\" 1e400: expected a number 0.1-1000"])
    }

    /// Two fields that contradict each other are reported at the line of the one named (or, when
    /// only the other is in the file, at that one's line).
    @Test func contradictoryFieldsAreLocated() {
        #expect(problems("{\n\"school_near_miles\": 100,\n\"school_far_miles\": 1\n}")
            == ["p.json:3: school_far_miles 1 is not above school_near_miles 100: expected far > near"])
        #expect(problems("{\n\"_note\": \"x\",\n\"school_near_miles\": 100\n}").first?.hasPrefix("p.json:3: school_far_miles ") == true)
        #expect(problems("{\n\"near_distance_miles\": 900,\n\"max_distance_miles\": 5\n}")
            == ["p.json:2: near_distance_miles 900 is more than max_distance_miles 5: expected at most the limit"])
        #expect(problems("{\"max_distance_miles\": 1}").first?.hasPrefix("p.json:1: near_distance_miles ") == true)
    }

    @Test func syntaxAndNestingAreLocated() {
        #expect(problems("{\n  \"max_distance_miles\": 40,\n  \"x\" 1\n}") == ["p.json:3: not valid JSON at line 3, column 7: expected : after \"x\""])
        #expect(problems(String(repeating: "[", count: 200_000)).first?.contains("nested more than 64 levels deep") == true)
        let many = "{" + (0..<100_000).map { "\"k\($0)\": 1" }.joined(separator: ",") + "}"
        let began = Date()
        #expect(problems(many).count == 501)
        #expect(Date().timeIntervalSince(began) < 20)
    }

    /// Random damage to the default policy's text never traps; every refusal points at a line
    /// of the file, and every policy accepted is inside every range.
    @Test func fuzzedPoliciesAreRefusedOrSane() {
        let text = Array(PolicyFile.render(.default).utf8)
        let damage = ["1e300", "-1", "9223372036854775808", "\"", "{", "[", ",", "\n", "0", "1.5", "null", "é"]
        var rng = Xoshiro256StarStar(seed: 77)
        var accepted = 0
        var refused = 0
        for _ in 0..<5_000 {
            var bytes = text
            let at = Draw.integer(in: 0...bytes.count - 1, using: &rng)
            let piece = Array(damage[Draw.integer(in: 0...damage.count - 1, using: &rng)].utf8)
            if Draw.integer(in: 0...2, using: &rng) == 0 { bytes.remove(at: at) } else { bytes.insert(contentsOf: piece, at: at) }
            let lines = 1 + bytes.filter { $0 == 10 }.count
            do {
                let policy = try PolicyFile.parse(bytes, file: "p.json")
                accepted += 1
                #expect((1...100_000).contains(policy.candidateLimit) && (0...17).contains(policy.teenageFrom))
                #expect(policy.maxDistanceMiles.isFinite && abs(policy.weights.total - 100) < 1e-6)
            } catch {
                refused += 1
                for p in error.problems { #expect(p.line.map { (1...lines).contains($0) } ?? true, "\(p)") }
            }
        }
        #expect(accepted + refused == 5_000 && accepted > 0 && refused > 0)
    }
}
