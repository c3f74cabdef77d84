import CareModel

extension Scenario {
    /// A scenario whose rates and starting population come from a calibrated SSDA903 return.
    ///
    /// What the return tells is taken from it: the starting population (children in care on the
    /// calibration's last day, by placement type and age band), entries by age band with their
    /// trend and sibling groups, time in care by age at entry (pure exponential stays, as
    /// estimated), exit destinations by age at entry, moves by placement type, placement at
    /// entry (relatives and friends, residential, supported, other) and distances. What it cannot
    /// tell — fostering households, costs, matching rules — keeps `base`'s values, with in-house
    /// and agency capacity scaled to the council's size. Observed moves include planned moves, so
    /// they become `moves.breakdowns_per_year` (kinship: the net outflow, as the simulator only
/// places with relatives at entry) and step-down moves are switched off (switch them
    /// back on to study a step-down policy). `comments` holds, per section, where every number
    /// came from; `CalibrationScenarioFile` writes them into the JSON.
    public init(calibration c: CalibrationResult, name: String, base: Scenario = Scenario()) {
        self = base
        self.name = name
        startDate = c.to.adding(days: 1).description
        description = "Calibrated from an SSDA903 return, \(c.from) to \(c.to); starts from the \(c.census.total) children in care on \(c.to). See each section's comment for the sources."

        // Starting population.
        var county = base.start.profile
        let defaults = county
        county.name = name
        county.childrenInCare = c.census.total
        if c.census.total > 0 {
            county.ageBandWeights = Dictionary(uniqueKeysWithValues: AgeBand.allCases.map { ($0.key, Double(c.census.byBand[$0.key] ?? 0)) })
            county.placementWeights = Dictionary(uniqueKeysWithValues: PlacementType.allCases.map { ($0.rawValue, Double(c.census.byType[$0.rawValue] ?? 0)) })
        }
        let entryTotal = c.entries.perYear.value
        // The county generator draws the starting children's ages at entry from these weights
        // (the defaults are the March 2024 snapshot's "age at entry, same children").
        if c.census.byEntryBand.values.reduce(0, +) > 0 {
            county.entryAgeBandWeights = Dictionary(uniqueKeysWithValues: AgeBand.allCases.map { ($0.key, Double(c.census.byEntryBand[$0.key] ?? 0)) })
        }
        if let d = c.distance, !d.over20MilesShareByType.isEmpty {
            for (type, share) in d.over20MilesShareByType { county.over20MilesShare[type] = share }
        }
        func scale(_ type: PlacementType) -> Double {
            let now = Double(c.census.byType[type.rawValue] ?? 0)
            let reference = defaults.placementWeights[type.rawValue] ?? 0
            return reference > 0 && now > 0 ? now / reference : 1
        }
        let inHouseScale = scale(.inHouseFoster), ifaScale = scale(.ifaFoster)
        county.inHouseHouseholds = max(1, Int((Double(defaults.inHouseHouseholds) * inHouseScale).rounded()))
        county.inHousePlaces = max(county.inHouseHouseholds, Int((Double(defaults.inHousePlaces) * inHouseScale).rounded()))
        county.ifaHouseholds = max(1, Int((Double(defaults.ifaHouseholds) * ifaScale).rounded()))
        county.ifaVacancies = max(1, Int((Double(defaults.ifaVacancies) * ifaScale).rounded()))
        let totalScale = defaults.childrenInCare > 0 && c.census.total > 0 ? Double(c.census.total) / Double(defaults.childrenInCare) : 1
        county.referrals = max(1, Int((Double(defaults.referrals) * totalScale).rounded()))
        start.county = county
        ifa.capacity = max(1, Int((Double(base.ifa.capacity) * ifaScale).rounded()))
        // Recruitment is a flow of enquiries: scaled like the households it replaces.
        carers.recruitment.enquiriesPerMonth = base.carers.recruitment.enquiriesPerMonth * inHouseScale

        // Entries.
        if entryTotal > 0 {
            for band in AgeBand.allCases { entries.perYearByAgeBand.values[band.rawValue] = c.entries.perYearByBand[band.key]?.value ?? 0 }
            entries.annualTrend = c.entries.trendPerYear.value
        }
        let sizes = c.siblingGroups.groupSizeShares.map(\.value)
        if sizes.reduce(0, +) > 0 { entries.siblingGroupSizes = sizes }
        let sixteen = c.entries.perYearByBand[AgeBand.sixteenPlus.key]?.value ?? 0
        if sixteen > 0 { entries.needs.uasc16Plus = min(1, c.uascShareOfEntries.value * entryTotal / sixteen) }

        // Exits.
        for band in AgeBand.allCases {
            if let t = c.timeInCare[band.key], t.exits > 0 {
                exits.meanYearsByAgeBand.values[band.rawValue] = t.meanYears.value
                exits.shortStayShare.values[band.rawValue] = 0
            }
            if let shares = c.exitDestinations.sharesByEntryBand[band.key] {
                var d = ExitDestinations()
                d.home = shares["returned_home"] ?? 0
                d.adoption = shares["adopted"] ?? 0
                d.specialGuardianship = shares["special_guardianship"] ?? 0
                d.other = (shares["independent_living"] ?? 0) + (shares["other"] ?? 0)
                if d.home + d.adoption + d.specialGuardianship + d.other > 0 { exits.destinations.values[band.rawValue] = d }
            }
        }

        // Exit pathways (placed with parents before going home, placed for adoption before adoption).
        if let p = c.pathways {
            if p.homeViaParentsShare.standardError != nil { exits.placedWithParentsShare = p.homeViaParentsShare.value }
            if p.withParentsMonths.value > 0 { exits.placedWithParentsMonths = p.withParentsMonths.value }
            if p.placedForAdoptionMonths.value > 0 { exits.placedForAdoptionMonths = p.placedForAdoptionMonths.value }
        }

        // Moves.
        for type in PlacementType.allCases {
            if let rate = c.moves.ratePerYear[type.rawValue], rate.standardError != nil {
                moves.breakdownsPerYear.values[type.index] = rate.value
            }
        }
        // The simulator places with relatives and friends only at entry, so a child who leaves a
        // kinship placement never comes back to one: use the net outflow (moves out of kinship
        // minus moves into it from other types) so that the kinship population keeps its balance.
        let kinship = PlacementType.kinship.rawValue
        if let exposure = c.moves.exposureYears[kinship], exposure > 0 {
            let out = (c.moves.counts[kinship] ?? [:]).filter { $0.key != kinship }.values.reduce(0, +)
            let into = c.moves.counts.filter { $0.key != kinship }.values.reduce(0) { $0 + ($1[kinship] ?? 0) }
            moves.breakdownsPerYear.values[PlacementType.kinship.index] = Double(max(0, out - into)) / exposure
        }
        moves.stepDown.enabled = false

        // Where entrants are first placed.
        for band in AgeBand.allCases {
            if let share = c.placementMixAtEntry[band.key]?[PlacementType.kinship.rawValue], share.standardError != nil {
                findingHomes.kinshipProbability.values[band.rawValue] = share.value
            }
        }
        if let mix = c.placementMixAtEntry[AgeBand.sixteenPlus.key]?[PlacementType.supported.rawValue], mix.standardError != nil {
            findingHomes.supportedProbability = mix.value
        }
        let teen = [AgeBand.tenToFifteen, .sixteenPlus].compactMap { c.placementMixAtEntry[$0.key]?[PlacementType.residential.rawValue] }
        let teenWeights = [AgeBand.tenToFifteen, .sixteenPlus].map { c.entries.perYearByBand[$0.key]?.value ?? 0 }
        if teen.count == 2, teenWeights.reduce(0, +) > 0 {
            findingHomes.residentialProbability10Plus = (teen[0].value * teenWeights[0] + teen[1].value * teenWeights[1]) / teenWeights.reduce(0, +)
        }
        var otherShare = 0.0
        for band in AgeBand.allCases {
            let w = entryTotal > 0 ? (c.entries.perYearByBand[band.key]?.value ?? 0) / entryTotal : 0
            otherShare += w * (c.placementMixAtEntry[band.key]?[PlacementType.other.rawValue]?.value ?? 0)
        }
        if entryTotal > 0 { findingHomes.otherProbability = otherShare }
        if let d = c.distance {
            if let k = d.over20MilesShareByType[PlacementType.kinship.rawValue] { findingHomes.kinshipOver20MilesProbability = k }
            if let i = d.over20MilesShareByType[PlacementType.ifaFoster.rawValue] { ifa.over20MilesProbability = i }
            if let r = d.over20MilesShareByType[PlacementType.residential.rawValue] { residential.externalOver20MilesProbability = r }
            if let s = d.over20MilesShareByType[PlacementType.supported.rawValue] { supported.over20MilesProbability = s }
        }
    }

