import CareModel
import Foundation
import Matching
import Reports
import Simulation
import Testing

/// The synthetic county of `hearth generate --seed 7` with its shortlists and plans.
struct MeetingCase {
    let groups: [SiblingGroup]
    let households: [Household]
    let policy: MatchPolicy
    let inputs: MeetingInputs
    let html: String

    init(seed: UInt64, referrals: Int = 50, bound: PlanBound? = nil) {
        var profile = CountyProfile.default
        profile.referrals = referrals
        let county = CountyGenerator.generate(profile: profile, seed: seed)
        groups = SiblingGroup.groups(of: county.referrals)
        households = county.households
        policy = .default
        let shortlists = Matcher.shortlists(groups: groups, households: households, policy: policy, top: 3)
        let (plan, _, greedy) = Matcher.plans(groups: groups, households: households, policy: policy)
        inputs = MeetingInputs(groups: groups, households: households, policy: policy, shortlists: shortlists, plan: plan, greedy: greedy, bound: bound)
        html = MeetingPage.render(inputs)
    }

    static let county = MeetingCase(seed: 7)

    func household(_ id: String) -> Household? { households.first { $0.id.rawValue == id } }
}

/// The text between `start` and the next `end` after each occurrence of `start`.
func slices<S: StringProtocol>(_ text: S, from start: String, to end: String) -> [Substring] where S.SubSequence == Substring {
    var result: [Substring] = []
    var rest = text[...]
    while let s = rest.range(of: start) {
        guard let e = rest[s.upperBound...].range(of: end) else { break }
        result.append(rest[s.upperBound..<e.lowerBound])
        rest = rest[e.upperBound...]
    }
    return result
}

/// HTML text back to plain text (the page escapes &, <, > and ").
func unescape(_ s: Substring) -> String {
    s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
}

/// Two decimals, independently of the page's formatter.
func two(_ x: Double) -> String { String(format: "%.2f", x + (x >= 0 ? 1e-9 : -1e-9)) }

