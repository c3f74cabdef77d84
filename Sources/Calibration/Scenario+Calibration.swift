import Interchange
import Simulation
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
    /// they become `moves.breakdowns_per_year` with `moves.destinations` (where moves from each
    /// type went) and `moves.frailty_shape` (how unevenly moves fall on children); step-down
    /// moves, moves on to supported accommodation and bridging moves are switched off (switch
    /// them back on to study a policy). `comments` holds, per section, where every number
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
        // A council whose in-house fostering grew (or shrank) by g a year needs g x households
        // more (fewer) approvals a year than the default county's balance.
        if let g = c.inHouseGrowthPerYear?.value, carers.recruitment.conversion > 0 {
            let extra = g * Double(county.inHouseHouseholds) / (12 * carers.recruitment.conversion)
            carers.recruitment.enquiriesPerMonth = max(0, carers.recruitment.enquiriesPerMonth + extra)
        }

        // Entries.
        if entryTotal > 0 {
            // The fitted count of the year ending on `to` is the rate at that year's middle; the
            // scenario's rate applies from `to` on, half a year of trend later.
            let halfYear = (1 + c.entries.trendPerYear.value).squareRoot()
            for band in AgeBand.allCases { entries.perYearByAgeBand.values[band.rawValue] = (c.entries.perYearByBand[band.key]?.value ?? 0) * halfYear }
            entries.annualTrend = c.entries.trendPerYear.value
        }
        if c.ageAtEntryShares.count >= 18, c.ageAtEntryShares.prefix(18).reduce(0, +) > 0 {
            entries.ageAtEntryWeights = Array(c.ageAtEntryShares.prefix(18))
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
            if p.adoptionViaPlacementShare.standardError != nil { exits.placedForAdoptionShare = p.adoptionViaPlacementShare.value }
        }

        // Moves: every observed move at its type's rate, to a type drawn from where moves from
        // that type went, with the observed spread of moves over children (frailty).
        for type in PlacementType.allCases {
            if let rate = c.moves.ratePerYear[type.rawValue], rate.standardError != nil {
                moves.breakdownsPerYear.values[type.index] = rate.value
            }
            if let row = c.moves.modelDestinations[type.rawValue], row.values.reduce(0, +) > 0 {
                moves.destinations[type.index] = PlacementType.allCases.map { row[$0.rawValue] ?? 0 }
            }
        }
        for band in AgeBand.allCases {
            if let row = c.moves.destinationAgeFactors[band.key] {
                moves.destinationAgeFactors[band.rawValue] = PlacementType.allCases.map { row[$0.rawValue] ?? 1 }
            }
        }
        moves.frailtyShape = c.moves.frailtyShape?.value ?? 0
        // The return's overdispersion is all in the frailty: no separate early hazard.
        moves.earlyMonths = 0
        moves.earlyFactor = 1
        moves.stepDown.enabled = false
        // Observed moves include moves on to supported accommodation and planned moves out of
        // bridging homes, so the simulator's own versions of them are switched off.
        exits.moveToSupportedPerYear = 0
        findingHomes.emergencyMoveProbability = 0

        // Where entrants are first placed. The simulator tries other settings, then relatives and
        // friends, then supported accommodation (16+), then residential care (10+), each with its
        // own probability, so the observed shares become probabilities given the earlier ones failed.
        let mix = { (band: AgeBand, type: PlacementType) -> Double in c.placementMixAtEntry[band.key]?[type.rawValue]?.value ?? 0 }
        let weights = AgeBand.allCases.map { entryTotal > 0 ? (c.entries.perYearByBand[$0.key]?.value ?? 0) / entryTotal : 0 }
        let other = entryTotal > 0 ? zip(AgeBand.allCases, weights).reduce(0.0) { $0 + $1.1 * mix($1.0, .other) } : findingHomes.otherProbability
        if entryTotal > 0 { findingHomes.otherProbability = other }
        func conditional(_ share: Double, given used: Double) -> Double { used < 1 ? min(1, max(0, share / (1 - used))) : 0 }
        for band in AgeBand.allCases where c.placementMixAtEntry[band.key]?[PlacementType.kinship.rawValue]?.standardError != nil {
            findingHomes.kinshipProbability.values[band.rawValue] = conditional(mix(band, .kinship), given: other)
        }
        if c.placementMixAtEntry[AgeBand.sixteenPlus.key]?[PlacementType.supported.rawValue]?.standardError != nil {
            // Teenagers with complex needs are not offered supported accommodation at entry.
            let notComplex = max(0.05, 1 - entries.needs.complex)
            findingHomes.supportedProbability = min(1, conditional(mix(.sixteenPlus, .supported), given: other + mix(.sixteenPlus, .kinship)) / notComplex)
        }
        let teens: [AgeBand] = [.tenToFifteen, .sixteenPlus]
        let teenWeight = teens.reduce(0.0) { $0 + weights[$1.rawValue] }
        if teenWeight > 0, teens.allSatisfy({ c.placementMixAtEntry[$0.key]?[PlacementType.residential.rawValue] != nil }) {
            let ten = conditional(mix(.tenToFifteen, .residential), given: other + mix(.tenToFifteen, .kinship))
            let sixteen = conditional(mix(.sixteenPlus, .residential), given: other + mix(.sixteenPlus, .kinship) + mix(.sixteenPlus, .supported))
            findingHomes.residentialProbability10Plus = (ten * weights[AgeBand.tenToFifteen.rawValue] + sixteen * weights[AgeBand.sixteenPlus.rawValue]) / teenWeight
            // SSDA903 does not record needs: complex teenagers go to residential care as often.
            findingHomes.residentialForComplexProbability = findingHomes.residentialProbability10Plus
        }
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
        if let g = c.inHouseGrowthPerYear {
            comments["carers"] = "recruitment.enquiries_per_month: the default county's, scaled to the council's in-house service, plus growth x households / (12 x conversion) approvals' worth, growth \((1000 * g.value).rounded() / 10)% a year: \(g.source)"
        }
        var entries = [line("per_year_by_age_band (all)", c.entries.perYear).map { $0 + " (the fitted count of the year ending on \(c.to), times sqrt(1 + annual_trend): the rate on \(c.to), half a year after that year's middle)" },
                       line("annual_trend", c.entries.trendPerYear),
                       "sibling_group_sizes: " + c.siblingGroups.groupSizeShares.map(\.source).joined(separator: "; ") + " (\(c.siblingGroups.rule))",
                       line("needs.uasc_16_plus", c.uascShareOfEntries)].compactMap { $0 }
        entries += AgeBand.allCases.compactMap { line("per_year_by_age_band.\($0.key)", c.entries.perYearByBand[$0.key]) }
        entries.append("age_at_entry_weights: single years of age at entry of the entries \(c.from) to \(c.to)")
        comments["entries"] = entries.joined(separator: " | ")
        var exits = AgeBand.allCases.compactMap { line("mean_years_by_age_band.\($0.key)", c.timeInCare[$0.key]?.meanYears) }
        exits.append("short_stay_share: 0 (exponential stays, as estimated)")
        if let p = c.pathways {
            exits.append("placed_with_parents_share: \(p.homeViaParentsShare.source)")
            exits.append("placed_with_parents_months: \(p.withParentsMonths.source)")
            exits.append("placed_for_adoption_months: \(p.placedForAdoptionMonths.source)")
            exits.append("placed_for_adoption_share: \(p.adoptionViaPlacementShare.source)")
        }
        exits.append("destinations: exits before 18 by age band at entry, " + ExitDestinationEstimates.destinations.compactMap { d in c.exitDestinations.shares[d].map { "\(d) \($0.source)" } }.joined(separator: "; "))
        comments["exits"] = exits.joined(separator: " | ")
        var moves = PlacementType.allCases.compactMap { line("breakdowns_per_year.\($0.rawValue)", c.moves.ratePerYear[$0.rawValue]) }
        moves += PlacementType.allCases.compactMap { from in
            guard let row = c.moves.counts[from.rawValue] else { return nil }
            let n = row.values.reduce(0, +)
            return "destinations.\(from.rawValue): \(Calibration.count(n)) moves from \(from.label) \(c.from) to \(c.to): " + PlacementType.allCases.compactMap { to in row[to.rawValue].map { "\(Calibration.count($0)) to \(to.rawValue)" } }.joined(separator: ", ")
        }
        moves.append("destinations and destination_age_factors: where moves went by type moved from and by age band at the move, combined as P(to | from, band) proportional to destinations[from][to] x destination_age_factors[band][to] (log-linear model without three-way interaction, fitted to both observed tables by iterative proportional fitting)")
        if let k = c.moves.frailtyShape { moves.append("frailty_shape: \(k.source)") }
        moves.append("early_months 0: the spread of moves over children is all given to the frailty")
        moves.append("step_down disabled, exits.move_to_supported_per_year 0 and finding_homes.emergency_move_probability 0: the observed moves already include planned moves, moves on to supported accommodation and moves out of bridging homes")
        comments["moves"] = moves.joined(separator: " | ")
        comments["finding_homes"] = AgeBand.allCases.compactMap { band in
            line("first placement mix \(band.key), kinship", c.placementMixAtEntry[band.key]?[PlacementType.kinship.rawValue])
        }.joined(separator: " | ") + " | supported, residential and other probabilities: first placements of entries by age band; the simulator tries other, kinship, supported (16+), residential (10+) in turn, so each is the observed share divided by the share left after the earlier ones (kinship_probability = kinship share / (1 - other share))"
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
