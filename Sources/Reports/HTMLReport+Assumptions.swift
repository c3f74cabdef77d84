import CareModel
import Foundation
import Simulation

extension HTMLReport {
    /// The scenario's main assumptions as a table a committee can read: what was assumed, the
    /// value in plain words, and the scenario field it comes from.
    static func assumptionsTable(_ results: SimulationResults) -> String {
        let s = results.scenario
        let pounds = { (x: Double) in "£" + grouped(x) }
        var rows: [(String, String, String)] = []
        rows.append(("Start", "\(s.startDate), with \(count(results.value(.childrenInCare, month: 0).p50)) children in care", "start_date, start"))
        let entries = AgeBand.allCases.reduce(0.0) { $0 + s.entries.perYearByAgeBand[$1] }
        let trend = s.entries.annualTrend == 0 ? "no trend" : String(format: "changing %+.1f%% a year", s.entries.annualTrend * 100)
        rows.append(("Children entering care", s.entries.enabled ? "\(grouped(entries)) a year, \(trend)" : "none (switched off)", "entries"))
        let together = 1 - (s.entries.siblingGroupSizes.first ?? 1)
        rows.append(("Entering with brothers or sisters", String(format: "%.0f%% of arrivals are groups of 2 or more", together * 100), "entries.sibling_group_sizes"))
        let recruitment = s.carers.recruitment
        let approvals = recruitment.enquiriesPerMonth * 12 * recruitment.conversion
        rows.append(("New in-house foster households",
                     recruitment.enabled ? String(format: "about %.0f approved a year (%.1f enquiries a month, %.1f%% approved)", approvals,
                                                  recruitment.enquiriesPerMonth, recruitment.conversion * 100) : "none (switched off)",
                     "carers.recruitment"))
        let mix = recruitment.profiles.isEmpty
            ? (recruitment.ageRangeWeights.isEmpty && recruitment.approvalShares.isEmpty && recruitment.skillShares.isEmpty
                ? "like the current households (ages, approvals and skills)" : "age ranges, approvals or skills as the scenario sets them")
            : "\(recruitment.profiles.count) kind\(recruitment.profiles.count == 1 ? "" : "s") of household as the scenario sets them"
        rows.append(("Kind of new households", mix, "carers.recruitment"))
        let costs = s.costs.recruitment
        rows.append(("Recruiting and supporting carers",
                     "\(pounds(costs.marketingPerEnquiry)) an enquiry and \(pounds(costs.marketingPerApproval)) an approval in marketing; "
                         + "\(pounds(costs.assessmentPerApproval)) an assessment; \(pounds(costs.supportPerHouseholdPerYear)) a year of support per household; "
                         + "\(pounds(costs.newCarerWeeklyExtra)) a week more for a child with a new carer",
                     "costs.recruitment"))
        rows.append(("Foster households resigning",
                     s.carers.resignationsEnabled ? String(format: "%.0f%% of households a year", s.carers.resignationsPerHouseholdPerYear * 100) : "none (switched off)",
                     "carers.resignations_per_household_per_year"))
        rows.append(("Places with fostering agencies", s.ifa.enabled ? "up to \(s.ifa.capacity) children at once" : "none", "ifa.capacity"))
        rows.append(("The council's own children's home beds", s.residential.ownBeds == 0 ? "none" : "\(s.residential.ownBeds)", "residential.own_beds"))
        let weekly = [PlacementType.inHouseFoster, .ifaFoster, .kinship, .residential, .supported]
            .map { "\(placementWords($0)) \(pounds(s.costs.weekly[$0]))" }.joined(separator: "; ")
        rows.append(("Weekly cost of one placement", weekly, "costs.weekly"))
        rows.append(("Prices", TerminalSummary.currencyBasis(results), "costs.annual_inflation"))
        rows.append(("Runs", "\(results.runs) runs of \(results.years) years (seed \(results.seed)); the same seed gives the same report", "runs, years, seed"))
        var out = "<table class=\"assumptions\"><thead><tr><th scope=\"col\">Assumption</th><th scope=\"col\">Value</th><th scope=\"col\">Scenario field</th></tr></thead><tbody>"
        for (name, value, field) in rows {
            out += "<tr><th scope=\"row\">\(FanChart.escape(name))</th><td>\(FanChart.escape(value))</td><td class=\"field\">\(FanChart.escape(field))</td></tr>"
        }
        return out + "</tbody></table>"
    }

    /// A placement type in words for a committee ("independent fostering agency").
    static func placementWords(_ type: PlacementType) -> String {
        switch type {
        case .inHouseFoster: "the council's own foster carers"
        case .ifaFoster: "independent fostering agencies"
        case .kinship: "relatives and friends"
        case .residential: "children's homes"
        case .supported: "supported accommodation (16+)"
        case .withParents: "placed with parents"
        case .adoption: "placed for adoption"
        case .other: "other"
        }
    }

    /// The words for a key of `placements_by_type` in summary.json.
    static func placementWords(specKey key: String) -> String {
        switch key {
        case "in_house": "The council's own foster carers"
        case "ifa": "Independent fostering agencies"
        case "kinship": "Relatives and friends"
        case "residential": "Children's homes"
        case "supported": "Supported accommodation (16+)"
        case "other": "Other"
        default: key.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// 1234.5 as "1,235".
    static func grouped(_ x: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        formatter.locale = Locale(identifier: "en_GB")
        return formatter.string(from: NSNumber(value: x.rounded())) ?? String(Int(x.rounded()))
    }

    /// The first sentence of a scenario's description without the parts that are configuration
    /// (bracketed text naming a field or a file, such as "(start.preset county)").
    static func plainDescription(_ text: String) -> String {
        var out = ""
        var rest = Substring(TerminalSummary.firstSentence(text))
        while let open = rest.range(of: " ("), let close = rest[open.upperBound...].firstIndex(of: ")") {
            let inside = rest[open.upperBound..<close]
            let configuration = inside.contains("/") || inside.contains("_")
                || inside.range(of: #"[a-z]{2,}\.[a-z]{2,}"#, options: .regularExpression) != nil
            out += rest[..<open.lowerBound]
            if !configuration { out += rest[open.lowerBound...close] }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
