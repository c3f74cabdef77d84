import Foundation
import HearthCLI
import Testing

private func run(_ args: [String]) -> (Int32, String, String) {
    let (console, output) = Console.capturing()
    let code = Hearth.run(args, console: console)
    return (code, output.stdout, output.stderr)
}

@Test func matchJSONHasSpecShapeAndAddsUp() throws {
    let f = try MatchFixture.county()
    let (code, out, err) = run(["match", f.childrenPath, f.householdsPath, "--format", "json", "--top", "4"])
    #expect(code == 0, "\(err)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    for key in ["placements", "unplaced", "shortlists", "total_score", "baseline"] { #expect(json[key] != nil, "\(key)") }
    let placements = try #require(json["placements"] as? [[String: Any]])
    var total = 0.0
    var placedChildren: [String] = []
    for p in placements {
        let score = try #require(p["score"] as? Double)
        total += score
        placedChildren += try #require(p["children"] as? [String])
        let breakdown = try #require(p["breakdown"] as? [String: Double])
        #expect(abs(breakdown.values.reduce(0, +) - score) < 0.005)
    }
    #expect(abs(total - (json["total_score"] as? Double ?? -1)) < 0.006 * Double(placements.count))
    // The brothers and sisters of G1 are placed together.
    let g1 = placements.first { ($0["children"] as? [String])?.contains("C1") == true }
    let g1Children = g1?["children"] as? [String]
    #expect(g1Children == ["C1", "C2"])
    // C11 lives 60+ miles away: no household within the limit, so unplaced with a reason.
    let unplaced = try #require(json["unplaced"] as? [[String: Any]])
    let c11 = unplaced.first { ($0["children"] as? [String]) == ["C11"] }
    let c11Reasons = (c11?["reasons"] as? [String]) ?? []
    #expect(c11Reasons.joined().contains("no household passes every rule"))
    let shortlists = try #require(json["shortlists"] as? [[String: Any]])
    #expect(shortlists.count == 9)  // 12 children in 9 units (two sibling groups)
    for s in shortlists {
        let candidates = try #require(s["candidates"] as? [[String: Any]])
        #expect(candidates.count <= 4)
        let scores = candidates.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        for c in candidates {
            let breakdown = try #require(c["breakdown"] as? [String: Double])
            #expect(abs(breakdown.values.reduce(0, +) - (c["score"] as? Double ?? -1)) < 0.005)
        }
    }
}

@Test func matchOutputIsByteIdenticalAcrossRuns() throws {
    let f = try MatchFixture.county()
    for format in ["json", "csv", "table"] {
        let a = run(["match", f.childrenPath, f.householdsPath, "--format", format])
        let b = run(["match", f.childrenPath, f.householdsPath, "--format", format])
        #expect(a.0 == 0 && a.1 == b.1 && !a.1.isEmpty)
    }
}

@Test func matchTableShowsShortlistsPlanAndGain() throws {
    let f = try MatchFixture.county()
    let (code, out, _) = run(["match", f.childrenPath, f.householdsPath])
    #expect(code == 0)
    #expect(out.contains("SHORTLISTS"))
    #expect(out.contains("JOINT PLAN"))
    #expect(out.contains("GAIN OVER GREEDY"))
    #expect(out.contains("nearest misses"))
    // Each difference says in words whether the plan is better: more children, groups together
    // and score are better; more splits, miles and children over 20 miles are worse.
    let lowerIsBetter = ["sibling groups split", "mean miles from home", "children over 20 miles"]
    let gain = out.components(separatedBy: "GAIN OVER GREEDY")[1].split(separator: "\n").dropFirst(2)
    #expect(gain.count == 6)
    for line in gain {
        let fields = line.split(separator: " ").map(String.init)
        let label = fields.dropLast(4).joined(separator: " ")
        let plan = try #require(Double(fields[fields.count - 4])), greedy = try #require(Double(fields[fields.count - 3]))
        let expected = plan == greedy ? "same" : (plan > greedy) != lowerIsBetter.contains(label) ? "better" : "worse"
        #expect(fields.last == expected, "\(line)")
    }
}

@Test func matchCSVHasOneColumnPerCriterion() throws {
    let f = try MatchFixture.county()
    let (code, out, _) = run(["match", f.childrenPath, f.householdsPath, "--format", "csv"])
    #expect(code == 0)
    let header = out.split(separator: "\n").first.map(String.init) ?? ""
    #expect(header.hasPrefix("section,children,household,rank,round,score,distance_miles,distance_from_home,"))
    #expect(out.contains("\nplacement,C1;C2,"))
}

