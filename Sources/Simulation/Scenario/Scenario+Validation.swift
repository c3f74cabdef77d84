import CareModel

extension Scenario {
    /// Every value out of range, as (JSON path, what was expected); empty when the scenario is usable.
    public func validationProblems() -> [(field: String, message: String)] {
        var problems: [(field: String, message: String)] = []
        func check(_ ok: Bool, _ field: String, _ value: Any, _ expected: String) {
            if !ok { problems.append((field, "\(field) \(value): expected \(expected)")) }
        }
        func probability(_ p: Double, _ field: String) { check(p >= 0 && p <= 1 && p.isFinite, field, p, "a probability 0-1") }
        func rate(_ r: Double, _ field: String) { check(r >= 0 && r.isFinite, field, r, "a number 0 or more") }
        func weights(_ w: [Double], _ field: String) {
            check(!w.isEmpty && w.allSatisfy { $0 >= 0 && $0.isFinite } && w.contains { $0 > 0 }, field, w,
                  "non-negative weights, not all zero")
        }
        check(version == 1, "version", version, "1 (the format this build reads)")
        check(years >= 0 && years <= 100, "years", years, "a whole number 0-100")
        check(runs >= 1 && runs <= 1_000_000, "runs", runs, "a whole number 1 or more")
        check(Scenario.monthOffset(of: startDate, from: "2000-01-01") != nil, "start_date", "\"\(startDate)\"", "a date YYYY-MM-DD")
        for band in AgeBand.allCases {
            rate(entries.perYearByAgeBand[band], "entries.per_year_by_age_band.\(band.key)")
            rate(exits.meanYearsByAgeBand[band], "exits.mean_years_by_age_band.\(band.key)")
            probability(findingHomes.kinshipProbability[band], "finding_homes.kinship_probability.\(band.key)")
            let d = exits.destinations[band]
            weights([d.home, d.adoption, d.specialGuardianship, d.other], "exits.destinations.\(band.key)")
        }
        check(entries.annualTrend > -1 && entries.annualTrend < 10, "entries.annual_trend", entries.annualTrend, "a growth rate above -1 (0.05 = 5% a year)")
        check(entries.seasonality.count == 12 && entries.seasonality.allSatisfy { $0 >= 0 } && entries.seasonality.contains { $0 > 0 },
              "entries.seasonality", entries.seasonality, "12 non-negative multipliers, January to December")
        weights(entries.siblingGroupSizes, "entries.sibling_group_sizes")
        if !entries.ageAtEntryWeights.isEmpty {
            check(entries.ageAtEntryWeights.count == 18 && entries.ageAtEntryWeights.allSatisfy { $0 >= 0 && $0.isFinite },
                  "entries.age_at_entry_weights", entries.ageAtEntryWeights, "18 non-negative weights, ages 0 to 17")
        }
        check(entries.siblingAgeGapYears >= 1, "entries.sibling_age_gap_years", entries.siblingAgeGapYears, "a whole number 1 or more")
        let n = entries.needs
        for (p, f) in [(n.disability, "disability"), (n.complex, "complex"), (n.trauma, "trauma"), (n.uasc16Plus, "uasc_16_plus"),
                       (n.exploitationRisk10Plus, "exploitation_risk_10_plus"), (n.solo, "solo")] {
            probability(p, "entries.needs.\(f)")
        }
        let u = entries.urgency
        weights([u.sameDay, u.emergency, u.planned], "entries.urgency")
        let r = entries.plannedRequests
        weights([r.shortTerm, r.longTerm, r.parentAndChild], "entries.planned_requests")
        rate(entries.homeScatterMiles, "entries.home_scatter_miles")
        rate(findingHomes.meetingsPerWeek, "finding_homes.meetings_per_week")
        for (p, f) in [(findingHomes.kinshipOver20MilesProbability, "kinship_over_20_miles_probability"),
                       (findingHomes.supportedProbability, "supported_probability"),
                       (findingHomes.residentialForComplexProbability, "residential_for_complex_probability"),
                       (findingHomes.otherProbability, "other_probability")] {
            probability(p, "finding_homes.\(f)")
        }
        for (v, f) in [(findingHomes.plannedMaxWaitDays, "planned_max_wait_days"), (findingHomes.plannedMoveAfterDays, "planned_move_after_days"),
                       (findingHomes.moveSearchDays, "move_search_days")] {
            rate(v, "finding_homes.\(f)")
        }
        check(ifa.capacity >= 0, "ifa.capacity", ifa.capacity, "a whole number 0 or more")
        probability(ifa.over20MilesProbability, "ifa.over_20_miles_probability")
        check(residential.ownBeds >= 0, "residential.own_beds", residential.ownBeds, "a whole number 0 or more")
        probability(residential.ownOver20MilesProbability, "residential.own_over_20_miles_probability")
        probability(residential.externalOver20MilesProbability, "residential.external_over_20_miles_probability")
        probability(supported.over20MilesProbability, "supported.over_20_miles_probability")
        for (v, f) in [(exits.placedForAdoptionMonths, "placed_for_adoption_months"), (exits.placedWithParentsMonths, "placed_with_parents_months"),
                       (exits.stayingPutYears, "staying_put_years")] {
            rate(v, "exits.\(f)")
        }
        probability(exits.placedWithParentsShare, "exits.placed_with_parents_share")
        probability(exits.placedForAdoptionShare, "exits.placed_for_adoption_share")
        probability(exits.stayingPutProbability, "exits.staying_put_probability")
        for type in PlacementType.allCases {
            rate(moves.breakdownsPerYear[type], "moves.breakdowns_per_year.\(type.rawValue)")
            rate(costs.weekly[type], "costs.weekly.\(type.rawValue)")
        }
        for from in PlacementType.allCases where moves.hasDestinations(from) {
            let row = moves.destinations[from.index]
            check(row.count == PlacementType.allCases.count, "moves.destinations.\(from.rawValue)", row, "one weight per placement type")
            weights(row, "moves.destinations.\(from.rawValue)")
        }
        for band in AgeBand.allCases where !moves.destinationAgeFactors[band.rawValue].isEmpty {
            let row = moves.destinationAgeFactors[band.rawValue]
            check(row.count == PlacementType.allCases.count && row.allSatisfy { $0 >= 0 && $0.isFinite },
                  "moves.destination_age_factors.\(band.key)", row, "one non-negative factor per placement type")
        }
        check(moves.frailtyShape >= 0 && moves.frailtyShape.isFinite, "moves.frailty_shape", moves.frailtyShape,
              "a gamma shape above 0 (0 = no frailty)")
        rate(moves.earlyMonths, "moves.early_months")
        check(moves.earlyFactor >= 1 && moves.earlyFactor.isFinite, "moves.early_factor", moves.earlyFactor, "a factor 1 or more")
        let s = moves.stepDown
        probability(s.residentialShare, "moves.step_down.residential_share")
        probability(s.ifaShare, "moves.step_down.ifa_share")
        check(s.maxPerMeeting >= 0, "moves.step_down.max_per_meeting", s.maxPerMeeting, "a whole number 0 or more")
        let rc = carers.recruitment
        rate(rc.enquiriesPerMonth, "carers.recruitment.enquiries_per_month")
        probability(rc.conversion, "carers.recruitment.conversion")
        check(rc.assessmentMonthsMin >= 0 && rc.assessmentMonthsMin <= rc.assessmentMonthsMax, "carers.recruitment.assessment_months_min",
              rc.assessmentMonthsMin, "0 or more and no more than assessment_months_max")
        weights(rc.placesDistribution, "carers.recruitment.places_distribution")
        rate(carers.resignationsPerHouseholdPerYear, "carers.resignations_per_household_per_year")
        probability(carers.leaveAfterSpecialGuardianship, "carers.leave_after_special_guardianship")
        probability(carers.leaveAfterReturnHome, "carers.leave_after_return_home")
        rate(carers.onHold.perHouseholdPerYear, "carers.on_hold.per_household_per_year")
        rate(carers.onHold.meanMonths, "carers.on_hold.mean_months")
        rate(costs.ownHomeWeeklyPerBed, "costs.own_home_weekly_per_bed")
        rate(costs.stayingPutWeekly, "costs.staying_put_weekly")
        check(costs.annualInflation > -1 && costs.annualInflation < 1, "costs.annual_inflation", costs.annualInflation, "a rate between -1 and 1")
        for (i, event) in timeline.enumerated() {
            let path = "timeline[\(i)]"
            if event.atMonth == nil, let date = event.date, Scenario.monthOffset(of: date, from: startDate) == nil {
                problems.append(("\(path).date", "\(path).date \"\(date)\": expected YYYY-MM or YYYY-MM-DD on or after start_date \(startDate)"))
            }
            if event.atMonth == nil, event.date == nil {
                problems.append(("\(path).at_month", "\(path): expected at_month (months after the start) or date"))
            }
            if let m = event.atMonth, m < 0 { problems.append(("\(path).at_month", "\(path).at_month \(m): expected 0 or more")) }
            switch event.kind {
            case .recruitmentCampaign:
                if event.extraEnquiriesPerMonth == nil && event.conversion == nil {
                    problems.append(("\(path).extra_enquiries_per_month", "\(path): recruitment_campaign expected extra_enquiries_per_month and/or conversion"))
                }
            case .newChildrensHome:
                if (event.beds ?? 0) <= 0 { problems.append(("\(path).beds", "\(path).beds: expected a whole number 1 or more")) }
            case .fasterExits, .retention:
                if !((event.factor ?? -1) >= 0) { problems.append(("\(path).factor", "\(path).factor: expected a multiplier 0 or more")) }
                let known = ["home", "adoption", "special_guardianship", "other"]
                for d in event.destinations ?? [] where !known.contains(d) {
                    problems.append(("\(path).destinations", "\(path).destinations \"\(d)\": expected one of \(known.joined(separator: ", "))"))
                }
            case .entryTrend:
                if event.annualTrend == nil && event.factor == nil {
                    problems.append(("\(path).annual_trend", "\(path): entry_trend expected annual_trend and/or factor"))
                }
            case .ifaCapacity:
                if (event.capacity ?? -1) < 0 { problems.append(("\(path).capacity", "\(path).capacity: expected a whole number 0 or more")) }
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
    public static func monthOffset(of date: String, from start: String) -> Int? {
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

    /// The scenario with dated timeline events converted to month offsets.
    public func resolvingDates() -> Scenario {
        var copy = self
        for i in copy.timeline.indices where copy.timeline[i].atMonth == nil {
            if let date = copy.timeline[i].date { copy.timeline[i].atMonth = Scenario.monthOffset(of: date, from: startDate) }
        }
        return copy
    }
}
