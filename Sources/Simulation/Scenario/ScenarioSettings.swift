import CareModel
import Interchange

/// Every scenario setting, declared once per section: key, property, kind, range and help.
///
/// From these schemas come the located checks run on a file before anything else reads it
/// (so every value out of range is reported where it is written, and nothing enormous ever
/// reaches the simulator), decoding over each section's defaults, encoding (`--print-scenario`),
/// and the field tables of `docs/scenario-format.md` (`ScenarioSettings.markdown`; a test fails
/// when they disagree). The defaults themselves are the sections' property initialisers.
/// Ranges are wide enough for any English council or for England as a whole; work that could
/// still be enormous (runs x years x population) is estimated by `Scenario.workEstimate` and
/// refused beyond a limit the user can raise.
enum ScenarioSettings {
    static let bands = AgeBand.allCases.map(\.key)
    static let types = PlacementType.allCases.map(\.rawValue)
    static let weight = 0.0...1_000_000
    static let perYear = 0.0...12
    static let days = 0.0...3650
    static let months = 0.0...240
    static let weekly = 0.0...1_000_000

    /// The top level of a scenario file.
    static let scenario = SettingsSchema<Scenario>([
        .wholeNumber("version", \.version, 1...1, "the format version (1)"),
        .text("name", \.name, as: .label, "a short name; the default output folder is `out/<name>/`"),
        .text("description", \.description, "what the scenario represents and where its numbers come from (or `comment`)"),
        .text("base", \.base, "a scenario file this one overrides (relative to it) or a bundled scenario's name"),
        .text("start_date", \.startDate, as: .date, "the first day of the projection (the snapshot date)"),
        .wholeNumber("years", \.years, 0...100, "the default horizon (`--years` wins)"),
        .wholeNumber("runs", \.runs, 1...1_000_000, "the default number of Monte Carlo runs (`--runs` wins)"),
        .seed("seed", \.seed, "the default seed (`--seed` wins)"),
        .section("start", \.start, start, "the starting county"),
        .section("entries", \.entries, entries, "children coming into care"),
        .section("finding_homes", \.findingHomes, findingHomes, "the order of preference"),
        .section("ifa", \.ifa, ifa, "the independent fostering agency market"),
        .section("residential", \.residential, residential, "children's homes"),
        .section("supported", \.supported, supported, "supported accommodation"),
        .section("exits", \.exits, exits, "leaving care"),
        .section("moves", \.moves, moves, "placement moves"),
        .section("carers", \.carers, carers, "in-house fostering households"),
        .section("costs", \.costs, costs, "weekly costs"),
        .sections("timeline", \.timeline, timelineEvent, count: 0...1000, "plans and events"),
        .texts("history", \.history, count: 0...100, "published figures files (DfE, Ofsted; relative to the scenario file) drawn beside the projection"),
    ], default: Scenario.init, finish: { json, scenario in
        // `comment` is read as the description when there is no `description`.
        if json["description"] == nil, let comment = json["comment"]?.string { scenario.description = comment }
    })

    static let start = SettingsSchema<StartSettings>([
        .text("preset", \.preset, as: .choice(StartSettings.presets), "`county` (the March 2024 county) or `england` (85,000 children, 45,000 households)"),
        .section("county", \.county, county, "a county profile (fields below); fields left out keep the county defaults; overrides `preset`"),
        .seed("county_seed", \.countySeed, "seed of the synthetic county (the same snapshot for every run)"),
    ], default: StartSettings.init)

