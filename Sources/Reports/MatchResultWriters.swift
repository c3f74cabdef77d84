import Interchange
import CareModel
import Matching

/// Writes `hearth match` results as JSON or CSV, byte-stable: fixed key order, fixed decimals
/// (scores and points 2 places, miles 1 place), so the same input always gives the same bytes.
public enum MatchResultWriters {
    /// The JSON document of the interface spec: `placements`, `unplaced`, `shortlists` (with
    /// `candidates`, each with its `breakdown`), `total_score`; plus `plan` (method, rounds,
    /// figures), `bound` (the joint plan's proof: children possible, score per child and its
    /// bound, gap) and `baseline` (the greedy plan's figures and the gain over it).
    ///
    /// The same bytes as `jsonHead`, then `jsonShortlists` of every block, then `jsonTail`.
    public static func json(plan: MatchPlan, shortlists: [Shortlist], baseline: MatchPlan, rounds: MatchPlan? = nil) -> String {
        var o = ""
        jsonHead(plan: plan) { o += $0 }
        o += jsonShortlists(shortlists, first: true)
        o += jsonTail(plan: plan, baseline: baseline, rounds: rounds, anyShortlists: !shortlists.isEmpty)
        return o
    }

    /// Rows of the plan (placements, unplaced units) handed to `emit` per piece of this many.
    static let rowsPerPiece = 4_096

    /// The JSON document up to its shortlists: placements and unplaced units, handed to `emit`
    /// a few thousand at a time (a million unplaced children are a hundred megabytes of text).
    public static func jsonHead(plan: MatchPlan, emit: (String) throws -> Void) rethrows {
        var o = "{\n"
        o += "  \"placements\": ["
        o += plan.entries.map { e in
            "\n    {\"children\": \(ids(e.group.childIDs.map(\.rawValue))), \"household\": \(quote(e.placement.household.rawValue)), "
                + "\"score\": \(f2(e.placement.score)), \"distance_miles\": \(f1(e.placement.distanceMiles)), "
                + "\"round\": \(e.round), \"split\": \(e.isSplitPart), \"breakdown\": \(breakdown(e.evaluation))}"
        }.joined(separator: ",")
        o += plan.entries.isEmpty ? "],\n" : "\n  ],\n"
        o += "  \"unplaced\": ["
        for (k, u) in plan.unplaced.enumerated() {
            o += (k == 0 ? "" : ",") + "\n    {\"children\": \(ids(u.group.childIDs.map(\.rawValue))), \"reasons\": \(ids(u.reasons))}"
            if k % rowsPerPiece == rowsPerPiece - 1 {
                try emit(o)
                o = ""
            }
        }
        o += plan.unplaced.isEmpty ? "],\n" : "\n  ],\n"
        o += "  \"shortlists\": ["
        try emit(o)
    }

    /// One block of the JSON document's shortlists; `first` when it holds the document's first.
    public static func jsonShortlists(_ shortlists: [Shortlist], first: Bool) -> String {
        var o = ""
        for (k, s) in shortlists.enumerated() {
            if !(first && k == 0) { o += "," }
            o += "\n    {\"children\": \(ids(s.group.childIDs.map(\.rawValue))), \"candidates\": ["
            o += s.candidates.map { c in
                "\n      {\"household\": \(quote(c.household.rawValue)), \"score\": \(f2(c.evaluation.score)), "
                    + "\"distance_miles\": \(f1(c.evaluation.distanceMiles)), \"breakdown\": \(breakdown(c.evaluation))}"
            }.joined(separator: ",")
            o += s.candidates.isEmpty ? "]" : "\n    ]"
            o += ", \"near_misses\": ["
            o += s.nearMisses.map { c in
                "\n      {\"household\": \(quote(c.household.rawValue)), \"failed_rules\": \(ids(c.evaluation.failedRules.map(\.rawValue))), "
                    + "\"reasons\": \(ids(c.evaluation.failureDetails)), \"distance_miles\": \(f1(c.evaluation.distanceMiles))}"
            }.joined(separator: ",")
            o += s.nearMisses.isEmpty ? "]}" : "\n    ]}"
        }
        return o
    }

    /// The JSON document after its shortlists: the totals, the plan's figures and proof, the
    /// baselines' figures; `anyShortlists` says whether any block held a shortlist.
    public static func jsonTail(plan: MatchPlan, baseline: MatchPlan, rounds: MatchPlan? = nil, anyShortlists: Bool) -> String {
        var o = anyShortlists ? "\n  ],\n" : "],\n"
        o += "  \"total_score\": \(f2(plan.totalScore)),\n"
        o += "  \"plan\": \(figures(plan)),\n"
        if let bound = plan.bound { o += "  \"bound\": \(boundFigures(bound, plan)),\n" }
        if let rounds { o += "  \"exact_rounds\": \(figures(rounds)),\n" }
        o += "  \"baseline\": \(figures(baseline)),\n"
        let a = plan.statistics, b = baseline.statistics
        o += "  \"gain_over_baseline\": {\"children_placed\": \(a.childrenPlaced - b.childrenPlaced), "
            + "\"sibling_groups_together\": \(a.siblingGroupsTogether - b.siblingGroupsTogether), "
            + "\"mean_miles_from_home\": \(f1(a.meanMiles - b.meanMiles)), "
            + "\"children_over_20_miles\": \(a.childrenOver20Miles - b.childrenOver20Miles), "
            + "\"total_score\": \(f2(a.totalScore - b.totalScore))}\n"
        o += "}\n"
        return o
    }

