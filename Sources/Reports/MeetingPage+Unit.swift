import CareModel
import Matching

extension MeetingPage {
    /// A household column of a unit's comparison table: the plan's proposal or a shortlist entry.
    struct Column {
        /// The number on the map and in the list ("1", "2", ... for shortlist ranks, "P" for a
        /// proposal from beyond the shortlist or for a part of a split group).
        var label: String
        var household: Household
        var evaluation: MatchEvaluation
        var entry: PlanEntry?
    }

    /// One child's or sibling group's page: who they are, what the plan proposes, the next best,
    /// the nearest misses when nobody fits, a map and the match tests.
    static func unitSection(_ u: UnitView, m: MeetingInputs, householdsByID: [HouseholdID: Household],
                            takers: [HouseholdID: [PlanEntry]], tests: MatchTestData) -> String {
        let g = u.group
        let columns = self.columns(u, householdsByID: householdsByID)
        let misses: [(label: String, household: Household, candidate: Candidate)] = u.shortlist.candidates.isEmpty
            ? u.shortlist.nearMisses.enumerated().compactMap { k, c in householdsByID[c.household].map { ("\(k + 1)", $0, c) } }
            : []

        var o = "<section class=\"unit\" id=\"\(u.anchor)\" data-unit=\"\(escape(g.id.rawValue))\" data-outcome=\"\(u.outcome)\">"
        o += "<h2><span class=\"rank\">\(u.rank)</span> " + (g.size > 1 ? "Sibling group \(escape(g.id.rawValue)): \(g.size) children" : "Child \(escape(g.id.rawValue))") + "</h2>"
        o += "<div class=\"unit-top\"><div class=\"facts\"><dl>"
        o += "<dt>Child\(g.size > 1 ? "ren" : "")</dt><dd>" + g.children.map { "\(escape($0.id.rawValue)) (age \($0.age))" }.joined(separator: ", ") + "</dd>"
        o += "<dt>Request</dt><dd>\(MeetingWords.request(g.placement))</dd>"
        o += "<dt>Needs</dt><dd>\(escape(MeetingWords.needs(g.needs)))</dd>"
        o += "<dt>Waiting</dt><dd>\(MeetingWords.days(g.daysWaiting))</dd>"
        o += "<dt>District</dt><dd>\(escape(g.children.lazy.compactMap(\.district).first ?? "not given"))</dd>"
        o += "<dt>School</dt><dd>\(g.children.contains { $0.school != nil } ? "given: staying there is scored" : "not given")</dd>"
        if g.size > 1 {
            o += "<dt>Together</dt><dd>\(g.maySplit ? "to be placed together; may be split if no home takes them all" : "to be placed together")</dd>"
        }
        o += "</dl>" + outcome(u, columns: columns, takers: takers) + "</div>"
        o += map(u, columns: columns, misses: misses, policy: m.policy) + "</div>"

        if !columns.isEmpty {
            o += "<h3>\(u.entries.isEmpty ? "Possible households (each taken by another child in this plan)" : "Proposed household and the next best")</h3>"
            o += comparison(columns, unit: u, takers: takers)
        }
        if !misses.isEmpty {
            o += "<h3>Nobody passes every rule\(g.size > 1 ? " for the \(g.size) children together" : ""): the nearest misses</h3>"
            o += "<div class=\"scroll\"><table class=\"misses\"><thead><tr><th scope=\"col\">No.</th><th scope=\"col\">Household</th><th scope=\"col\">Miles from home</th>"
            o += "<th scope=\"col\">Carers</th><th scope=\"col\">Fails</th><th scope=\"col\">What would fix it</th></tr></thead><tbody>"
            for (label, h, c) in misses {
                let fails = c.evaluation.checks.filter { !$0.passed }.map { "<li><strong>\(MeetingWords.rule($0.rule))</strong>: \(escape($0.detail))</li>" }.joined()
                let fixes = NearMissFix.phrases(group: g, household: h, policy: m.policy, evaluation: c.evaluation)
                o += "<tr><td>\(label)</td><th scope=\"row\">\(escape(h.id.rawValue))</th><td>\(MeetingWords.fixed(c.evaluation.distanceMiles, 1))</td>"
                o += "<td>\(MeetingWords.provider(h.provider))</td><td><ul>\(fails)</ul></td><td class=\"fix\">\(escape(fixes.joined(separator: " and ")))</td></tr>"
            }
            o += "</tbody></table></div>"
        } else if columns.isEmpty {
            o += "<p class=\"note\">No household within \(MeetingWords.fixed(m.policy.maxDistanceMiles, 0)) miles to compare.</p>"
        }

        o += testsBlock(u, columns: columns, misses: misses, tests: tests, policy: m.policy)
        return o + "</section>"
    }