    static let entries = SettingsSchema<EntrySettings>([
        .flag("enabled", \.enabled, "switch entries off"),
        .bands("per_year_by_age_band", \.perYearByAgeBand, 0...100_000, "children entering a year by age band at entry (294 in total, 2023/24)"),
        .number("annual_trend", \.annualTrend, -0.9...1, "growth a year, compounding monthly (0.05 = +5%/yr)"),
        .numbers("seasonality", \.seasonality, 0...12, count: 12...12, "multipliers January-December (normalised to mean 1)"),
        .numbers("sibling_group_sizes", \.siblingGroupSizes, weight, count: 1...20, "chances of groups of 1, 2, 3, ... children"),
        .wholeNumber("sibling_age_gap_years", \.siblingAgeGapYears, 1...17, "siblings' ages differ by up to this many years per sibling"),
        .section("needs", \.needs, needs, "chances of each need at entry"),
        .section("urgency", \.urgency, urgency, "`same_day`, `emergency` (placed at once), `planned` (at family-finding meetings); 238/225/273 in 2021/22"),
        .section("planned_requests", \.plannedRequests, plannedRequests, "`short_term`, `long_term`, `parent_and_child` (babies only)"),
        .choice("emergency_request", \.emergencyRequest, "the approval an urgent request needs"),
        .namedNumbers("district_weights", \.districtWeights, weight, "family homes by district name, each one of the county's districts (empty = the county profile's child shares)"),
        .number("home_scatter_miles", \.homeScatterMiles, 0...100, "homes scattered this far from the district centre"),
        .numbers("age_at_entry_weights", \.ageAtEntryWeights, weight, count: 0...18, "optional: 18 weights of single years of age 0-17 at entry, within each band", omittedWhenEmpty: true),
    ], default: EntrySettings.init)

    static let needs = SettingsSchema<NeedRates>([
        .probability("disability", \.disability, "disabled"),
        .probability("complex", \.complex, "complex needs"),
        .probability("trauma", \.trauma, "trauma"),
        .probability("uasc_16_plus", \.uasc16Plus, "unaccompanied asylum seeking, among 16-17-year-olds"),
        .probability("exploitation_risk_10_plus", \.exploitationRisk10Plus, "at risk of exploitation, among children 10 and over"),
        .probability("solo", \.solo, "must be the only child in the home"),
    ], default: NeedRates.init)

    static let urgency = SettingsSchema<UrgencyMix>([
        .number("same_day", \.sameDay, weight, "placed the same day"),
        .number("emergency", \.emergency, weight, "placed at once"),
        .number("planned", \.planned, weight, "matched at family-finding meetings"),
    ], default: UrgencyMix.init)

    static let plannedRequests = SettingsSchema<RequestMix>([
        .number("short_term", \.shortTerm, weight, "short-term homes"),
        .number("long_term", \.longTerm, weight, "long-term homes"),
        .number("parent_and_child", \.parentAndChild, weight, "parent and child (babies only)"),
    ], default: RequestMix.init)

    static let findingHomes = SettingsSchema<FindingHomeSettings>([
        .number("meetings_per_week", \.meetingsPerWeek, 0...7, "family-finding meetings, where planned requests are matched jointly"),
        .flag("kinship_enabled", \.kinshipEnabled, "look for relatives and friends first"),
        .bands("kinship_probability", \.kinshipProbability, 0...1, "relatives and friends found, by age band"),
        .probability("kinship_over_20_miles_probability", \.kinshipOver20MilesProbability, "relatives and friends live over 20 miles away"),
        .wholeNumber("supported_from_age", \.supportedFromAge, 0...18, "youngest age for supported accommodation"),
        .probability("supported_probability", \.supportedProbability, "entrants that age without complex needs going to supported accommodation"),
        .probability("residential_for_complex_probability", \.residentialForComplexProbability, "entrants 10+ with complex needs going straight to residential care"),
        .probability("residential_probability_10_plus", \.residentialProbability10Plus, "other entrants 10+ going straight to residential care"),
        .probability("emergency_move_probability", \.emergencyMoveProbability, "emergency in-house placements that are bridging homes, followed by a planned move"),
        .probability("other_probability", \.otherProbability, "entrants placed in other settings (hospital, secure, custody)"),
        .number("planned_max_wait_days", \.plannedMaxWaitDays, days, "a planned request waits this long for an in-house home before an agency is asked"),
        .number("poor_fit_score", \.poorFitScore, 0...100, "an emergency in-house placement scoring below this is followed by a planned move"),
        .number("planned_move_after_days", \.plannedMoveAfterDays, days, "when a planned move is looked for"),
        .number("move_search_days", \.moveSearchDays, days, "how long a planned move is looked for"),
        .flag("matching_enabled", \.matchingEnabled, "use the matching engine (off: nearest household passing the integer checks)"),
    ], default: FindingHomeSettings.init)

    static let ifa = SettingsSchema<IFAMarketSettings>([
        .flag("enabled", \.enabled, "whether agencies can be used"),
        .wholeNumber("capacity", \.capacity, 0...1_000_000, "agency places the council can use at once (163 used in March 2024)"),
        .probability("over_20_miles_probability", \.over20MilesProbability, "an agency home is over 20 miles from the family home"),
    ], default: IFAMarketSettings.init)