    static func figures(_ plan: MatchPlan) -> String {
        let s = plan.statistics
        return "{\"method\": \(quote(plan.method)), \"rounds\": \(plan.rounds), \"children_placed\": \(s.childrenPlaced), "
            + "\"children_unplaced\": \(s.childrenUnplaced), \"sibling_groups_together\": \(s.siblingGroupsTogether), "
            + "\"sibling_groups_split\": \(s.siblingGroupsSplit), \"mean_miles_from_home\": \(f1(s.meanMiles)), "
            + "\"children_over_20_miles\": \(s.childrenOver20Miles), \"total_score\": \(f2(s.totalScore))}"
    }

    /// The plan's proof: the most children any plan could place, the score counted per child
    /// and its bound, the relative gap, and whether the plan is proven optimal.
    static func boundFigures(_ bound: PlanBound, _ plan: MatchPlan) -> String {
        "{\"children_placed\": \(plan.statistics.childrenPlaced), \"children_possible\": \(bound.childrenPossible), "
            + "\"child_score\": \(f2(bound.childScore)), \"child_score_bound\": \(f2(bound.childScoreBound)), "
            + "\"gap\": \(String(format6(bound.gap))), \"optimal\": \(bound.optimal), \"lists_cut\": \(bound.listsCut)}"
    }

    /// A share with six decimals (the gap: 0.000000 when proven optimal).
    static func format6(_ x: Double) -> String {
        let scaled = Int((x * 1_000_000).rounded())
        let fraction = String(scaled % 1_000_000)
        return "\(scaled / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    static func breakdown(_ e: MatchEvaluation) -> String {
        "{" + e.breakdown.map { "\(quote($0.criterion)): \(f2($0.points))" }.joined(separator: ", ") + "}"
    }

    /// CSV: one row per placement, unplaced unit and shortlist candidate or near miss, with
    /// the per-criterion points as columns.
    ///
    /// The same bytes as `csvHead`, then `csvShortlists` of every block.
    public static func csv(plan: MatchPlan, shortlists: [Shortlist]) -> String {
        var o = ""
        csvHead(plan: plan) { o += $0 }
        return o + csvShortlists(shortlists)
    }

    static let csvCriteria = Criterion.allCases.map(\.rawValue) + [splitPenaltyKey]

    /// The CSV's header and the plan's rows (placements, then unplaced units), handed to `emit`
    /// a few thousand rows at a time.
    public static func csvHead(plan: MatchPlan, emit: (String) throws -> Void) rethrows {
        let header = ["section", "children", "household", "rank", "round", "score", "distance_miles"] + csvCriteria + ["failed_rules", "reasons"]
        var o = csvLine(header)
        for e in plan.entries {
            o += csvLine(["placement", e.group.childIDs.map(\.rawValue).joined(separator: ";"), e.placement.household.rawValue, "",
                          String(e.round), f2(e.placement.score), f1(e.placement.distanceMiles)] + csvPoints(e.evaluation) + ["", ""])
        }
        for (k, u) in plan.unplaced.enumerated() {
            o += csvLine(["unplaced", u.group.childIDs.map(\.rawValue).joined(separator: ";"), "", "", "", "", ""] + csvPoints(nil)
                + ["", u.reasons.joined(separator: "; ")])
            if k % rowsPerPiece == rowsPerPiece - 1 {
                try emit(o)
                o = ""
            }
        }
        try emit(o)
    }

    /// The CSV rows of one block of shortlists: each candidate, then each near miss.
    public static func csvShortlists(_ shortlists: [Shortlist]) -> String {
        var o = ""
        for s in shortlists {
            let children = s.group.childIDs.map(\.rawValue).joined(separator: ";")
            for (k, c) in s.candidates.enumerated() {
                o += csvLine(["candidate", children, c.household.rawValue, String(k + 1), "", f2(c.evaluation.score), f1(c.evaluation.distanceMiles)]
                    + csvPoints(c.evaluation) + ["", c.evaluation.reasons.joined(separator: "; ")])
            }
            for (k, c) in s.nearMisses.enumerated() {
                o += csvLine(["near_miss", children, c.household.rawValue, String(k + 1), "", "", f1(c.evaluation.distanceMiles)] + csvPoints(nil)
                    + [c.evaluation.failedRules.map(\.rawValue).joined(separator: ";"), c.evaluation.failureDetails.joined(separator: "; ")])
            }
        }
        return o
    }

    /// The per-criterion points of an evaluation, blank for none.
    static func csvPoints(_ e: MatchEvaluation?) -> [String] {
        csvCriteria.map { key in e?.breakdown.first { $0.criterion == key }.map { f2($0.points) } ?? "" }
    }

    /// One CSV line with LF end (fields quoted as `CSV.escape` says).
    static func csvLine(_ fields: [String]) -> String { fields.map(CSV.escape).joined(separator: ",") + "\n" }

    /// `x` with 2 decimals.
    package static func f2(_ x: Double) -> String { Coordinate.fixed(x, decimals: 2) }
    /// `x` with 1 decimal.
    package static func f1(_ x: Double) -> String { Coordinate.fixed(x, decimals: 1) }

    static func ids(_ list: [String]) -> String { "[" + list.map(quote).joined(separator: ", ") + "]" }

    /// A JSON string literal (shared by every writer).
    static func quote(_ s: String) -> String { JSONText.quote(s) }
}
