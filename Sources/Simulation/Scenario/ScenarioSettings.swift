import CareModel
import Interchange

/// Every scenario setting with its range, declared once per section.
///
/// `ScenarioFile` checks a file against these tables before decoding it (so every value out of
/// range is reported where it is written, and nothing enormous ever reaches the simulator), and
/// the field tables of `docs/scenario-format.md` are made from them (a test fails when they
/// disagree). Ranges are wide enough for any English council or for England as a whole; work
/// that could still be enormous (runs x years x population) is estimated by
/// `Scenario.workEstimate` and refused beyond a limit the user can raise.
public enum ScenarioSettings {
    static let bands = AgeBand.allCases.map(\.key)
    static let types = PlacementType.allCases.map(\.rawValue)
    static let weight = 0.0...1_000_000
    static let perYear = 0.0...12
    static let days = 0.0...3650
    static let months = 0.0...240
    static let weekly = 0.0...1_000_000

    /// The top level of a scenario file.
    public static let scenario = SettingsTable([
        Setting("version", .wholeNumber(1...1), "the format version (1)"),
        Setting("name", .text, "a short name; the default output folder is `out/<name>/`"),
        Setting("description", .text, "what the scenario represents and where its numbers come from"),
        Setting("base", .text, "a scenario file this one overrides (relative to it) or a bundled scenario's name"),
        Setting("start_date", .date, "the first day of the projection (the snapshot date)"),
        Setting("years", .wholeNumber(0...100), "the default horizon (`--years` wins)"),
        Setting("runs", .wholeNumber(1...1_000_000), "the default number of Monte Carlo runs (`--runs` wins)"),
        Setting("seed", .seed, "the default seed (`--seed` wins)"),
        Setting("start", .section(start), "the starting county"),
        Setting("entries", .section(entries), "children coming into care"),
        Setting("finding_homes", .section(findingHomes), "the order of preference"),
        Setting("ifa", .section(ifa), "the independent fostering agency market"),
        Setting("residential", .section(residential), "children's homes"),
        Setting("supported", .section(supported), "supported accommodation"),
        Setting("exits", .section(exits), "leaving care"),
        Setting("moves", .section(moves), "placement moves"),
        Setting("carers", .section(carers), "in-house fostering households"),
        Setting("costs", .section(costs), "weekly costs"),
        Setting("timeline", .sections(timelineEvent, count: 0...1000), "plans and events"),
    ])

    public static let start = SettingsTable([
        Setting("preset", .choice(StartSettings.presets), "`county` (the March 2024 county) or `england` (85,000 children, 45,000 households)"),
        Setting("county", .section(county), "a county profile (fields below); fields left out keep the county defaults"),
        Setting("county_seed", .seed, "seed of the synthetic county (the same snapshot for every run)"),
    ])

    public static let entries = SettingsTable([
        Setting("enabled", .flag, "switch entries off"),
        Setting("per_year_by_age_band", .keyedNumbers(bands, 0...100_000), "children entering a year by age band at entry (294 in total, 2023/24)"),
        Setting("annual_trend", .number(-0.9...1), "growth a year, compounding monthly (0.05 = +5%/yr)"),
        Setting("seasonality", .numbers(0...12, count: 12...12), "multipliers January-December (normalised to mean 1)"),
        Setting("sibling_group_sizes", .numbers(weight, count: 1...20), "chances of groups of 1, 2, 3, ... children"),
        Setting("sibling_age_gap_years", .wholeNumber(1...17), "siblings' ages differ by up to this many years per sibling"),
        Setting("needs", .section(needs), "chances of each need at entry"),
        Setting("urgency", .section(urgency), "`same_day`, `emergency` (placed at once), `planned` (at family-finding meetings); 238/225/273 in 2021/22"),
        Setting("planned_requests", .section(plannedRequests), "`short_term`, `long_term`, `parent_and_child` (babies only)"),
        Setting("emergency_request", .choice(PlacementRequest.allCases.map(\.rawValue)), "the approval an urgent request needs"),
        Setting("district_weights", .namedNumbers(weight), "family homes by district name (empty = the county profile's child shares)"),
        Setting("home_scatter_miles", .number(0...100), "homes scattered this far from the district centre"),
        Setting("age_at_entry_weights", .numbers(weight, count: 0...18), "optional: 18 weights of single years of age 0-17 at entry, within each band"),
    ])