@Test func badPolicyIsReportedWithFileLineAndField() throws {
    let f = try MatchFixture(children: MatchFixture.childrenHeader, households: MatchFixture.householdsHeader,
        policy: "{\n  \"max_distance_miles\": \"far\",\n  \"weights\": {\"distance_from_home\": 40},\n  \"colour\": 1\n}\n")
    let (code, out, err) = run(["match", f.childrenPath, f.householdsPath, "--policy", f.policyPath])
    #expect(code == 2)
    #expect(out.isEmpty)
    #expect(err.contains("policy.json:2: field \"max_distance_miles\" \"far\": expected a number"))
    #expect(err.contains("policy.json:4: unknown field \"colour\""))
}

@Test func policyWeightsMustAddUpTo100() throws {
    let f = try MatchFixture(children: MatchFixture.childrenHeader, households: MatchFixture.householdsHeader,
        policy: "{\"weights\": {\"distance_from_home\": 40}}")
    let (code, _, err) = run(["match", f.childrenPath, f.householdsPath, "--policy", f.policyPath])
    #expect(code == 2)
    #expect(err.contains("weights add up to 110: expected 100"))
    let broken = try MatchFixture(children: MatchFixture.childrenHeader, households: MatchFixture.householdsHeader, policy: "{\"weights\": ")
    let (code2, _, err2) = run(["match", broken.childrenPath, broken.householdsPath, "--policy", broken.policyPath])
    #expect(code2 == 2)
    #expect(err2.contains("policy.json:1: not valid JSON"))
}

@Test func policyChangesTheOutcome() throws {
    let f = try MatchFixture(children: MatchFixture.childrenHeader + "C1,,7,M,51.86,-2.24,,,,short_term,,,,0,\n",
        households: MatchFixture.householdsHeader + "H1,in_house,52.10,-2.24,,1,0,0,17,short_term,,available,,,,\n",
        policy: "{\"max_distance_miles\": 10, \"near_distance_miles\": 5}")
    let (code, out, _) = run(["match", f.childrenPath, f.householdsPath, "--format", "json"])
    #expect(code == 0 && out.contains("\"household\": \"H1\""))
    let (code2, out2, _) = run(["match", f.childrenPath, f.householdsPath, "--format", "json", "--policy", f.policyPath])
    #expect(code2 == 0 && out2.contains("\"placements\": []"))
}

@Test func matchUsageErrors() {
    #expect(run(["match", "only-one.csv"]).0 == 2)
    #expect(run(["match", "a.csv", "b.csv", "--format", "xml"]).2.contains("expected table, json or csv"))
    #expect(run(["match", "--help"]).1.contains("--top K"))
}

@Test func matchCopesWithEmptyInputs() throws {
    let empty = try MatchFixture(children: MatchFixture.childrenHeader, households: MatchFixture.householdsHeader)
    let (code, out, _) = run(["match", empty.childrenPath, empty.householdsPath, "--format", "json"])
    #expect(code == 0 && out.contains("\"placements\": []"))
    let noHomes = try MatchFixture(children: MatchFixture.childrenHeader + "C1,,7,M,51.86,-2.24,,,,short_term,,,,0,\n",
                                   households: MatchFixture.householdsHeader)
    let (code2, out2, _) = run(["match", noHomes.childrenPath, noHomes.householdsPath])
    #expect(code2 == 0 && out2.contains("0 of 1 children placed"))
}

@Test func documentedPolicyExampleIsAccepted() throws {
    // The full example of docs/matching.md (every field at its default).
    let policy = """
        {
          "max_distance_miles": 50, "near_distance_miles": 20,
          "school_near_miles": 5, "school_far_miles": 15,
          "exploitation_age_gap": 3, "skill_required_needs": ["disability", "complex"],
          "teenage_from": 13, "age_fit_span_years": 10, "urgent_days": 90,
          "long_term_carer_for_short_request_fit": 0.3, "split_penalty": 20, "candidate_limit": 48,
          "weights": { "distance_from_home": 30, "same_district": 5, "same_school": 15, "age_fit": 10,
                       "culture_language": 10, "extra_skills": 10, "in_house": 10, "approval_fit": 5,
                       "urgency": 5 }
        }
        """
    let county = try MatchFixture.county()
    let f = try MatchFixture(children: try String(contentsOfFile: county.childrenPath, encoding: .utf8),
                             households: try String(contentsOfFile: county.householdsPath, encoding: .utf8), policy: policy)
    let withPolicy = run(["match", f.childrenPath, f.householdsPath, "--format", "json", "--policy", f.policyPath])
    let without = run(["match", f.childrenPath, f.householdsPath, "--format", "json"])
    #expect(withPolicy.0 == 0, "\(withPolicy.2)")
    // Every field at its default: the same result as no policy file.
    #expect(withPolicy.1 == without.1)
}