    /// The plan's proposal(s) first, then the shortlist without them.
    static func columns(_ u: UnitView, householdsByID: [HouseholdID: Household]) -> [Column] {
        let ranks = Dictionary(u.shortlist.candidates.enumerated().map { ($1.household, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        var columns: [Column] = []
        var proposedWhole: Set<HouseholdID> = []
        for (k, e) in u.entries.enumerated() {
            guard let h = householdsByID[e.placement.household] else { continue }
            let rank = e.isSplitPart ? nil : ranks[h.id]
            let label = rank.map(String.init) ?? (u.entries.count > 1 ? "P\(k + 1)" : "P")
            columns.append(Column(label: label, household: h, evaluation: e.evaluation, entry: e))
            if !e.isSplitPart { proposedWhole.insert(h.id) }
        }
        for (k, c) in u.shortlist.candidates.enumerated() where !proposedWhole.contains(c.household) {
            guard let h = householdsByID[c.household] else { continue }
            columns.append(Column(label: "\(k + 1)", household: h, evaluation: c.evaluation, entry: nil))
        }
        return columns
    }

    /// The plan's outcome for the unit, in words with a symbol.
    static func outcome(_ u: UnitView, columns: [Column], takers: [HouseholdID: [PlanEntry]]) -> String {
        let proposals = columns.filter { $0.entry != nil }
        func describe(_ c: Column) -> String {
            let e = c.entry!
            var t = "household <strong>\(escape(c.household.id.rawValue))</strong> (no. \(c.label)), score \(MeetingWords.fixed(e.placement.score, 2)) of 100, "
            t += "\(MeetingWords.fixed(e.placement.distanceMiles, 1)) miles from home"
            let before = (takers[c.household.id] ?? []).filter { $0.round < e.round }.reduce(0) { $0 + $1.group.size }
            if before > 0 { t += "; scored with the \(before) child\(before == 1 ? "" : "ren") the plan places there first" }
            return t
        }
        switch u.outcome {
        case "placed":
            return "<p class=\"outcome placed\"><span class=\"ok\">✓ Proposed by the plan:</span> " + describe(proposals[0]) + ".</p>"
        case "split":
            var t = "<p class=\"outcome split\"><span class=\"part\">◐ Split by the plan</span> (no household takes them all together):</p><ul class=\"parts\">"
            for c in proposals {
                t += "<li>" + c.entry!.group.childIDs.map { escape($0.rawValue) }.joined(separator: ", ") + " to " + describe(c)
                    + " (includes the \(MeetingWords.fixed(-(c.entry!.evaluation.breakdown.last { $0.criterion == splitPenaltyKey }?.points ?? 0), 2))-point split penalty)</li>"
            }
            for part in u.unplaced {
                t += "<li>" + part.group.childIDs.map { escape($0.rawValue) }.joined(separator: ", ") + ": <span class=\"no\">✗ no home</span>, " + escape(part.reasons.first ?? "") + "</li>"
            }
            return t + "</ul>"
        default:
            let reason = u.unplaced.first?.reasons.first ?? "no household passes every rule"
            return "<p class=\"outcome unplaced\"><span class=\"no\">✗ No home in this plan:</span> \(escape(reason)).</p>"
        }
    }

    /// The households side by side: score and a bar per criterion, then the facts a meeting asks.
    static func comparison(_ columns: [Column], unit: UnitView, takers: [HouseholdID: [PlanEntry]]) -> String {
        let g = unit.group
        var o = "<div class=\"scroll\"><table class=\"compare\"><thead><tr><th scope=\"col\">Household</th>"
        for c in columns {
            let role = c.entry == nil ? "" : c.entry!.isSplitPart
                ? "<span class=\"role\">proposed for " + c.entry!.group.childIDs.map { escape($0.rawValue) }.joined(separator: ", ") + "</span>"
                : "<span class=\"role\">proposed by the plan</span>"
            o += "<th scope=\"col\"\(c.entry != nil ? " class=\"proposed\"" : "")><span class=\"no-label\">\(c.label)</span> \(escape(c.household.id.rawValue))\(role)</th>"
        }
        o += "</tr></thead><tbody>"
        o += "<tr class=\"score\"><th scope=\"row\">Score out of 100</th>"
        for c in columns { o += "<td>" + bar(c.evaluation.score, of: 100, text: MeetingWords.fixed(c.evaluation.score, 2)) + "</td>" }
        o += "</tr>"
        var keys = Criterion.allCases.map(\.rawValue)
        if columns.contains(where: { $0.evaluation.breakdown.contains { $0.criterion == splitPenaltyKey } }) { keys.append(splitPenaltyKey) }
        for key in keys {
            let weight = columns.lazy.compactMap { $0.evaluation.breakdown.first { $0.criterion == key }?.weight }.first ?? 0
            o += "<tr><th scope=\"row\">\(MeetingWords.criterion(key))\(weight > 0 ? " <span class=\"weight\">(\(weightText(weight)))</span>" : "")</th>"
            for c in columns {
                guard let part = c.evaluation.breakdown.first(where: { $0.criterion == key }) else { o += "<td>–</td>"; continue }
                let text = MeetingWords.fixed(part.points, 1)
                o += "<td title=\"\(escape(part.reason))\">" + (weight > 0 ? bar(part.points, of: weight, text: text) : "<span class=\"pts\">\(text)</span>") + "</td>"
            }
            o += "</tr>"
        }
        let school = g.children.lazy.compactMap(\.school).first
        func factRow(_ label: String, _ value: (Column) -> String) {
            o += "<tr class=\"fact\"><th scope=\"row\">\(label)</th>" + columns.map { "<td>\(value($0))</td>" }.joined() + "</tr>"
        }
        factRow("Miles from home") { MeetingWords.fixed($0.evaluation.distanceMiles, 1) }
        factRow("Miles from school") { c in school.map { MeetingWords.fixed($0.distanceMiles(to: c.household.location), 1) } ?? "no school given" }
        factRow("District") { escape($0.household.district ?? "not given") }
        factRow("Carers") { MeetingWords.provider($0.household.provider) }
        factRow("Places") { "\($0.household.freePlaces) of \($0.household.places) free" }
        factRow("Approved ages") { "\($0.household.ageRange.lowerBound)-\($0.household.ageRange.upperBound)" }
        factRow("In this plan") { c in
            let others = (takers[c.household.id] ?? []).filter { e in !e.group.childIDs.contains { g.childIDs.contains($0) } }
            let mine = c.entry != nil
            let whom = c.entry.map { e in e.isSplitPart ? e.group.childIDs.map { escape($0.rawValue) }.joined(separator: ", ") : g.size > 1 ? "them" : "this child" } ?? ""
            if others.isEmpty { return mine ? "takes \(whom)" : "not used" }
            let list = others.map { $0.group.childIDs.map { escape($0.rawValue) }.joined(separator: ", ") }.joined(separator: "; ")
            return (mine ? "takes \(whom); also " : "takes ") + list
        }
        return o + "</tbody></table></div>"
    }

    /// A bar for `value` out of `maximum`, with the number beside it (the bar is never the only signal).
    static func bar(_ value: Double, of maximum: Double, text: String) -> String {
        let share = maximum > 0 ? min(1, max(0, value / maximum)) : 0
        return "<span class=\"bar\" aria-hidden=\"true\"><span style=\"width:\(MeetingWords.fixed(share * 100, 1))%\"></span></span><span class=\"pts\">\(text)</span>"
    }

    /// A weight as a meeting reads it: "30", or "7.50" when not whole.
    static func weightText(_ w: Double) -> String {
        w == w.rounded() ? MeetingWords.fixed(w, 0) : MeetingWords.fixed(w, 2)
    }

    /// The unit's map: home, school, the near-distance circle and the numbered households.
    static func map(_ u: UnitView, columns: [Column], misses: [(label: String, household: Household, candidate: Candidate)], policy: MatchPolicy) -> String {
        let g = u.group
        var markers = columns.map { MeetingMap.Marker(label: $0.label, location: $0.household.location, kind: $0.entry != nil ? .proposed : .candidate) }
        markers += misses.map { MeetingMap.Marker(label: $0.label, location: $0.household.location, kind: .nearMiss) }
        let svg = MeetingMap.svg(home: g.children[0].home, school: g.children.lazy.compactMap(\.school).first, markers: markers,
                                 circleMiles: policy.nearDistanceMiles, title: "Map of the family home and the households numbered as in the list")
        var legend = "⌂ family home"
        if g.children.contains(where: { $0.school != nil }) { legend += " · ▲ school" }
        legend += " · dashed circle: \(MeetingWords.fixed(policy.nearDistanceMiles, 0)) miles"
        if columns.contains(where: { $0.entry != nil }) { legend += " · filled: proposed" }
        if columns.contains(where: { $0.entry == nil }) { legend += " · ringed: next best" }
        if !misses.isEmpty { legend += " · dashed ring: near miss" }
        if svg.contains("beyond") { legend += " · pale: further than the map shows" }
        return "<figure class=\"mapbox\">\(svg)<figcaption>\(legend)</figcaption></figure>"
    }
}

extension MeetingPage {
    /// "Test this match": the shown households' tests, readable with scripts off, and (with
    /// scripts on) a picker for any household the page holds a test for.
    static func testsBlock(_ u: UnitView, columns: [Column], misses: [(label: String, household: Household, candidate: Candidate)],
                           tests: MatchTestData, policy: MatchPolicy) -> String {
        let unitIndex = u.rank - 1
        let available = tests.pairs[unitIndex]
        var o = "<div class=\"tests\"><h3>Test this match</h3>"
        o += "<p class=\"note\">Every hard rule with its values and every criterion with its points (the same as <code>hearth explain</code>), for the household as it is today.</p>"
        if !available.isEmpty {
            o += "<div class=\"tester\" data-needs-script hidden><label>Pick any household: the \(available.count) here are the nearest within \(MeetingWords.fixed(policy.maxDistanceMiles, 0)) miles and every one listed above "
            o += "<select data-tests=\"\(unitIndex)\">\(tests.options(unit: unitIndex))</select></label><div class=\"tester-out\" aria-live=\"polite\"></div></div>"
        }
        var shown: [(label: String, household: Household, role: String, entry: PlanEntry?)] = columns.map {
            ($0.label, $0.household, $0.entry == nil ? "" : " (proposed)", $0.entry)
        }
        shown += misses.map { ($0.label, $0.household, " (near miss)", nil) }
        for s in shown {
            let evaluation = available.first { tests.households[$0.household].id == s.household.id }?.evaluation
                ?? Matcher.evaluate(u.group, s.household, policy: policy)
            o += "<details><summary>No. \(s.label) · \(escape(s.household.id.rawValue))\(s.role): every rule and criterion</summary>"
            if let e = s.entry, MeetingWords.fixed(e.placement.score, 2) != MeetingWords.fixed(evaluation.score, 2) {
                var why: [String] = []
                if e.isSplitPart { why.append("is for " + e.group.childIDs.map { escape($0.rawValue) }.joined(separator: ", ") + " with the split penalty") }
                if e.round > 1 { why.append("counts the children the plan places there first") }
                o += "<p class=\"note\">The plan's score, \(MeetingWords.fixed(e.placement.score, 2)), \(why.joined(separator: " and ")); "
                    + "this test is for \(u.group.size > 1 ? "the whole group" : "the child") with the household as it is now.</p>"
            }
            o += MatchTestData.explainHTML(s.household, evaluation) + "</details>"
        }
        return o + "</div>"
    }
}
