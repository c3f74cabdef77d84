import CareModel
import Matching

/// Everything the family-finding meeting's page shows: the inputs as read and the results of
/// `hearth match` (shortlists, the joint plan, the plans it was chosen from).
public struct MeetingInputs: Sendable {
    public var groups: [SiblingGroup]
    public var households: [Household]
    public var policy: MatchPolicy
    public var shortlists: [Shortlist]
    public var plan: MatchPlan
    /// The "most urgent child picks first" plan the joint plan is compared with.
    public var greedy: MatchPlan
    /// The planner's proof about the best possible plan (default: the plan's own).
    public var bound: PlanBound?

    public init(groups: [SiblingGroup], households: [Household], policy: MatchPolicy, shortlists: [Shortlist],
                plan: MatchPlan, greedy: MatchPlan, bound: PlanBound? = nil) {
        self.groups = groups
        self.households = households
        self.policy = policy
        self.shortlists = shortlists
        self.plan = plan
        self.greedy = greedy
        self.bound = bound ?? plan.bound
    }
}

/// The family-finding meeting's page: the plan as a whole, then for each child or sibling group
/// (most urgent first) the proposed household and the next best with a bar per criterion, the
/// nearest misses with what would fix them, a map, and "test this match" for any household
/// within reach. One self-contained HTML file: no network, readable with scripts off (a small
/// inline script adds sorting, filtering and the match tester), printable as an A4 pack.
///
/// The same inputs always give the same bytes.
public enum MeetingPage {
    /// "Test this match" covers at most this many households per child or group (the nearest
    /// within the distance limit), plus every household shown for it.
    public static let testableHouseholdsPerUnit = 40

    /// One child or sibling group as the page shows it.
    struct UnitView {
        /// 1 = most urgent.
        var rank: Int
        var group: SiblingGroup
        /// The unit's shortlist (best feasible households) and, when it is empty, nearest misses.
        var shortlist: (candidates: [Candidate], nearMisses: [Candidate])
        /// The plan's placements of this unit's children (more than one when split).
        var entries: [PlanEntry]
        /// Parts (or the whole) the plan left unplaced, with its reasons.
        var unplaced: [UnplacedUnit]

        var outcome: String {
            if entries.isEmpty { return "unplaced" }
            return entries.contains(where: \.isSplitPart) ? "split" : "placed"
        }
        var anchor: String { "u\(rank)-" + MeetingPage.slug(group.id.rawValue) }
    }

