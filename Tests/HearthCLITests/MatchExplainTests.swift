import Foundation
import HearthCLI
import Testing

private func run(_ args: [String]) -> (Int32, String, String) {
    let (console, output) = Console.capturing()
    let code = Hearth.run(args, console: console)
    return (code, output.stdout, output.stderr)
}

/// The FAIL lines of an explain output, as rule names.
private func failedRules(_ out: String) -> [String] {
    out.split(separator: "\n").filter { $0.hasPrefix("  FAIL  ") }.map { String($0.dropFirst(8).split(separator: " ")[0]) }
}

@Test func explainNamesTheExactFailingRules() throws {
    let f = try MatchFixture(
        children: MatchFixture.childrenHeader + """
            A1,,14,M,51.86,-2.24,,,,long_term,,,,0,
            A2,,7,F,51.86,-2.24,,,,short_term,disability;solo,,,0,
            A3,,15,F,51.86,-2.24,,,,short_term,exploitation_risk,,,0,
            S1,S,4,F,51.86,-2.24,,,,short_term,,,,0,
            S2,S,6,F,51.86,-2.24,,,,short_term,,,,0,

            """,
        households: MatchFixture.householdsHeader + """
            H1,in_house,51.87,-2.24,,2,0,0,10,short_term,,available,,,,
            H2,in_house,51.87,-2.24,,3,1,0,17,short_term,trauma,available,9,,,
            H3,in_house,52.86,-2.24,,1,0,0,17,short_term,,on_hold,,,,

            """)
    let cases: [(String, String, [String], String)] = [
        ("A1", "H1", ["age_range", "approval"], "age 14 outside approved 0-10"),
        ("A2", "H2", ["required_skills", "solo"], "needs carers approved for disability"),
        ("A3", "H2", ["exploitation_risk"], "resident aged 9 is 6 years younger (limit 3)"),
        ("S1", "H3", ["household_available", "free_places", "distance"], "needs 2 places, has 1 free"),
        ("S2", "H1", [], "=> feasible"),
    ]
    for (child, household, rules, text) in cases {
        let (code, out, err) = run(["explain", f.childrenPath, f.householdsPath, "--child", child, "--household", household])
        #expect(code == 0, "\(err)")
        #expect(failedRules(out) == rules, "\(child) \(household): \(out)")
        #expect(out.contains(text), "\(child) \(household)")
        // Every rule and criterion is listed, with a score line.
        // Every rule on its own pass/FAIL line, in the documented order; FAIL exactly for the failed ones.
        let lines = out.split(separator: "\n").map(String.init)
        let ruleLines = lines.filter { $0.hasPrefix("  pass  ") || $0.hasPrefix("  FAIL  ") }
        let allRules = ["household_available", "free_places", "age_range", "approval", "required_skills", "solo", "exploitation_risk", "distance"]
        #expect(ruleLines.map { String($0.dropFirst(8).split(separator: " ")[0]) } == allRules, "\(child) \(household)")
        #expect(ruleLines.filter { $0.hasPrefix("  pass  ") }.count == allRules.count - rules.count)
        // Every criterion on its own line, in the documented order.
        let allCriteria = ["distance_from_home", "same_district", "same_school", "age_fit", "culture_language", "extra_skills", "in_house", "approval_fit", "urgency"]
        let criterionLines = lines.compactMap { line in allCriteria.first { line.hasPrefix("  \($0) ") } }
        #expect(criterionLines == allCriteria, "\(child) \(household)")
    }
}

@Test func explainPointsAddUpToTheScore() throws {
    let f = try MatchFixture.county()
    let (code, out, _) = run(["explain", f.childrenPath, f.householdsPath, "--child", "C3", "--household", "H2"])
    #expect(code == 0)
    var sum = 0.0
    var score = -1.0
    for line in out.split(separator: "\n") where line.hasPrefix("  ") {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 3 else { continue }
        if parts[0] == "score" { score = Double(parts[2]) ?? -1; continue }
        if ["distance_from_home", "same_district", "same_school", "age_fit", "culture_language", "extra_skills", "in_house", "approval_fit", "urgency"].contains(String(parts[0])) {
            sum += Double(parts[2]) ?? 0
        }
    }
    #expect(score > 0)
    #expect(abs(sum - score) < 0.005)
}

@Test func explainUnknownIdsAreUsageErrors() throws {
    let f = try MatchFixture.county()
    let (code, _, err) = run(["explain", f.childrenPath, f.householdsPath, "--child", "NOPE", "--household", "H1"])
    #expect(code == 2)
    #expect(err.contains("--child \"NOPE\": no child with that child_id"))
    let (code2, _, err2) = run(["explain", f.childrenPath, f.householdsPath, "--child", "C1", "--household", "H99"])
    #expect(code2 == 2)
    #expect(err2.contains("--household \"H99\": no household with that household_id"))
    #expect(run(["explain", f.childrenPath, f.householdsPath, "--child", "C1"]).0 == 2)
}