    /// Per scenario section, where its calibrated numbers came from (for JSON `comment` fields).
    public static func calibrationComments(_ c: CalibrationResult) -> [String: String] {
        func line(_ label: String, _ e: Estimate?) -> String? {
            guard let e else { return nil }
            return "\(label): \(e.source)"
        }
        var comments: [String: String] = [:]
        comments["start"] = "Children in care on \(c.to): \(c.census.total), by placement type, age band and age band at entry, counted from the return; fostering households, costs and districts are not in SSDA903: scaled from the default county in proportion to the council's in-house, IFA and total counts (households, places, agency capacity, recruitment enquiries, referrals)."
        var entries = [line("per_year_by_age_band (all)", c.entries.perYear), line("annual_trend", c.entries.trendPerYear),
                       "sibling_group_sizes: " + c.siblingGroups.groupSizeShares.map(\.source).joined(separator: "; ") + " (\(c.siblingGroups.rule))",
                       line("needs.uasc_16_plus", c.uascShareOfEntries)].compactMap { $0 }
        entries += AgeBand.allCases.compactMap { line("per_year_by_age_band.\($0.key)", c.entries.perYearByBand[$0.key]) }
        comments["entries"] = entries.joined(separator: " | ")
        var exits = AgeBand.allCases.compactMap { line("mean_years_by_age_band.\($0.key)", c.timeInCare[$0.key]?.meanYears) }
        exits.append("short_stay_share: 0 (exponential stays, as estimated)")
        if let p = c.pathways {
            exits.append("placed_with_parents_share: \(p.homeViaParentsShare.source)")
            exits.append("placed_with_parents_months: \(p.withParentsMonths.source)")
            exits.append("placed_for_adoption_months: \(p.placedForAdoptionMonths.source)")
        }
        exits.append("destinations: exits before 18 by age band at entry, " + ExitDestinationEstimates.destinations.compactMap { d in c.exitDestinations.shares[d].map { "\(d) \($0.source)" } }.joined(separator: "; "))
        comments["exits"] = exits.joined(separator: " | ")
        var moves = PlacementType.allCases.compactMap { line("breakdowns_per_year.\($0.rawValue)", c.moves.ratePerYear[$0.rawValue]) }
        moves.append("breakdowns_per_year.kinship is the net outflow (moves out of kinship care minus moves into it), because the simulator places with relatives only at entry")
        moves.append("step_down disabled: the observed moves already include planned moves")
        comments["moves"] = moves.joined(separator: " | ")
        comments["finding_homes"] = AgeBand.allCases.compactMap { band in
            line("first placement mix \(band.key), kinship", c.placementMixAtEntry[band.key]?[PlacementType.kinship.rawValue])
        }.joined(separator: " | ") + " | supported, residential and other probabilities: first placements of entries by age band"
        if let d = c.distance {
            let text = "over-20-miles probabilities: \(d.over20MilesShare.source)"
            comments["ifa"] = text
            comments["residential"] = text
            comments["supported"] = text
            comments["finding_homes"]! += " | kinship over 20 miles: " + d.over20MilesShare.source
        }
        return comments
    }
}