    /// The page.
    /// - Complexity: units x households (distances for "test this match") plus
    ///   `testableHouseholdsPerUnit` reference evaluations per unit.
    public static func render(_ m: MeetingInputs) -> String {
        let units = unitViews(m)
        let householdsByID = Dictionary(m.households.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var takers: [HouseholdID: [PlanEntry]] = [:]
        for e in m.plan.entries { takers[e.placement.household, default: []].append(e) }
        let tests = MatchTestData(units: units, households: m.households, policy: m.policy)

        let children = m.groups.reduce(0) { $0 + $1.size }
        var body = "<header><h1>Family-finding meeting: \(children) child\(children == 1 ? "" : "ren") in \(units.count) referral\(units.count == 1 ? "" : "s")</h1>"
        body += "<p class=\"meta\">\(m.households.count) fostering households. Identifiers only. Hard rules: within \(MeetingWords.fixed(m.policy.maxDistanceMiles, 0)) miles of home, "
        body += "free places for the whole group, approved ages and request, required skills, solo and exploitation-risk rules. "
        body += "Scores are points out of 100 from \(Criterion.allCases.count) criteria; \(MeetingWords.fixed(m.policy.nearDistanceMiles, 0)) miles from home is strongly preferred.</p></header>\n"
        body += toolbar
        body += planSummary(m) + "\n"
        body += overview(units) + "\n"
        for unit in units {
            body += unitSection(unit, m: m, householdsByID: householdsByID, takers: takers, tests: tests) + "\n"
        }
        body += "<footer>Made by hearth match. A plan to discuss, not a decision: every proposal needs the social worker's and the carers' judgement.</footer>\n"
        body += tests.island() + "\n"
        return page(title: "Family-finding meeting", body: body)
    }

    /// The units, most urgent first (emergency, then longest wait, then input order).
    static func unitViews(_ m: MeetingInputs) -> [UnitView] {
        var entriesByChild: [ChildID: Int] = [:]
        for (i, e) in m.plan.entries.enumerated() { for c in e.group.childIDs { entriesByChild[c] = i } }
        var unplacedByChild: [ChildID: Int] = [:]
        for (i, u) in m.plan.unplaced.enumerated() { for c in u.group.childIDs { unplacedByChild[c] = i } }
        let shortlists = Dictionary(m.shortlists.map { ($0.group.id, $0) }, uniquingKeysWith: { a, _ in a })
        let order = m.groups.indices.sorted { a, b in
            let ga = m.groups[a], gb = m.groups[b]
            let ea = ga.placement == .emergency, eb = gb.placement == .emergency
            if ea != eb { return ea }
            if ga.daysWaiting != gb.daysWaiting { return ga.daysWaiting > gb.daysWaiting }
            return a < b
        }
        return order.enumerated().map { rank, g in
            let group = m.groups[g]
            var entries: [Int] = [], unplaced: [Int] = []
            for c in group.childIDs {
                if let e = entriesByChild[c], !entries.contains(e) { entries.append(e) }
                if let u = unplacedByChild[c], !unplaced.contains(u) { unplaced.append(u) }
            }
            return UnitView(rank: rank + 1, group: group,
                shortlist: shortlists[group.id].map { ($0.candidates, $0.nearMisses) } ?? ([], []),
                entries: entries.map { m.plan.entries[$0] }, unplaced: unplaced.map { m.plan.unplaced[$0] })
        }
    }

    // MARK: the plan as a whole

    static func planSummary(_ m: MeetingInputs) -> String {
        let a = m.plan.statistics, b = m.greedy.statistics
        let total = a.childrenPlaced + a.childrenUnplaced
        var o = "<section id=\"plan\" class=\"plan\"><h2>The plan as a whole</h2>"
        o += "<p class=\"lead\">The plan proposes homes for <strong>\(a.childrenPlaced) of \(total) children</strong>"
        o += a.siblingGroupsTogether > 0 ? ", keeps <strong>\(a.siblingGroupsTogether) sibling group\(a.siblingGroupsTogether == 1 ? "" : "s") together</strong>" : ""
        o += a.siblingGroupsSplit > 0 ? " and splits \(a.siblingGroupsSplit) (allowed for them)" : ""
        o += ". \(a.childrenUnplaced == 0 ? "Every child has a proposed home." : "\(a.childrenUnplaced) child\(a.childrenUnplaced == 1 ? " has" : "ren have") no home in this plan.")</p>"
        if let bound = m.bound { o += boundLine(bound, plan: a) }
        o += "<div class=\"scroll\"><table class=\"summary\"><caption>Against “most urgent child picks first” (each child in order of urgency takes their best free household)</caption>"
        o += "<thead><tr><th scope=\"col\">Figure</th><th scope=\"col\">This plan</th><th scope=\"col\">Most urgent picks first</th><th scope=\"col\">Difference</th></tr></thead><tbody>"
        func row(_ label: String, _ x: String, _ y: String, _ d: String, better: Bool?) {
            let mark = better == nil ? "" : better! ? " <span class=\"good\">(better)</span>" : " <span class=\"worse\">(worse)</span>"
            o += "<tr><th scope=\"row\">\(label)</th><td>\(x)</td><td>\(y)</td><td>\(d)\(mark)</td></tr>"
        }
        func signed(_ x: Int) -> String { x > 0 ? "+\(x)" : x < 0 ? "−\(-x)" : "0" }
        func signed(_ x: Double, _ decimals: Int) -> String {
            let t = MeetingWords.fixed(abs(x), decimals)
            return Double(t) == 0 ? t : x > 0 ? "+" + t : "−" + t
        }
        func verdict(_ d: Double, higherIsBetter: Bool, tolerance: Double) -> Bool? {
            abs(d) <= tolerance ? nil : (d > 0) == higherIsBetter
        }
        row("Children placed", "\(a.childrenPlaced) of \(total)", "\(b.childrenPlaced) of \(total)", signed(a.childrenPlaced - b.childrenPlaced),
            better: verdict(Double(a.childrenPlaced - b.childrenPlaced), higherIsBetter: true, tolerance: 0))
        row("Sibling groups together", "\(a.siblingGroupsTogether)", "\(b.siblingGroupsTogether)", signed(a.siblingGroupsTogether - b.siblingGroupsTogether),
            better: verdict(Double(a.siblingGroupsTogether - b.siblingGroupsTogether), higherIsBetter: true, tolerance: 0))
        row("Sibling groups split", "\(a.siblingGroupsSplit)", "\(b.siblingGroupsSplit)", signed(a.siblingGroupsSplit - b.siblingGroupsSplit),
            better: verdict(Double(a.siblingGroupsSplit - b.siblingGroupsSplit), higherIsBetter: false, tolerance: 0))
        row("Mean miles from home", MeetingWords.fixed(a.meanMiles, 1), MeetingWords.fixed(b.meanMiles, 1), signed(a.meanMiles - b.meanMiles, 1),
            better: verdict(a.meanMiles - b.meanMiles, higherIsBetter: false, tolerance: 0.05))
        row("Children placed over 20 miles", "\(a.childrenOver20Miles)", "\(b.childrenOver20Miles)", signed(a.childrenOver20Miles - b.childrenOver20Miles),
            better: verdict(Double(a.childrenOver20Miles - b.childrenOver20Miles), higherIsBetter: false, tolerance: 0))
        row("Total score", MeetingWords.fixed(a.totalScore, 2), MeetingWords.fixed(b.totalScore, 2), signed(a.totalScore - b.totalScore, 2),
            better: verdict(a.totalScore - b.totalScore, higherIsBetter: true, tolerance: 0.005))
        o += "</tbody></table></div>"
        let method: String
        switch m.plan.method {
        case "greedy": method = "Here the order of urgency gave the best plan found: it is the plan proposed."
        case "optimal" where m.plan.bound?.listsCut == true:
            method = "The plan is the best found for all of them together among each home's best children: as many children placed as possible, then as few sibling groups split as possible, then the highest total score counted per child."
        case "optimal": method = "The plan is the best for all of them together: as many children placed as possible, then as few sibling groups split as possible, then the highest total score counted per child."
        default: method = "Made round by round: in each round every household takes at most one new child or group, as many children as possible are placed and then the total score is as high as possible."
        }
        o += "<p class=\"note\">" + method
        o += " Mean miles count each placed child once.</p></section>"
        return o
    }

    /// "No plan could place more children; within X% of the best possible score", from a
    /// planner's proven bound.
    static func boundLine(_ bound: PlanBound, plan: PlanStatistics) -> String {
        let children = plan.childrenPlaced >= bound.childrenPossible
            ? "No plan could place more children"
            : "At most \(bound.childrenPossible) children could be placed by any plan"
        let best = "\(MeetingWords.fixed(bound.childScoreBound, 2)) counted per child"
        return "<p class=\"bound\">\(children); the score is within \(MeetingWords.fixed(bound.gap * 100, 1))% of the best possible (at most \(best))"
            + (bound.optimal ? ": no better plan exists."
                : bound.listsCut ? ". Each home's list was cut to its best children, so this plan is not proven and the bounds are simple ones."
                : ", when the search stopped.") + "</p>"
    }

    // MARK: overview

    static func overview(_ units: [UnitView]) -> String {
        var o = "<section id=\"overview\" class=\"overview\"><h2>Children and sibling groups, most urgent first</h2>"
        o += "<div class=\"scroll\"><table id=\"units\" class=\"units\"><thead><tr>"
        let headers: [(String, String)] = [("#", "num"), ("Children (age)", "text"), ("Request", "text"), ("Needs", "text"), ("Waiting (days)", "num"),
                                           ("Proposed home", "text"), ("Score", "num"), ("Miles", "num"), ("Outcome", "text")]
        for (k, h) in headers.enumerated() {
            o += "<th scope=\"col\" data-type=\"\(h.1)\"\(k == 0 ? " aria-sort=\"ascending\"" : "")><span class=\"th-label\">\(h.0)</span></th>"
        }
        o += "</tr></thead><tbody>"
        for u in units {
            let g = u.group
            let kids = g.children.map { "\(escape($0.id.rawValue)) (\($0.age))" }.joined(separator: ", ")
            let homes = u.entries.map { escape($0.placement.household.rawValue) + ($0.isSplitPart ? " (part)" : "") }.joined(separator: ", ")
            let score = u.entries.isEmpty ? "" : u.entries.map { MeetingWords.fixed($0.placement.score, 2) }.joined(separator: ", ")
            let miles = u.entries.isEmpty ? "" : u.entries.map { MeetingWords.fixed($0.placement.distanceMiles, 1) }.joined(separator: ", ")
            let firstScore = u.entries.first.map { MeetingWords.fixed($0.placement.score, 2) } ?? "-1"
            let firstMiles = u.entries.first.map { MeetingWords.fixed($0.placement.distanceMiles, 1) } ?? "9999"
            let search = ([g.id.rawValue] + g.childIDs.map(\.rawValue) + u.entries.map(\.placement.household.rawValue)
                + u.shortlist.candidates.map(\.household.rawValue) + [g.placement.rawValue, g.needs.joinedTokens, g.children[0].district ?? ""])
                .joined(separator: " ").lowercased()
            o += "<tr data-unit=\"\(escape(g.id.rawValue))\" data-outcome=\"\(u.outcome)\" data-search=\"\(escape(search))\">"
            o += "<td data-sort=\"\(u.rank)\">\(u.rank)</td><td><a href=\"#\(u.anchor)\">\(kids)</a></td>"
            o += "<td>\(MeetingWords.request(g.placement))</td><td>\(escape(g.needs.isEmpty ? "" : MeetingWords.needs(g.needs)))</td>"
            o += "<td data-sort=\"\(g.daysWaiting)\">\(g.daysWaiting)</td><td>\(homes.isEmpty ? "none" : homes)</td>"
            o += "<td data-sort=\"\(firstScore)\">\(score)</td><td data-sort=\"\(firstMiles)\">\(miles)</td>"
            o += "<td>\(outcomeLabel(u.outcome))</td></tr>"
        }
        return o + "</tbody></table></div></section>"
    }