    public static let needs = SettingsTable([
        Setting("disability", .probability, ""),
        Setting("complex", .probability, ""),
        Setting("trauma", .probability, ""),
        Setting("uasc_16_plus", .probability, "among 16-17-year-olds"),
        Setting("exploitation_risk_10_plus", .probability, "among children 10 and over"),
        Setting("solo", .probability, "must be the only child in the home"),
    ])

    public static let urgency = SettingsTable([
        Setting("same_day", .number(weight), ""),
        Setting("emergency", .number(weight), ""),
        Setting("planned", .number(weight), ""),
    ])

    public static let plannedRequests = SettingsTable([
        Setting("short_term", .number(weight), ""),
        Setting("long_term", .number(weight), ""),
        Setting("parent_and_child", .number(weight), ""),
    ])

    public static let findingHomes = SettingsTable([
        Setting("meetings_per_week", .number(0...7), "family-finding meetings, where planned requests are matched jointly"),
        Setting("kinship_enabled", .flag, "look for relatives and friends first"),
        Setting("kinship_probability", .keyedNumbers(bands, 0...1), "relatives and friends found, by age band"),
        Setting("kinship_over_20_miles_probability", .probability, "relatives and friends live over 20 miles away"),
        Setting("supported_from_age", .wholeNumber(0...18), "youngest age for supported accommodation"),
        Setting("supported_probability", .probability, "entrants that age without complex needs going to supported accommodation"),
        Setting("residential_for_complex_probability", .probability, "entrants 10+ with complex needs going straight to residential care"),
        Setting("residential_probability_10_plus", .probability, "other entrants 10+ going straight to residential care"),
        Setting("emergency_move_probability", .probability, "emergency in-house placements that are bridging homes, followed by a planned move"),
        Setting("other_probability", .probability, "entrants placed in other settings (hospital, secure, custody)"),
        Setting("planned_max_wait_days", .number(days), "a planned request waits this long for an in-house home before an agency is asked"),
        Setting("poor_fit_score", .number(0...100), "an emergency in-house placement scoring below this is followed by a planned move"),
        Setting("planned_move_after_days", .number(days), "when a planned move is looked for"),
        Setting("move_search_days", .number(days), "how long a planned move is looked for"),
        Setting("matching_enabled", .flag, "use the matching engine (off: nearest household passing the integer checks)"),
    ])

    public static let ifa = SettingsTable([
        Setting("enabled", .flag, "whether agencies can be used"),
        Setting("capacity", .wholeNumber(0...1_000_000), "agency places the council can use at once (163 used in March 2024)"),
        Setting("over_20_miles_probability", .probability, "an agency home is over 20 miles from the family home"),
    ])

    public static let residential = SettingsTable([
        Setting("own_beds", .wholeNumber(0...100_000), "council children's home beds at the start"),
        Setting("own_over_20_miles_probability", .probability, "an own home is over 20 miles away"),
        Setting("external_over_20_miles_probability", .probability, "an external home is over 20 miles away"),
        Setting("own_home_step_down", .flag, "move children from external homes into free own beds"),
    ])

    public static let supported = SettingsTable([
        Setting("enabled", .flag, "whether supported accommodation is used"),
        Setting("over_20_miles_probability", .probability, "it is over 20 miles from the family home"),
    ])

    public static let exitDestinations = SettingsTable([
        Setting("home", .number(weight), ""),
        Setting("adoption", .number(weight), ""),
        Setting("special_guardianship", .number(weight), ""),
        Setting("other", .number(weight), ""),
    ])

    public static let exits = SettingsTable([
        Setting("enabled", .flag, "off: children stay until their 18th birthday"),
        Setting("mean_years_by_age_band", .keyedNumbers(bands, 0...100), "mean time in care by age band at entry (before the 18th birthday cuts it)"),
        Setting("short_stay_share", .keyedNumbers(bands, 0...1), "share of stays that are short (a mixture of a short and a long exponential)"),
        Setting("short_stay_mean_years", .number(0...100), "mean of the short stays"),
        Setting("destinations", .keyedSections(bands, exitDestinations), "weights of `home`, `adoption`, `special_guardianship`, `other` by age band"),
        Setting("placed_for_adoption_months", .number(months), "children leaving by adoption live with the adopters first"),
        Setting("placed_with_parents_share", .probability, "children going home placed with parents first"),
        Setting("placed_for_adoption_share", .probability, "children leaving by adoption placed for adoption first"),
        Setting("placed_with_parents_months", .number(months), "how long placement with parents lasts"),
        Setting("staying_put_probability", .probability, "18-year-olds in foster care keeping the carer's place"),
        Setting("staying_put_years", .number(0...10), "mean years a staying-put young person keeps the place"),
        Setting("move_to_supported_per_year", .number(perYear), "rate at which 16-17s in foster or residential care move to supported accommodation"),
    ])