    static let residential = SettingsSchema<ResidentialSettings>([
        .wholeNumber("own_beds", \.ownBeds, 0...100_000, "council children's home beds at the start"),
        .probability("own_over_20_miles_probability", \.ownOver20MilesProbability, "an own home is over 20 miles away"),
        .probability("external_over_20_miles_probability", \.externalOver20MilesProbability, "an external home is over 20 miles away"),
        .flag("own_home_step_down", \.ownHomeStepDown, "move children from external homes into free own beds"),
    ], default: ResidentialSettings.init)

    static let supported = SettingsSchema<SupportedSettings>([
        .flag("enabled", \.enabled, "whether supported accommodation is used"),
        .probability("over_20_miles_probability", \.over20MilesProbability, "it is over 20 miles from the family home"),
    ], default: SupportedSettings.init)

    static let exitDestinations = SettingsSchema<ExitDestinations>([
        .number("home", \.home, weight, "return to parents or family"),
        .number("adoption", \.adoption, weight, "adoption order"),
        .number("special_guardianship", \.specialGuardianship, weight, "special guardianship"),
        .number("other", \.other, weight, "other (child arrangements order, transfers, ...)"),
    ], default: ExitDestinations.init)

    static let exits = SettingsSchema<ExitSettings>([
        .flag("enabled", \.enabled, "off: children stay until their 18th birthday"),
        .bands("mean_years_by_age_band", \.meanYearsByAgeBand, 0...100, "mean time in care by age band at entry (before the 18th birthday cuts it)"),
        .bands("short_stay_share", \.shortStayShare, 0...1, "share of stays that are short (a mixture of a short and a long exponential)"),
        .number("short_stay_mean_years", \.shortStayMeanYears, 0...100, "mean of the short stays"),
        .bandSections("destinations", \.destinations, exitDestinations, "weights of `home`, `adoption`, `special_guardianship`, `other` by age band"),
        .number("placed_for_adoption_months", \.placedForAdoptionMonths, months, "children leaving by adoption live with the adopters first"),
        .probability("placed_with_parents_share", \.placedWithParentsShare, "children going home placed with parents first"),
        .probability("placed_for_adoption_share", \.placedForAdoptionShare, "children leaving by adoption placed for adoption first", omittedAt: 1),
        .number("placed_with_parents_months", \.placedWithParentsMonths, months, "how long placement with parents lasts"),
        .probability("staying_put_probability", \.stayingPutProbability, "18-year-olds in foster care keeping the carer's place"),
        .number("staying_put_years", \.stayingPutYears, 0...10, "mean years a staying-put young person keeps the place"),
        .number("move_to_supported_per_year", \.moveToSupportedPerYear, perYear, "rate at which 16-17s in foster or residential care move to supported accommodation"),
    ], default: ExitSettings.init)

    static let stepDown = SettingsSchema<StepDownSettings>([
        .flag("enabled", \.enabled, "switch step-down moves off"),
        .number("after_months", \.afterMonths, months, "only after this long in the current home"),
        .probability("residential_share", \.residentialShare, "children in residential care ready to step down to foster care"),
        .probability("ifa_share", \.ifaShare, "children with agency carers who would move to in-house carers"),
        .wholeNumber("max_per_meeting", \.maxPerMeeting, 0...10_000, "at most this many step-down moves a meeting"),
        .wholeNumber("reserve_vacancies", \.reserveVacancies, 0...100_000, "in-house vacancies kept for new entrants"),
        .number("min_score", \.minScore, 0...100, "the in-house match must score at least this"),
    ], default: StepDownSettings.init)

    static let moves = SettingsSchema<MoveSettings>([
        .flag("breakdowns_enabled", \.breakdownsEnabled, "switch breakdowns (the per-type move process) off"),
        .types("breakdowns_per_year", \.breakdownsPerYear, perYear, "moves a child-year by the placement type moved from"),
        .typeTable("destinations", \.destinations, rows: types, missing: 0, weight, "optional: where moves from each type go (weights, missing types 0)"),
        .typeTable("destination_age_factors", \.destinationAgeFactors, rows: bands, missing: 1, weight, "optional: multipliers of the destination weights by age band (missing 1)"),
        .number("frailty_shape", \.frailtyShape, 0...1000, "gamma shape of a per-child multiplier (mean 1) of every move rate (0 = none)"),
        .number("early_months", \.earlyMonths, 0...120, "months in which a placement's move hazard is `early_factor` times higher"),
        .number("early_factor", \.earlyFactor, 1...20, "how much higher the hazard is in a placement's first `early_months`"),
        .section("step_down", \.stepDown, stepDown, "step-down moves when a fitting place frees up"),
    ], default: MoveSettings.init)

