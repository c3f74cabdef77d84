import CareModel
import Interchange

extension Scenario {
    /// Every value out of range or inconsistent, as (JSON path, message); empty when the
    /// scenario is usable.
    ///
    /// Ranges come from the one declaration of each setting (`ScenarioSettings`), applied to
    /// the scenario as it would be written; the checks here are those across fields (weights
    /// not all zero, a minimum no more than its maximum, what each timeline event needs).
    public func validationProblems() -> [(field: String, message: String)] {
        let written = ScenarioSettings.scenario.encoded(self).located
        var problems: [(field: String, message: String)] = ScenarioSettings.scenario.table.problems(in: written).map {
            ($0.field ?? "", $0.message)
        }
        func check(_ ok: Bool, _ field: String, _ value: Any, _ expected: String) {
            if !ok { problems.append((field, "\(field) \(value): expected \(expected)")) }
        }
        func weights(_ w: [Double], _ field: String) {
            check(w.contains { $0 > 0 }, field, w, "non-negative weights, not all zero")
        }
        for band in AgeBand.allCases {
            let d = exits.destinations[band]
            weights([d.home, d.adoption, d.specialGuardianship, d.other], "exits.destinations.\(band.key)")
        }
        check(entries.seasonality.contains { $0 > 0 }, "entries.seasonality", entries.seasonality, "12 non-negative multipliers, January to December, not all zero")
        weights(entries.siblingGroupSizes, "entries.sibling_group_sizes")
        if !entries.ageAtEntryWeights.isEmpty {
            check(entries.ageAtEntryWeights.count == 18, "entries.age_at_entry_weights", entries.ageAtEntryWeights, "18 non-negative weights, ages 0 to 17")
        }
        let u = entries.urgency
        weights([u.sameDay, u.emergency, u.planned], "entries.urgency")
        let r = entries.plannedRequests
        weights([r.shortTerm, r.longTerm, r.parentAndChild], "entries.planned_requests")
        for from in PlacementType.allCases where moves.hasDestinations(from) {
            let row = moves.destinations[from.index]
            check(row.count == PlacementType.allCases.count, "moves.destinations.\(from.rawValue)", row, "one weight per placement type")
            weights(row, "moves.destinations.\(from.rawValue)")
        }
        for band in AgeBand.allCases where !moves.destinationAgeFactors[band.rawValue].isEmpty {
            check(moves.destinationAgeFactors[band.rawValue].count == PlacementType.allCases.count,
                  "moves.destination_age_factors.\(band.key)", moves.destinationAgeFactors[band.rawValue], "one non-negative factor per placement type")
        }
        let rc = carers.recruitment
        check(rc.assessmentMonthsMin <= rc.assessmentMonthsMax, "carers.recruitment.assessment_months_min",
              rc.assessmentMonthsMin, "no more than assessment_months_max")
        weights(rc.placesDistribution, "carers.recruitment.places_distribution")
        if !rc.ageRangeWeights.isEmpty { weights(rc.ageRangeWeights.map(\.weight), "carers.recruitment.age_range_weights") }
        if !rc.profiles.isEmpty { weights(rc.profiles.map(\.share), "carers.recruitment.profiles") }
        let districtNames = start.profile.districts.map(\.name)
        for (i, profile) in rc.profiles.enumerated() {
            let path = "carers.recruitment.profiles[\(i)]"
            if let low = profile.minAge, let high = profile.maxAge {
                check(low <= high, "\(path).min_age", low, "no more than max_age \(high)")
            }
            if let district = profile.district {
                check(districtNames.contains(district), "\(path).district", "\"\(district)\"",
                      "one of the county's districts: \(districtNames.joined(separator: ", "))")
            }
        }
        // A weight under a name that is not one of the county's districts would be dropped, and
        // weights all zero replaced by equal ones: either would change where homes are without a word.
        for (field, byDistrict) in [("entries.district_weights", entries.districtWeights),
                                    ("carers.recruitment.district_weights", rc.districtWeights)] where !byDistrict.isEmpty {
            for name in byDistrict.keys.sorted() where !districtNames.contains(name) {
                problems.append(("\(field).\(name)",
                                 "\(field).\(name): unknown district \"\(name)\": expected one of the county's districts: \(districtNames.joined(separator: ", "))"))
            }
            weights(byDistrict.keys.sorted().map { byDistrict[$0]! }, field)
        }
        for (i, event) in timeline.enumerated() {
            let path = "timeline[\(i)]"
            if event.atMonth == nil, let date = event.date, Scenario.monthOffset(of: date, from: startDate) == nil {
                problems.append(("\(path).date", "\(path).date \"\(date)\": expected YYYY-MM or YYYY-MM-DD on or after start_date \(startDate)"))
            }
            if event.atMonth == nil, event.date == nil {
                problems.append(("\(path).at_month", "\(path): expected at_month (months after the start) or date"))
            }
            switch event.kind {
            case .recruitmentCampaign:
                if event.extraEnquiriesPerMonth == nil && event.conversion == nil {
                    problems.append(("\(path).extra_enquiries_per_month", "\(path): recruitment_campaign expected extra_enquiries_per_month and/or conversion"))
                }
            case .newChildrensHome:
                if (event.beds ?? 0) <= 0 { problems.append(("\(path).beds", "\(path).beds: expected a whole number 1 or more")) }
            case .fasterExits, .retention:
                if event.factor == nil { problems.append(("\(path).factor", "\(path).factor: expected a multiplier 0 or more")) }
            case .entryTrend:
                if event.annualTrend == nil && event.factor == nil {
                    problems.append(("\(path).annual_trend", "\(path): entry_trend expected annual_trend and/or factor"))
                }
            case .ifaCapacity:
                if event.capacity == nil { problems.append(("\(path).capacity", "\(path).capacity: expected a whole number 0 or more")) }
            }
        }
        if let county = start.county {
            for (field, message) in county.validationProblems() {
                problems.append(("start.county.\(field)", "start.county.\(field): \(message)"))
            }
        }
        return problems
    }