    /// The outcome in words with a symbol, so that colour is never the only signal.
    static func outcomeLabel(_ outcome: String) -> String {
        switch outcome {
        case "placed": "<span class=\"ok\">✓ placed</span>"
        case "split": "<span class=\"part\">◐ split</span>"
        default: "<span class=\"no\">✗ not placed</span>"
        }
    }

    static let toolbar = """
        <nav class="toolbar" aria-label="Find and print" data-needs-script hidden>
        <label>Find <input type="search" id="find" placeholder="child or household id, need, district"></label>
        <label>Show <select id="show"><option value="">everyone</option><option value="placed">placed</option><option value="split">split</option><option value="unplaced">not placed</option></select></label>
        <button type="button" id="open-all">Open all match tests</button>
        <button type="button" id="print">Print the meeting pack</button>
        <span id="shown" role="status"></span>
        </nav>

        """

    /// Text for HTML content and attributes (&, <, > and " escaped).
    /// - Complexity: O(length); text without those characters is returned as it is.
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return s }
        var o = ""
        o.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            default: o.unicodeScalars.append(c)
            }
        }
        return o
    }

    /// An id usable in an HTML id attribute and a URL fragment.
    static func slug(_ s: String) -> String {
        String(s.unicodeScalars.map { c -> Character in
            (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_") && c.isASCII ? Character(c) : "_"
        })
    }
}