    static let recruitment = SettingsSchema<RecruitmentSettings>([
        .flag("enabled", \.enabled, "switch recruitment off"),
        .number("enquiries_per_month", \.enquiriesPerMonth, 0...100_000, "enquiries a month"),
        .probability("conversion", \.conversion, "share of enquiries ending in approval"),
        .number("assessment_months_min", \.assessmentMonthsMin, 0...120, "shortest time from enquiry to approval"),
        .number("assessment_months_max", \.assessmentMonthsMax, 0...120, "longest time from enquiry to approval"),
        .numbers("places_distribution", \.placesDistribution, weight, count: 1...10, "new households approved for 1, 2, 3, ... places"),
        .namedNumbers("district_weights", \.districtWeights, weight, "where new carers live, by name of one of the county's districts (empty = the county's carer shares)"),
        .ageRanges("age_range_weights", \.ageRangeWeights, weight, omittedWhenEmpty: true,
                   "optional: weights of approved age ranges, e.g. `{\"0-4\": 1, \"11-17\": 3}` (empty = like a current household)"),
        .tokenShares("approval_shares", \.approvalShares, Approvals.self,
                     "optional: chance of each approval, drawn independently; short-term if none (empty = like a current household)"),
        .tokenShares("skill_shares", \.skillShares, Skills.self,
                     "optional: chance of each skill, drawn independently (empty = like a current household)"),
        .sections("profiles", \.profiles, recruitmentProfile, count: 0...1000,
                  "optional: kinds of household recruited, by `share`; a field a profile leaves out is drawn as above", omittedWhenEmpty: true),
    ], default: RecruitmentSettings.init)

    static let recruitmentProfile = SettingsSchema<RecruitmentProfile>([
        .text("district", \.district, "the district it lives in (absent = drawn by `district_weights`)"),
        .wholeNumber("min_age", \.minAge, 0...17, "youngest age approved (absent: 0, or drawn when `max_age` is absent too)"),
        .wholeNumber("max_age", \.maxAge, 0...17, "oldest age approved (absent: 17, or drawn when `min_age` is absent too)"),
        .wholeNumber("places", \.places, 1...10, "approved places (absent = drawn from `places_distribution`)"),
        .words("approvals", \.approvals, Approvals.tokens.map(\.1), "its approvals (absent = drawn)"),
        .words("skills", \.skills, Skills.tokens.map(\.1), "its skills (absent = drawn)"),
        .number("share", \.share, weight, "weight of this profile among the profiles"),
    ], default: RecruitmentProfile.init)

    static let onHold = SettingsSchema<OnHoldSettings>([
        .flag("enabled", \.enabled, "switch on-hold periods off"),
        .number("per_household_per_year", \.perHouseholdPerYear, perYear, "times a year a household goes on hold"),
        .number("mean_months", \.meanMonths, months, "mean length of a hold"),
    ], default: OnHoldSettings.init)

    static let carers = SettingsSchema<CarerSettings>([
        .section("recruitment", \.recruitment, recruitment, "new households"),
        .flag("resignations_enabled", \.resignationsEnabled, "switch resignations off"),
        .number("resignations_per_household_per_year", \.resignationsPerHouseholdPerYear, perYear, "about 30 a year from 215 households"),
        .probability("leave_after_special_guardianship", \.leaveAfterSpecialGuardianship, "carers stopping when their child leaves by special guardianship"),
        .probability("leave_after_return_home", \.leaveAfterReturnHome, "carers stopping when their child goes home"),
        .section("on_hold", \.onHold, onHold, "illness, allegations, rest"),
    ], default: CarerSettings.init)