    public static let stepDown = SettingsTable([
        Setting("enabled", .flag, "switch step-down moves off"),
        Setting("after_months", .number(months), "only after this long in the current home"),
        Setting("residential_share", .probability, "children in residential care ready to step down to foster care"),
        Setting("ifa_share", .probability, "children with agency carers who would move to in-house carers"),
        Setting("max_per_meeting", .wholeNumber(0...10_000), "at most this many step-down moves a meeting"),
        Setting("reserve_vacancies", .wholeNumber(0...100_000), "in-house vacancies kept for new entrants"),
        Setting("min_score", .number(0...100), "the in-house match must score at least this"),
    ])

    public static let moves = SettingsTable([
        Setting("breakdowns_enabled", .flag, "switch breakdowns (the per-type move process) off"),
        Setting("breakdowns_per_year", .keyedNumbers(types, perYear), "moves a child-year by the placement type moved from"),
        Setting("destinations", .keyedRows(rows: types, columns: types, weight), "optional: where moves from each type go (weights, missing types 0)"),
        Setting("destination_age_factors", .keyedRows(rows: bands, columns: types, weight), "optional: multipliers of the destination weights by age band (missing 1)"),
        Setting("frailty_shape", .number(0...1000), "gamma shape of a per-child multiplier (mean 1) of every move rate (0 = none)"),
        Setting("early_months", .number(0...120), "months in which a placement's move hazard is `early_factor` times higher"),
        Setting("early_factor", .number(1...20), "how much higher the hazard is in a placement's first `early_months`"),
        Setting("step_down", .section(stepDown), "step-down moves when a fitting place frees up"),
    ])

    public static let recruitment = SettingsTable([
        Setting("enabled", .flag, "switch recruitment off"),
        Setting("enquiries_per_month", .number(0...100_000), "enquiries a month"),
        Setting("conversion", .probability, "share of enquiries ending in approval"),
        Setting("assessment_months_min", .number(0...120), "shortest time from enquiry to approval"),
        Setting("assessment_months_max", .number(0...120), "longest time from enquiry to approval"),
        Setting("places_distribution", .numbers(weight, count: 1...10), "new households approved for 1, 2, 3, ... places"),
        Setting("district_weights", .namedNumbers(weight), "where new carers live (empty = the county's carer shares)"),
    ])

    public static let onHold = SettingsTable([
        Setting("enabled", .flag, "switch on-hold periods off"),
        Setting("per_household_per_year", .number(perYear), "times a year a household goes on hold"),
        Setting("mean_months", .number(months), "mean length of a hold"),
    ])

    public static let carers = SettingsTable([
        Setting("recruitment", .section(recruitment), "new households"),
        Setting("resignations_enabled", .flag, "switch resignations off"),
        Setting("resignations_per_household_per_year", .number(perYear), "about 30 a year from 215 households"),
        Setting("leave_after_special_guardianship", .probability, "carers stopping when their child leaves by special guardianship"),
        Setting("leave_after_return_home", .probability, "carers stopping when their child goes home"),
        Setting("on_hold", .section(onHold), "illness, allegations, rest"),
    ])

    public static let costs = SettingsTable([
        Setting("weekly", .keyedNumbers(types, weekly), "pounds a week per child by placement type, at the start date"),
        Setting("own_home_weekly_per_bed", .number(weekly), "running cost of an own children's home bed, used or not"),
        Setting("staying_put_weekly", .number(weekly), "pounds a week for a staying-put young person"),
        Setting("annual_inflation", .number(-0.9...0.9), "cost growth a year"),
    ])

