import CareModel
import Matching

extension MeetingPage {
    /// The most children and sibling groups a meeting page shows one by one. A page holds each
    /// one's shortlist, bars, map and match tests (about 27 kilobytes each): a thousand make a
    /// page of about 27 MB, near what a browser opens comfortably and far more than a
    /// family-finding meeting discusses. Above this the page shows the plan only.
    public static let largestMeeting = 1_000

    /// Whether a match of `units` children and sibling groups gets the full meeting page.
    public static func fits(units: Int) -> Bool { units <= largestMeeting }

    /// Why the page shows the plan only, for the page and the terminal.
    public static func planOnlyNote(units: Int) -> String {
        "match.html shows the plan only: \(units) children and sibling groups are more than a meeting page "
            + "lists one by one (at most \(largestMeeting)); every shortlist is in match.json and match.csv"
    }

    /// The page for a match too large to show child by child: the plan as a whole (figures
    /// against "most urgent picks first", the proof) and every placement it proposes. The
    /// plan has at most one row per free place, so the page stays small at any size.
    /// `m.shortlists` is not used (it may be empty).
    /// - Complexity: O(placements + units) (counting the children).
    public static func renderPlanOnly(_ m: MeetingInputs) -> String {
        let children = m.groups.reduce(0) { $0 + $1.size }
        var body = "<header><h1>Family-finding plan: \(children) child\(children == 1 ? "" : "ren") in \(m.groups.count) referral\(m.groups.count == 1 ? "" : "s")</h1>"
        body += "<p class=\"meta\">\(m.households.count) fostering households. Identifiers only. "
        body += escape(planOnlyNote(units: m.groups.count)) + ".</p></header>\n"
        body += planSummary(m) + "\n"
        body += "<section id=\"placements\"><h2>Proposed homes</h2>"
        if m.plan.entries.isEmpty {
            body += "<p>The plan proposes no home for any child.</p>"
        } else {
            body += "<div class=\"scroll\"><table class=\"units\"><thead><tr><th scope=\"col\">Children (age)</th><th scope=\"col\">Request</th>"
            body += "<th scope=\"col\">Needs</th><th scope=\"col\">Waiting (days)</th><th scope=\"col\">Proposed home</th><th scope=\"col\">Score</th><th scope=\"col\">Miles</th></tr></thead><tbody>"
            for e in m.plan.entries {
                let g = e.group
                let kids = g.children.map { "\(escape($0.id.rawValue)) (\($0.age))" }.joined(separator: ", ")
                body += "<tr><td>\(kids)</td><td>\(MeetingWords.request(g.placement))</td><td>\(escape(g.needs.isEmpty ? "" : MeetingWords.needs(g.needs)))</td>"
                body += "<td>\(g.daysWaiting)</td><td>\(escape(e.placement.household.rawValue))\(e.isSplitPart ? " (part of a split group)" : "")</td>"
                body += "<td>\(MeetingWords.fixed(e.placement.score, 2))</td><td>\(MeetingWords.fixed(e.placement.distanceMiles, 1))</td></tr>"
            }
            body += "</tbody></table></div>"
        }
        body += "</section>\n"
        body += "<footer>Made by hearth match. A plan to discuss, not a decision: every proposal needs the social worker's and the carers' judgement.</footer>\n"
        return """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Family-finding plan</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }
}