    static let costs = SettingsSchema<CostSettings>([
        .types("weekly", \.weekly, weekly, "pounds a week per child by placement type, at the start date"),
        .number("own_home_weekly_per_bed", \.ownHomeWeeklyPerBed, weekly, "running cost of an own children's home bed, used or not"),
        .number("staying_put_weekly", \.stayingPutWeekly, weekly, "pounds a week for a staying-put young person"),
        .number("annual_inflation", \.annualInflation, -0.9...0.9, "cost growth a year"),
        .section("recruitment", \.recruitment, recruitmentCosts, "recruiting and supporting in-house carers"),
    ], default: CostSettings.init)

    static let recruitmentCosts = SettingsSchema<RecruitmentCostSettings>([
        .number("marketing_per_enquiry", \.marketingPerEnquiry, weekly, "marketing a fostering enquiry (counted at the enquiry rate)"),
        .number("marketing_per_approval", \.marketingPerApproval, weekly, "marketing counted per approved household instead or as well"),
        .number("assessment_per_approval", \.assessmentPerApproval, weekly, "assessment, checks, panel and training per approved household"),
        .number("support_per_household_per_year", \.supportPerHouseholdPerYear, weekly, "supervising social work and training a year per approved household"),
        .number("new_carer_weekly_extra", \.newCarerWeeklyExtra, weekly, "a week per child placed with a household approved during the projection, beyond `weekly.in_house`"),
    ], default: RecruitmentCostSettings.init)

    static let timelineEvent = SettingsSchema<TimelineEvent>([
        .choice("kind", \.kind, "what happens"),
        .wholeNumber("at_month", \.atMonth, 0...1200, "months after the start"),
        .text("date", \.date, as: .dateOrMonth, "or the date it happens"),
        .wholeNumber("months", \.months, 0...1200, "`recruitment_campaign`: how many months it lasts, from `at_month` (absent = to the end); other kinds last to the end"),
        .number("extra_enquiries_per_month", \.extraEnquiriesPerMonth, .number(0...100_000), "`recruitment_campaign`: more enquiries"),
        .number("conversion", \.conversion, .probability, "`recruitment_campaign`: their conversion"),
        .wholeNumber("beds", \.beds, 0...10_000, "`new_childrens_home`: council beds opening"),
        .number("weekly_cost_per_bed", \.weeklyCostPerBed, .number(weekly), "`new_childrens_home`: their cost"),
        .number("factor", \.factor, .number(0...100), "`faster_exits`, `entry_trend`, `retention`: a multiplier"),
        .words("destinations", \.destinations, ["home", "adoption", "special_guardianship", "other"], "`faster_exits`: the destinations it applies to (absent = all)"),
        .number("annual_trend", \.annualTrend, .number(-0.9...1), "`entry_trend`: the new trend"),
        .wholeNumber("capacity", \.capacity, 0...1_000_000, "`ifa_capacity`: the new capacity"),
        .text("comment", \.comment, "what the event stands for"),
    ], ignoring: [], required: ["kind"], default: { TimelineEvent() })

    /// A county profile (`start.county`), over the county defaults.
    static let county = SettingsSchema<CountyProfile>(countyPlaces + countyPeople, default: { CountyProfile.default })

    static let countyPlaces: [SettingField<CountyProfile>] = [
        .text("name", \.name, as: .label, "the county's name"),
        .sections("districts", \.districts, district, count: 1...1000, "localities where families and carers live"),
        .number("county_radius_miles", \.countyRadiusMiles, 0.1...1000, "distance from the centre beyond which a home is out of county"),
        .number("ifa_min_miles", \.ifaMinMiles, 0...1000, "agency carers live at least this far from the centre"),
        .number("ifa_max_miles", \.ifaMaxMiles, 0...1000, "and at most this far"),
        .flag("ifa_around_districts", \.ifaAroundDistricts, "agency carers live around the districts instead of in a ring"),
        .namedNumbers("over_20_miles_share", \.over20MilesShare, 0...1, "children placed over 20 miles from home, by placement type"),
    ]