    public static let timelineEvent = SettingsTable([
        Setting("kind", .choice(TimelineEvent.Kind.allCases.map(\.rawValue)), "what happens"),
        Setting("at_month", .wholeNumber(0...1200), "months after the start"),
        Setting("date", .dateOrMonth, "or the date it happens"),
        Setting("months", .wholeNumber(0...1200), "how long it lasts (absent = to the end)"),
        Setting("extra_enquiries_per_month", .number(0...100_000), "`recruitment_campaign`: more enquiries"),
        Setting("conversion", .probability, "`recruitment_campaign`: their conversion"),
        Setting("beds", .wholeNumber(0...10_000), "`new_childrens_home`: council beds opening"),
        Setting("weekly_cost_per_bed", .number(weekly), "`new_childrens_home`: their cost"),
        Setting("factor", .number(0...100), "`faster_exits`, `entry_trend`, `retention`: a multiplier"),
        Setting("destinations", .choices(["home", "adoption", "special_guardianship", "other"]), "`faster_exits`: the destinations it applies to"),
        Setting("annual_trend", .number(-0.9...1), "`entry_trend`: the new trend"),
        Setting("capacity", .wholeNumber(0...1_000_000), "`ifa_capacity`: the new capacity"),
    ])

    /// A county profile (`start.county`).
    public static let county = SettingsTable([
        Setting("name", .text, "the county's name"),
        Setting("districts", .sections(district, count: 1...1000), "localities where families and carers live"),
        Setting("county_radius_miles", .number(0.1...1000), "distance from the centre beyond which a home is out of county"),
        Setting("children_in_care", .wholeNumber(0...200_000), "children in care at the start"),
        Setting("age_band_weights", .namedNumbers(weight), "children in care by age band (counts or weights)"),
        Setting("placement_weights", .namedNumbers(weight), "children in care by placement type (counts or weights)"),
        Setting("entry_age_band_weights", .namedNumbers(weight), "children entering care by age band"),
        Setting("male_share", .probability, ""),
        Setting("need_shares", .namedNumbers(0...1), "share with each need (children.csv tokens)"),
        Setting("ethnicity_weights", .namedNumbers(weight), "SSDA903 ethnic codes"),
        Setting("over_20_miles_share", .namedNumbers(0...1), "children placed over 20 miles from home, by placement type"),
        Setting("in_house_households", .wholeNumber(0...100_000), "in-house fostering households"),
        Setting("in_house_places", .wholeNumber(0...300_000), "their approved places (1-3 a household)"),
        Setting("on_hold_share", .probability, "in-house households on hold"),
        Setting("approval_shares", .namedNumbers(0...1), "share of each approval among in-house households"),
        Setting("skill_shares", .namedNumbers(0...1), "share of each skill among households"),
        Setting("own_children_share", .probability, "carers with children of their own at home"),
        Setting("in_house_weekly_cost", .number(weekly), ""),
        Setting("ifa_households", .wholeNumber(0...100_000), "agency households near and beyond the border"),
        Setting("ifa_vacancies", .wholeNumber(0...300_000), "free agency places at the start"),
        Setting("ifa_min_miles", .number(0...1000), "agency carers live at least this far from the centre"),
        Setting("ifa_max_miles", .number(0...1000), "and at most this far"),
        Setting("ifa_around_districts", .flag, "agency carers live around the districts instead of in a ring"),
        Setting("ifa_weekly_cost", .number(weekly), ""),
        Setting("referrals", .wholeNumber(0...200_000), "a family-finding meeting's referrals"),
        Setting("sibling_referral_share", .probability, "share of referrals that are brothers and sisters"),
        Setting("sibling_group_size_weights", .numbers(weight, count: 4...4), "weights of sibling groups of 2, 3, 4, 5"),
        Setting("request_weights", .namedNumbers(weight), "placement requests among referrals"),
        Setting("mean_days_waiting", .number(days), "mean days a referral has been waiting"),
        Setting("sibling_share_in_care", .probability, "children in care with a brother or sister in care"),
        Setting("siblings_apart_share_by_size", .numbers(0...1, count: 4...4), "groups of 2, 3, 4, 5 living apart from at least one of them"),
    ])

    public static let district = SettingsTable([
        Setting("name", .text, ""),
        Setting("latitude", .number(-90...90), ""),
        Setting("longitude", .number(-180...180), ""),
        Setting("radius_miles", .number(0.1...1000), "homes scattered within this radius"),
        Setting("child_share", .number(weight), "weight of children's family homes here"),
        Setting("carer_share", .number(weight), "weight of in-house carers here"),
        Setting("radiusMiles", .number(0.1...1000), "older spelling of `radius_miles`"),
        Setting("childShare", .number(weight), "older spelling of `child_share`"),
        Setting("carerShare", .number(weight), "older spelling of `carer_share`"),
    ])
}
