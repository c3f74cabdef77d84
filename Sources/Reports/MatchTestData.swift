import Interchange
import CareModel
import Dispatch
import Matching

/// "Test this match" for the meeting's page: for each child or sibling group, the full
/// evaluation (every hard rule with its values, every criterion with its points and reason, as
/// `hearth explain` prints them) against every household shown for it and the nearest
/// `MeetingPage.testableHouseholdsPerUnit` within the distance limit, precomputed by
/// `Matcher.evaluate` so that the page's numbers are the engine's, never recomputed in script.
///
/// The page carries them as one JSON island (strings shared through a table, since most rule
/// details and reasons repeat): `rules` and `criteria` labels, `households` ([id, heading]),
/// `strings`, and `units`, one array per unit in page order of pairs
/// `[household, score, [rule detail x 8], failed-rule bits, [points x 9], [reason x 9]]`.
struct MatchTestData {
    struct Pair {
        var household: Int
        var evaluation: MatchEvaluation
    }

    let households: [Household]
    /// Per unit (page order), the households it can be tested with, nearest first.
    let pairs: [[Pair]]

    /// - Complexity: units x households distances, plus one reference evaluation per pair.
    init(units: [MeetingPage.UnitView], households: [Household], policy: MatchPolicy) {
        self.households = households
        let index = Dictionary(households.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let locations = households.map(\.location)
        var result = [[Pair]](repeating: [], count: units.count)
        let limit = MeetingPage.testableHouseholdsPerUnit
        result.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(base: buffer.baseAddress!)
            let chunks = max(1, min(units.count, 32))
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for u in (c * units.count / chunks)..<((c + 1) * units.count / chunks) {
                    let unit = units[u]
                    let home = unit.group.children[0].home
                    var shown = Set(unit.entries.compactMap { index[$0.placement.household] })
                    shown.formUnion(unit.shortlist.candidates.compactMap { index[$0.household] })
                    shown.formUnion(unit.shortlist.nearMisses.compactMap { index[$0.household] })
                    // The nearest `wanted` within the limit, kept sorted by insertion (equal miles
                    // in input order): O(households) when, as usual, few displace the furthest kept.
                    let wanted = max(0, limit - shown.count)
                    var near: [(miles: Double, h: Int)] = []
                    near.reserveCapacity(wanted + 1)
                    for h in locations.indices where wanted > 0 && !shown.contains(h) {
                        let miles = home.distanceMiles(to: locations[h])
                        guard miles <= policy.maxDistanceMiles else { continue }
                        if near.count == wanted, let last = near.last, !((miles, h) < last) { continue }
                        var at = near.count
                        while at > 0 && (miles, h) < near[at - 1] { at -= 1 }
                        near.insert((miles, h), at: at)
                        if near.count > wanted { near.removeLast() }
                    }
                    var chosen = near + shown.map { (home.distanceMiles(to: locations[$0]), $0) }
                    chosen.sort { $0 < $1 }
                    (out.base + u).pointee = chosen.map { Pair(household: $0.h, evaluation: Matcher.evaluate(unit.group, households[$0.h], policy: policy)) }
                }
            }
        }
        pairs = result
    }

    /// The `<option>`s of unit `u`'s household picker: id, miles, provider, whether it passes.
    func options(unit u: Int) -> String {
        var o = "<option value=\"\">choose a household</option>"
        for (k, p) in pairs[u].enumerated() {
            let h = households[p.household]
            let verdict = p.evaluation.feasible ? "passes every rule, \(MeetingWords.fixed(p.evaluation.score, 2))"
                : "fails \(p.evaluation.failedRules.count) rule\(p.evaluation.failedRules.count == 1 ? "" : "s")"
            o += "<option value=\"\(k)\">\(MeetingPage.escape(h.id.rawValue)) · \(MeetingWords.fixed(p.evaluation.distanceMiles, 1)) miles · \(MeetingWords.provider(h.provider)) · \(verdict)</option>"
        }
        return o
    }

    /// The heading of a match test: "Household H7: in-house, 2 of 3 places free, ages 0-10, available".
    static func heading(_ h: Household) -> String {
        "Household \(h.id.rawValue): \(MeetingWords.provider(h.provider)), \(h.freePlaces) of \(h.places) places free, "
            + "ages \(h.ageRange.lowerBound)-\(h.ageRange.upperBound), \(h.status == .available ? "available" : "on hold")"
    }

    /// One match test as HTML; the page's script builds exactly this markup from the JSON island.
    static func explainHTML(_ h: Household, _ e: MatchEvaluation) -> String {
        let esc = MeetingPage.escape
        var o = "<div class=\"explain\"><p class=\"explain-head\">\(esc(heading(h)))</p>"
        o += "<table class=\"rules\"><caption>Hard rules</caption><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Result</th><th scope=\"col\">Values</th></tr></thead><tbody>"
        for c in e.checks {
            o += "<tr class=\"\(c.passed ? "pass" : "fail")\"><th scope=\"row\">\(esc(MeetingWords.rule(c.rule)))</th><td>\(c.passed ? "✓ passes" : "✗ fails")</td><td>\(esc(c.detail))</td></tr>"
        }
        o += "</tbody></table>"
        o += e.feasible ? "<p class=\"verdict ok\">✓ Possible: every rule passed</p>"
            : "<p class=\"verdict no\">✗ Not possible: fails \(esc(e.failedRules.map(MeetingWords.rule).joined(separator: ", ")))</p>"
        o += "<table class=\"criteria\"><caption>Criteria: points out of the weight</caption><thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\">Points</th><th scope=\"col\">Out of</th><th scope=\"col\">Why</th></tr></thead><tbody>"
        for c in e.breakdown {
            o += "<tr><th scope=\"row\">\(esc(MeetingWords.criterion(c.criterion)))</th><td>\(MeetingWords.fixed(c.points, 2))</td><td>\(c.weight > 0 ? MeetingPage.weightText(c.weight) : "")</td><td>\(esc(c.reason))</td></tr>"
        }
        o += "</tbody><tfoot><tr><th scope=\"row\">Score</th><td>\(MeetingWords.fixed(e.score, 2))</td><td>100</td><td></td></tr></tfoot></table></div>"
        return o
    }

    /// The JSON island read by the page's script.
    func island() -> String {
        var strings: [String] = []
        var stringIndex: [String: Int] = [:]
        func s(_ text: String) -> Int {
            if let i = stringIndex[text] { return i }
            strings.append(text)
            stringIndex[text] = strings.count - 1
            return strings.count - 1
        }
        var usedHouseholds: [Int: Int] = [:]
        var householdRows: [String] = []
        var unitTexts: [String] = []
        unitTexts.reserveCapacity(pairs.count)
        for list in pairs {
            var rows: [String] = []
            rows.reserveCapacity(list.count)
            for p in list {
                let hIndex: Int
                if let known = usedHouseholds[p.household] { hIndex = known } else {
                    let h = households[p.household]
                    householdRows.append("[\(Self.quote(h.id.rawValue)),\(Self.quote(Self.heading(h)))]")
                    hIndex = householdRows.count - 1
                    usedHouseholds[p.household] = hIndex
                }
                let e = p.evaluation
                var failedBits = 0
                for (r, c) in e.checks.enumerated() where !c.passed { failedBits |= 1 << r }
                let criteria = e.breakdown.filter { $0.criterion != splitPenaltyKey }
                rows.append("[\(hIndex),\(MeetingWords.fixed(e.score, 2)),[" + e.checks.map { String(s($0.detail)) }.joined(separator: ",")
                    + "],\(failedBits),[" + criteria.map { MeetingWords.fixed($0.points, 2) }.joined(separator: ",")
                    + "],[" + criteria.map { String(s($0.reason)) }.joined(separator: ",") + "]]")
            }
            unitTexts.append("[" + rows.joined(separator: ",") + "]")
        }
        let policyWeights = pairs.lazy.flatMap { $0 }.first?.evaluation.breakdown.filter { $0.criterion != splitPenaltyKey } ?? []
        var o = "<script type=\"application/json\" id=\"match-tests\">{\"rules\":["
        o += HardRule.allCases.map { Self.quote(MeetingWords.rule($0)) }.joined(separator: ",")
        o += "],\"criteria\":[" + policyWeights.map { "[\(Self.quote(MeetingWords.criterion($0.criterion))),\(Self.quote(MeetingPage.weightText($0.weight)))]" }.joined(separator: ",")
        o += "],\"households\":[" + householdRows.joined(separator: ",")
        o += "],\"strings\":[" + strings.map(Self.quote).joined(separator: ",")
        o += "],\"units\":[" + unitTexts.joined(separator: ",\n") + "]}</script>"
        return o
    }

    /// A JSON string literal safe inside an HTML script element (`<` written as `\u003c`).
    static func quote(_ s: String) -> String { JSONText.quote(s, insideHTMLScript: true) }
}

/// A pointer handed to concurrent workers that each write their own disjoint elements.
struct SendablePointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