    static let countyPeople: [SettingField<CountyProfile>] = [
        .wholeNumber("children_in_care", \.childrenInCare, 0...200_000, "children in care at the start"),
        .namedNumbers("age_band_weights", \.ageBandWeights, weight, "children in care by age band (counts or weights)"),
        .namedNumbers("placement_weights", \.placementWeights, weight, "children in care by placement type (counts or weights)"),
        .namedNumbers("entry_age_band_weights", \.entryAgeBandWeights, weight, "children entering care by age band"),
        .probability("male_share", \.maleShare, "boys among children in care"),
        .namedNumbers("need_shares", \.needShares, 0...1, "share with each need (children.csv tokens)"),
        .namedNumbers("ethnicity_weights", \.ethnicityWeights, weight, "SSDA903 ethnic codes"),
        .wholeNumber("in_house_households", \.inHouseHouseholds, 0...100_000, "in-house fostering households"),
        .wholeNumber("in_house_places", \.inHousePlaces, 0...300_000, "their approved places (1-3 a household)"),
        .probability("on_hold_share", \.onHoldShare, "in-house households on hold"),
        .namedNumbers("approval_shares", \.approvalShares, 0...1, "share of each approval among in-house households"),
        .ageRanges("age_range_weights", \.inHouseAgeRangeWeights, weight, omittedWhenEmpty: false,
                   "weights of the age ranges in-house carers are approved for, keyed `\"youngest-oldest\"` (agency carers keep these defaults)"),
        .namedNumbers("skill_shares", \.skillShares, 0...1, "share of each skill among households"),
        .probability("own_children_share", \.ownChildrenShare, "carers with children of their own at home"),
        .number("in_house_weekly_cost", \.inHouseWeeklyCost, weekly, "pounds a week, in-house"),
        .wholeNumber("ifa_households", \.ifaHouseholds, 0...100_000, "agency households near and beyond the border"),
        .wholeNumber("ifa_vacancies", \.ifaVacancies, 0...300_000, "free agency places at the start"),
        .number("ifa_weekly_cost", \.ifaWeeklyCost, weekly, "pounds a week, agency"),
        .wholeNumber("referrals", \.referrals, 0...200_000, "a family-finding meeting's referrals"),
        .probability("sibling_referral_share", \.siblingReferralShare, "share of referrals that are brothers and sisters"),
        .numbers("sibling_group_size_weights", \.siblingGroupSizeWeights, weight, count: 4...4, "weights of sibling groups of 2, 3, 4, 5"),
        .namedNumbers("request_weights", \.requestWeights, weight, "placement requests among referrals"),
        .number("mean_days_waiting", \.meanDaysWaiting, days, "mean days a referral has been waiting"),
        .probability("sibling_share_in_care", \.siblingShareInCare, "children in care with a brother or sister in care"),
        .numbers("siblings_apart_share_by_size", \.siblingsApartShareBySize, 0...1, count: 4...4, "groups of 2, 3, 4, 5 living apart from at least one of them"),
    ]

    static let radiusMiles = SettingField<CountyProfile.District>.number("radius_miles", \.radiusMiles, 0.1...1000, "homes scattered within this radius")
    static let childShare = SettingField<CountyProfile.District>.number("child_share", \.childShare, weight, "weight of children's family homes here")
    static let carerShare = SettingField<CountyProfile.District>.number("carer_share", \.carerShare, weight, "weight of in-house carers here")

    static let district = SettingsSchema<CountyProfile.District>([
        .text("name", \.name, as: .label, "the district's name"),
        .number("latitude", \.latitude, -90...90, "its centre"),
        .number("longitude", \.longitude, -180...180, "its centre"),
        radiusMiles, childShare, carerShare,
        .alias("radiusMiles", of: radiusMiles), .alias("childShare", of: childShare), .alias("carerShare", of: carerShare),
    ], required: ["name", "latitude", "longitude", "radius_miles|radiusMiles", "child_share|childShare", "carer_share|carerShare"],
       default: { CountyProfile.District(name: "", latitude: 0, longitude: 0, radiusMiles: 0, childShare: 0, carerShare: 0) })

    /// Every section with its JSON path, in the order the documentation lists them.
    static var sections: [(path: String, table: SettingsTable)] {
        [("", scenario.table), ("start", start.table), ("start.county", county.table), ("start.county.districts[]", district.table),
         ("entries", entries.table), ("entries.needs", needs.table), ("entries.urgency", urgency.table),
         ("entries.planned_requests", plannedRequests.table), ("finding_homes", findingHomes.table), ("ifa", ifa.table),
         ("residential", residential.table), ("supported", supported.table), ("exits", exits.table),
         ("exits.destinations.<band>", exitDestinations.table), ("moves", moves.table), ("moves.step_down", stepDown.table),
         ("carers", carers.table), ("carers.recruitment", recruitment.table),
         ("carers.recruitment.profiles[]", recruitmentProfile.table), ("carers.on_hold", onHold.table),
         ("costs", costs.table), ("costs.recruitment", recruitmentCosts.table), ("timeline[]", timelineEvent.table)]
    }
}