@Test func meetingPageIsSelfContainedAndPrintable() {
    let html = MeetingCase.county.html
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    let lower = html.lowercased()
    for forbidden in ["http:", "https:", "<link", "<img", "<iframe", "url(", "@import", " src=", "//cdn"] {
        #expect(!lower.contains(forbidden), "the page contains \(forbidden)")
    }
    // Every link stays inside the page.
    for href in slices(html, from: "href=\"", to: "\"") { #expect(href.hasPrefix("#"), "link to \(href)") }
    // Scripts are inline only: the JSON island and one small script.
    #expect(lower.components(separatedBy: "<script").count - 1 == 2)
    #expect(html.contains("@media print") && html.contains("size: A4 portrait"))
    #expect(html.contains("section.unit { break-before: page;"))
    // Readable with scripts off: the interactive parts start hidden and the tests are in <details>.
    for tag in slices(html, from: "<nav class=\"toolbar\"", to: ">") + slices(html, from: "<div class=\"tester\"", to: ">") {
        #expect(tag.contains("hidden"))
    }
    #expect(MeetingPage.render(MeetingCase.county.inputs) == html, "same inputs, same bytes")
}

@Test func everyUnitIsPresentMostUrgentFirstWithIdentifiersOnly() throws {
    let c = MeetingCase.county
    let sections = slices(c.html, from: "<section class=\"unit\"", to: "</section>")
    #expect(sections.count == c.groups.count)
    var seen: [String] = []
    for s in sections {
        let id = try #require(slices(s, from: "data-unit=\"", to: "\"").first)
        seen.append(unescape(id))
        // Headings and table headers in every unit.
        #expect(s.contains("<h2>") && s.contains("<h3>") && s.contains("scope=\"col\""))
    }
    #expect(Set(seen) == Set(c.groups.map(\.id.rawValue)) && seen.count == Set(seen).count)
    // Most urgent first: emergencies, then the longest wait.
    let byID = Dictionary(uniqueKeysWithValues: c.groups.map { ($0.id.rawValue, $0) })
    let keys = seen.map { (byID[$0]!.placement == .emergency ? 0 : 1, -byID[$0]!.daysWaiting) }
    for (a, b) in zip(keys, keys.dropFirst()) { #expect(a <= b) }
    // The overview has one row per unit, linking to its section.
    let rows = slices(c.html, from: "<tr data-unit=\"", to: "</tr>")
    #expect(rows.count == c.groups.count)
    for (row, id) in zip(rows, seen) { #expect(row.hasPrefix(id.replacingOccurrences(of: "&", with: "&amp;") + "\"")) }
    // The plan summary comes before every unit, with both plans' figures.
    let plan = try #require(c.html.range(of: "<section id=\"plan\""))
    let firstUnit = try #require(c.html.range(of: "<section class=\"unit\""))
    #expect(plan.lowerBound < firstUnit.lowerBound)
    let a = c.inputs.plan.statistics, b = c.inputs.greedy.statistics
    let total = a.childrenPlaced + a.childrenUnplaced
    #expect(c.html.contains("<th scope=\"row\">Children placed</th><td>\(a.childrenPlaced) of \(total)</td><td>\(b.childrenPlaced) of \(total)</td>"))
    #expect(c.html.contains("<th scope=\"row\">Total score</th><td>\(two(a.totalScore))</td><td>\(two(b.totalScore))</td>"))
    #expect(c.html.contains("<th scope=\"row\">Children placed over 20 miles</th><td>\(a.childrenOver20Miles)</td><td>\(b.childrenOver20Miles)</td>"))
    // The bound is the planner's own proof: claimed exactly when the plan carries one.
    if let bound = c.inputs.plan.bound {
        #expect(c.html.contains("<p class=\"bound\">") && c.html.contains("within \(MeetingWords.fixed(bound.gap * 100, 1))% of the best possible"))
        #expect(bound.childrenPossible == a.childrenPlaced, "the optimal planner places every child any plan could")
    } else {
        #expect(!c.html.contains("class=\"bound\"") && !c.html.contains("best possible"))
    }
}

/// Every match test printed in the page (the static <details>) equals `Matcher.evaluate`, the
/// engine behind `hearth explain`: each rule's result and values, each criterion's points and
/// reason, the score.
@Test func everyStaticMatchTestEqualsTheEvaluator() throws {
    let c = MeetingCase.county
    let byID = Dictionary(uniqueKeysWithValues: c.groups.map { ($0.id.rawValue, $0) })
    var checked = 0
    for s in slices(c.html, from: "<section class=\"unit\"", to: "</section>") {
        let group = try #require(byID[unescape(slices(s, from: "data-unit=\"", to: "\"")[0])])
        for d in slices(s, from: "<details><summary>", to: "</details>") {
            let id = try #require(slices(d, from: "<p class=\"explain-head\">Household ", to: ":").first)
            let household = try #require(c.household(unescape(id)))
            let e = Matcher.evaluate(group, household, policy: c.policy)
            let rules = slices(d, from: "<tr class=\"", to: "</tr>")
            #expect(rules.count == e.checks.count)
            for (row, check) in zip(rules, e.checks) {
                #expect(row.hasPrefix(check.passed ? "pass\"" : "fail\""))
                #expect(row.contains(check.passed ? "✓ passes" : "✗ fails"))
                #expect(unescape(row).hasSuffix("<td>\(check.detail)</td>"), "\(row) vs \(check.detail)")
            }
            let criteriaTable = try #require(slices(d, from: "<table class=\"criteria\">", to: "<tfoot>").first)
            let criteria = slices(criteriaTable, from: "<tr><th scope=\"row\">", to: "</tr>")
            #expect(criteria.count == e.breakdown.count)
            for (row, part) in zip(criteria, e.breakdown) {
                #expect(row.contains("</th><td>\(two(part.points))</td>"), "\(row) vs \(part.points)")
                #expect(unescape(row).hasSuffix("<td>\(part.reason)</td>"))
            }
            #expect(d.contains("<tfoot><tr><th scope=\"row\">Score</th><td>\(two(e.score))</td>"))
            #expect(d.contains(e.feasible ? "✓ Possible" : "✗ Not possible"))
            checked += 1
        }
    }
    #expect(checked >= c.groups.count)
}

/// The comparison tables: every shortlisted household's score is the evaluator's, and the
/// plan's proposals carry the plan's own scores.
@Test func comparisonScoresEqualTheEvaluatorAndThePlan() throws {
    let c = MeetingCase.county
    let byID = Dictionary(uniqueKeysWithValues: c.groups.map { ($0.id.rawValue, $0) })
    var proposals = 0, candidates = 0
    for s in slices(c.html, from: "<section class=\"unit\"", to: "</section>") {
        let group = try #require(byID[unescape(slices(s, from: "data-unit=\"", to: "\"")[0])])
        guard let table = slices(s, from: "<table class=\"compare\">", to: "</table>").first else { continue }
        let heads = slices(table, from: "<th scope=\"col\"", to: "</th>").dropFirst()
        let scoreRow = try #require(slices(table, from: "<tr class=\"score\">", to: "</tr>").first)
        let scores = slices(scoreRow, from: "<span class=\"pts\">", to: "</span>")
        #expect(heads.count == scores.count)
        for (head, score) in zip(heads, scores) {
            let id = unescape(head.split(separator: "</span> ", maxSplits: 1)[1].split(separator: "<")[0])
            let household = try #require(c.household(id.trimmingCharacters(in: .whitespaces)))
            if head.hasPrefix(" class=\"proposed\"") {
                let entry = try #require(c.inputs.plan.entries.first { $0.placement.household == household.id && $0.group.childIDs.allSatisfy(group.childIDs.contains) })
                #expect(String(score) == two(entry.placement.score))
                proposals += 1
            } else {
                #expect(String(score) == two(Matcher.evaluate(group, household, policy: c.policy).score))
                #expect(Matcher.evaluate(group, household, policy: c.policy).feasible)
                candidates += 1
            }
        }
    }
    #expect(proposals == c.inputs.plan.entries.count)
    #expect(candidates > 0)
}

/// "Test this match" for any household: the JSON island holds, for each unit, the nearest
/// households within the distance limit (and every household shown), each exactly as the
/// evaluator gives it.
@Test func everyPickableMatchTestEqualsTheEvaluator() throws {
    let c = MeetingCase.county
    let island = try #require(slices(c.html, from: "<script type=\"application/json\" id=\"match-tests\">", to: "</script>").first)
    let data = try #require(try JSONSerialization.jsonObject(with: Data(island.utf8)) as? [String: Any])
    let strings = try #require(data["strings"] as? [String])
    let households = try #require(data["households"] as? [[String]])
    let units = try #require(data["units"] as? [[[Any]]])
    let order = slices(c.html, from: "<section class=\"unit\" id=\"", to: "\"").count
    #expect(units.count == order)
    let sectionIDs = slices(c.html, from: "<section class=\"unit\"", to: ">").map { unescape(slices($0, from: "data-unit=\"", to: "\"")[0]) }
    let byID = Dictionary(uniqueKeysWithValues: c.groups.map { ($0.id.rawValue, $0) })
    for (u, pairs) in units.enumerated() {
        let group = try #require(byID[sectionIDs[u]])
        let home = group.children[0].home
        let within = c.households.filter { home.distanceMiles(to: $0.location) <= c.policy.maxDistanceMiles }
        #expect(pairs.count >= min(MeetingPage.testableHouseholdsPerUnit, within.count))
        var listed: Set<String> = []
        for p in pairs {
            let id = households[p[0] as! Int][0]
            listed.insert(id)
            let h = try #require(c.household(id))
            let e = Matcher.evaluate(group, h, policy: c.policy)
            #expect(two(p[1] as! Double) == two(e.score))
            let details = (p[2] as! [Int]).map { strings[$0] }
            #expect(details == e.checks.map(\.detail))
            let bits = p[3] as! Int
            #expect(e.checks.enumerated().allSatisfy { r, check in ((bits >> r) & 1 == 1) == !check.passed })
            let points = p[4] as! [Double]
            #expect(points.map(two) == e.breakdown.map { two($0.points) })
            #expect((p[5] as! [Int]).map { strings[$0] } == e.breakdown.map(\.reason))
        }
        // The nearest households within the limit are all there.
        let nearest = within.sorted { home.distanceMiles(to: $0.location) < home.distanceMiles(to: $1.location) }
            .prefix(MeetingPage.testableHouseholdsPerUnit / 2)
        for h in nearest { #expect(listed.contains(h.id.rawValue), "unit \(group.id) misses nearby \(h.id)") }
    }
}

@Test func boundLineAppearsOnlyFromARealBound() {
    let plain = MeetingCase.county
    let stats = plain.inputs.plan.statistics
    let childScore = plain.inputs.plan.bound?.childScore ?? stats.totalScore
    let bound = PlanBound(childrenPossible: stats.childrenPlaced, childScore: childScore, childScoreBound: childScore / 0.95, optimal: false, nodes: 1)
    let withBound = MeetingPage.render(MeetingInputs(
        groups: plain.groups, households: plain.households, policy: plain.policy, shortlists: plain.inputs.shortlists,
        plan: plain.inputs.plan, greedy: plain.inputs.greedy, bound: bound))
    #expect(withBound.contains("<p class=\"bound\">No plan could place more children; the score is within 5.0% of the best possible"))
    let short = PlanBound(childrenPossible: stats.childrenPlaced + 2, childScore: childScore, childScoreBound: childScore, optimal: false, nodes: 1)
    let withShort = MeetingPage.render(MeetingInputs(
        groups: plain.groups, households: plain.households, policy: plain.policy, shortlists: plain.inputs.shortlists,
        plan: plain.inputs.plan, greedy: plain.inputs.greedy, bound: short))
    #expect(withShort.contains("At most \(stats.childrenPlaced + 2) children could be placed by any plan; the score is within 0.0%"))
}

/// Units that nobody fits show their nearest misses with a fix in words, and the map numbers
/// every household listed.
@Test func nearMissesSayWhatWouldFixThemAndMapsNumberEveryHousehold() throws {
    let c = MeetingCase(seed: 11, referrals: 80)
    var missTables = 0
    for s in slices(c.html, from: "<section class=\"unit\"", to: "</section>") {
        let svg = try #require(slices(s, from: "<svg class=\"map\"", to: "</svg>").first)
        #expect(svg.contains("class=\"map-home\"") && svg.contains("class=\"map-circle\""))
        let labels = Set(slices(svg, from: "text-anchor=\"middle\">", to: "</text>").map(String.init))
        let listed = slices(s, from: "<span class=\"no-label\">", to: "</span>").map(String.init)
        for label in listed { #expect(labels.contains(label), "map lacks \(label)") }
        if let table = slices(s, from: "<table class=\"misses\">", to: "</table>").first {
            missTables += 1
            for fix in slices(table, from: "<td class=\"fix\">", to: "</td>") {
                #expect(!fix.isEmpty && !fix.contains("_"), "a code in \(fix)")
            }
            for row in slices(table, from: "<tr><td>", to: "</td>") { #expect(labels.contains(String(row))) }
        }
    }
    #expect(missTables > 0, "the county should have a unit nobody fits")
}

/// The map's geometry: a household d miles from home is drawn d/20 of the circle's radius from
/// the home, in its compass direction (the haversine miles of the lists, within 1%), and one
/// beyond the view sits on its edge, marked.
@Test func mapDrawsHouseholdsAtTheirMilesAndBearing() throws {
    let home = Location(latitude: 51.86, longitude: -2.24)
    for (miles, bearing) in [(5.0, 0.0), (12.0, 90.0), (19.5, 225.0), (35.0, 300.0)] {
        let spot = home.offset(miles: miles, bearingDegrees: bearing)
        let svg = MeetingMap.svg(home: home, school: nil, markers: [MeetingMap.Marker(label: "1", location: spot, kind: .candidate)],
                                 circleMiles: 20, title: "t")
        func number(_ s: Substring, _ name: String) throws -> Double {
            let text = try #require(slices(s, from: " " + name + "=\"", to: "\"").first)
            return try #require(Double(String(text)))
        }
        let circle = try #require(slices(svg, from: "<circle class=\"map-circle\"", to: "/>").first)
        let (cx, cy, r) = (try number(circle, "cx"), try number(circle, "cy"), try number(circle, "r"))
        let mark = try #require(slices(svg, from: "<g class=\"map-mark candidate", to: "</g>").first)
        let (x, y) = (try number(mark, "cx"), try number(mark, "cy"))
        let drawnMiles = ((x - cx) * (x - cx) + (y - cy) * (y - cy)).squareRoot() / r * 20
        #expect(abs(drawnMiles - miles) < 0.01 * miles + 0.1, "\(miles) miles drawn at \(drawnMiles)")
        var drawnBearing = atan2(x - cx, cy - y) * 180 / Double.pi
        if drawnBearing < 0 { drawnBearing += 360 }
        #expect(abs(drawnBearing - bearing) < 1.5, "bearing \(bearing) drawn at \(drawnBearing)")
    }
    let far = home.offset(miles: 200, bearingDegrees: 45)
    let svg = MeetingMap.svg(home: home, school: nil, markers: [MeetingMap.Marker(label: "1", location: far, kind: .nearMiss)], circleMiles: 20, title: "t")
    #expect(svg.contains("map-mark miss beyond"))
}