    /// Whole months from `start` (YYYY-MM-DD) to `date` (YYYY-MM or YYYY-MM-DD); nil if either is
    /// malformed or `date` is before `start`.
    package static func monthOffset(of date: String, from start: String) -> Int? {
        func parse(_ text: String) -> (Int, Int, Int)? {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard parts.count == 2 || parts.count == 3, let y = parts[0], let m = parts[1], (1...12).contains(m),
                (1900...2200).contains(y) else { return nil }
            let d = parts.count == 3 ? parts[2] : 1
            guard let d, (1...31).contains(d) else { return nil }
            return (y, m, d)
        }
        guard let a = parse(start), let b = parse(date) else { return nil }
        let months = (b.0 - a.0) * 12 + (b.1 - a.1) + (b.2 >= a.2 ? 0 : -1)
        return months >= 0 ? months : nil
    }

    /// The timeline events that take effect after the end of a projection of `years` years
    /// (month 12 x `years`), and so change nothing in it, each as "timeline[i] (kind) at month
    /// m"; in order.
    /// - Complexity: O(timeline).
    public func timelineEventsAfter(years: Int) -> [String] {
        resolvingDates().timeline.enumerated().compactMap { i, event in
            event.startMonth > 12 * years ? "timeline[\(i)] (\(event.kind.rawValue)) at month \(event.startMonth)" : nil
        }
    }

    /// The scenario with dated timeline events converted to month offsets.
    public func resolvingDates() -> Scenario {
        var copy = self
        for i in copy.timeline.indices where copy.timeline[i].atMonth == nil {
            if let date = copy.timeline[i].date { copy.timeline[i].atMonth = Scenario.monthOffset(of: date, from: startDate) }
        }
        return copy
    }
}