extension SettingField {
    /// Chances of the tokens of a token set (approvals, skills), any subset written; left out
    /// when empty.
    static func tokenShares<Tokens: TokenSet>(_ key: String, _ path: WritableKeyPath<Section, [String: Double]>, _ type: Tokens.Type,
                                              _ help: String) -> Self {
        let tokens = Tokens.tokens.map(\.1)
        return Self(Setting(key, .keyedNumbers(tokens, 0...1), help),
                    read: { json, s in
                        var map: [String: Double] = [:]
                        for token in tokens { if let x = json[token]?.double { map[token] = x } }
                        s[keyPath: path] = map
                    },
                    write: { s in
                        let map = s[keyPath: path]
                        return map.isEmpty ? nil : .object(tokens.compactMap { t in map[t].map { (t, .double($0)) } })
                    })
    }

    /// A value per age band; the bands given replace the section's defaults.
    static func bands(_ key: String, _ path: WritableKeyPath<Section, ByAgeBand<Double>>, _ range: ClosedRange<Double>, _ help: String) -> Self {
        let keys = AgeBand.allCases.map(\.key)
        return Self(Setting(key, .keyedNumbers(keys, range), help),
                    read: { json, s in
                        for band in AgeBand.allCases { if let x = json[band.key]?.double { s[keyPath: path][band] = x } }
                    },
                    write: { s in .object(AgeBand.allCases.map { ($0.key, .double(s[keyPath: path][$0])) }) })
    }

    /// A section per age band; each band given is read over the section's own defaults.
    static func bandSections<Inner>(_ key: String, _ path: WritableKeyPath<Section, ByAgeBand<Inner>>, _ schema: SettingsSchema<Inner>,
                                    _ help: String) -> Self {
        Self(Setting(key, .keyedSections(AgeBand.allCases.map(\.key), schema.table), help),
             read: { json, s in
                 for band in AgeBand.allCases { if let inner = json[band.key] { s[keyPath: path][band] = schema.decode(inner) } }
             },
             write: { s in .object(AgeBand.allCases.map { ($0.key, schema.encoded(s[keyPath: path][$0])) }) })
    }

    /// A value per placement type; the types given replace the section's defaults.
    static func types(_ key: String, _ path: WritableKeyPath<Section, ByPlacementType<Double>>, _ range: ClosedRange<Double>, _ help: String) -> Self {
        Self(Setting(key, .keyedNumbers(PlacementType.allCases.map(\.rawValue), range), help),
             read: { json, s in
                 for type in PlacementType.allCases { if let x = json[type.rawValue]?.double { s[keyPath: path][type] = x } }
             },
             write: { s in .object(PlacementType.allCases.map { ($0.rawValue, .double(s[keyPath: path][$0])) }) })
    }

    /// Rows (keyed by `rows`, in that order) of a value per placement type. A row given replaces
    /// the default's whole row, its missing types `missing`; rows not given are empty. Written
    /// without empty rows and without values equal to `missing`; nothing when every row is empty.
    static func typeTable(_ key: String, _ path: WritableKeyPath<Section, [[Double]]>, rows: [String], missing: Double,
                          _ range: ClosedRange<Double>, _ help: String) -> Self {
        let types = PlacementType.allCases
        return Self(Setting(key, .keyedRows(rows: rows, columns: types.map(\.rawValue), range), help),
                    read: { json, s in
                        var table: [[Double]] = Array(repeating: [], count: rows.count)
                        for (i, row) in rows.enumerated() {
                            guard let cells = json[row] else { continue }
                            table[i] = types.map { cells[$0.rawValue]?.double ?? missing }
                        }
                        s[keyPath: path] = table
                    },
                    write: { s in
                        let table = s[keyPath: path]
                        guard table.contains(where: { !$0.isEmpty }) else { return nil }
                        return .object(zip(rows, table).filter { !$0.1.isEmpty }.map { key, row in
                            (key, .object(types.filter { row[$0.index] != missing }.map { ($0.rawValue, .double(row[$0.index])) }))
                        })
                    })
    }
}
