import CareModel
import Simulation

extension HTMLReport {
    /// The report's section on children turned away from in-house care near home: why, who,
    /// and the carers that would have taken the most of them, in words for a committee.
    static func unmetNeedSection(_ profile: UnmetNeedProfile) -> String {
        let miles = count(KPI.farFromHomeMiles)
        var out = "<section class=\"table\"><h2>Why children did not get a home with the council's own carers</h2>"
        out += "<p class=\"meta\">Each time a child, or brothers and sisters together, went to a fostering agency, to a children's home, "
        out += "or to the council's own carers more than \(miles) miles from home, the model checked every council carer with a free place "
        out += "against the matching rules in a fixed order: a free place, approval for the child's age, enough places for brothers and "
        out += "sisters together, distance from home, training for the child's needs, the kind of approval (short or long term, parent and "
        out += "child), and children who must live alone or are at risk of exploitation. The reason given is the rule that ruled out the "
        out += "last carer; when a carer passed every rule, the reason says why that home was still not used. Numbers are children in "
        out += "each year of the projection: the middle result in bold, and below it the range 8 runs in 10 fall within.</p>"
        out += "<p class=\"meta\">Over \(profile.years) years: <b>\(grouped(profile.horizonTotal.p50))</b> children "
        out += "(8 runs in 10 between \(grouped(profile.horizonTotal.p10)) and \(grouped(profile.horizonTotal.p90))).</p>"
        let reasons = TurnAwayReason.allCases.filter { profile.horizonByReason[Int($0.rawValue)].p90 > 0 }
            .sorted { profile.horizonByReason[Int($0.rawValue)].p50 > profile.horizonByReason[Int($1.rawValue)].p50 }
        out += yearTable(profile, heading: "Reason", rows: [("All children", profile.total)]
            + reasons.map { ($0.words, profile.byReason[Int($0.rawValue)]) })
        out += "<h3>Who they were</h3>"
        out += "<p class=\"meta\">The same children by the age of the oldest child, the number of brothers and sisters placed together, "
        out += "the district of the family home, and the child's main need.</p>"
        var who: [(String, [Percentiles])] = []
        for band in AgeBand.allCases where profile.byAgeBand[band.rawValue].contains(where: { $0.p90 > 0 }) {
            who.append(("Aged \(band.description)", profile.byAgeBand[band.rawValue]))
        }
        for size in 1...4 where profile.byGroupSize[size - 1].contains(where: { $0.p90 > 0 }) {
            who.append((size == 1 ? "On their own" : size == 4 ? "Four or more together" : "\(["", "", "Two", "Three"][size]) together",
                profile.byGroupSize[size - 1]))
        }
        for d in profile.districts.indices where profile.byDistrict[d].contains(where: { $0.p90 > 0 }) {
            who.append(("From \(profile.districts[d])", profile.byDistrict[d]))
        }
        for need in NeedCategory.allCases where profile.byNeed[Int(need.rawValue)].contains(where: { $0.p90 > 0 }) {
            who.append((need == .none ? "No recorded need" : "Need: \(need.words)", profile.byNeed[Int(need.rawValue)]))
        }
        out += yearTable(profile, heading: "Children", rows: who)
        out += "<h3>The carers we need</h3>"
        out += "<p class=\"meta\">Each of these kinds of carer household was tried, in the model, against every child turned away "
        out += "above whom one more household could have helped (not children whose plan was a children's home from the start, "
        out += "nor those placed further away because a better match was found). The first is the kind that would have passed the "
        out += "matching rules for the most children; each next one counts only children the ones above it would not have taken. "
        out += "The count is how many children such carers would have taken over \(profile.years) years, not what one household could "
        out += "take at once: a council would recruit several households of the same kind. \"Approved for\" is the approval "
        out += "those children needed: recruit carers who have it among their approvals (carers approved for short-term care "
        out += "alone cannot keep a child who needs a long-term home).</p>"
        if profile.carers.isEmpty {
            out += "<p>No child was turned away whom one more household could have taken.</p></section>"
            return out
        }
        out += "<table><thead><tr><th scope=\"col\">Rank</th><th scope=\"col\">Lives in</th><th scope=\"col\">Approved for ages</th>"
        out += "<th scope=\"col\">Places</th><th scope=\"col\">Approved for</th><th scope=\"col\">Trained for</th>"
        out += "<th scope=\"col\">Children it would have taken (middle result)</th><th scope=\"col\">Range (8 runs in 10)</th></tr></thead><tbody>"
        for (rank, need) in profile.carers.enumerated() {
            let p = need.profile
            let district = p.district < profile.districts.count ? profile.districts[p.district] : "district \(p.district + 1)"
            let skills = p.skills.isEmpty ? "no special training" : p.skills.tokenList.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")
            out += "<tr><td>\(rank + 1)</td><th scope=\"row\">\(FanChart.escape(district))</th>"
            out += "<td>\(p.ageRange.lowerBound) to \(p.ageRange.upperBound)</td><td>\(p.places)</td>"
            out += "<td>\(FanChart.escape(approvalWords(p.approval)))</td><td>\(FanChart.escape(skills))</td>"
            out += "<td><b>\(grouped(need.children.p50))</b></td><td>\(grouped(need.children.p10)) to \(grouped(need.children.p90))</td></tr>"
        }
        out += "</tbody></table></section>"
        return out
    }

    /// A table with one row per `(label, bands by year)` and a column per year, each cell the
    /// P50 in bold over its P10 to P90.
    static func yearTable(_ profile: UnmetNeedProfile, heading: String, rows: [(String, [Percentiles])]) -> String {
        var out = ""
        for first in stride(from: 1, through: profile.years, by: yearsPerTable) {
            let years = first...min(profile.years, first + yearsPerTable - 1)
            out += "<table class=\"kpi\"><thead><tr><th scope=\"col\">\(FanChart.escape(heading))</th>"
            for year in years { out += "<th scope=\"col\">Year \(year)</th>" }
            out += "</tr></thead><tbody>"
            for (label, bands) in rows {
                out += "<tr><th scope=\"row\">\(FanChart.escape(label))</th>"
                for year in years {
                    let p = bands[year - 1]
                    out += p.p10 == p.p90 && p.p50 == p.p10 ? "<td><b>\(grouped(p.p50))</b></td>"
                        : "<td><b>\(grouped(p.p50))</b><br><span class=\"range\">\(grouped(p.p10)) to \(grouped(p.p90))</span></td>"
                }
                out += "</tr>"
            }
            out += "</tbody></table>"
        }
        return out
    }

    /// A placement request's approval in words.
    static func approvalWords(_ request: PlacementRequest) -> String {
        switch request {
        case .shortTerm: "short-term fostering"
        case .longTerm: "long-term fostering"
        case .emergency: "emergencies"
        case .respite: "short breaks"
        case .parentAndChild: "parent and child"
        }
    }
}
