import CareModel

extension ExitDestinations {
    /// Weights for home, adoption, special guardianship and other.
    public init(home: Double, adoption: Double, specialGuardianship: Double, other: Double) {
        self.init()
        self.home = home
        self.adoption = adoption
        self.specialGuardianship = specialGuardianship
        self.other = other
    }
}

extension ExitSettings {
    /// Babies and toddlers leave mostly by adoption and special guardianship; older children mostly go home.
    public static let defaultDestinations = ByAgeBand<ExitDestinations>(
        ExitDestinations(home: 0.20, adoption: 0.60, specialGuardianship: 0.15, other: 0.05),
        ExitDestinations(home: 0.35, adoption: 0.35, specialGuardianship: 0.25, other: 0.05),
        ExitDestinations(home: 0.55, adoption: 0.05, specialGuardianship: 0.30, other: 0.10),
        ExitDestinations(home: 0.70, adoption: 0.00, specialGuardianship: 0.12, other: 0.18),
        ExitDestinations(home: 0.75, adoption: 0.00, specialGuardianship: 0.05, other: 0.20))
}

/// A plan or event that changes the system from a month onwards.
///
/// Flat on purpose: each `kind` reads the few fields it needs (see docs/scenario-format.md).
public struct TimelineEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// More enquiries a month (`extra_enquiries_per_month`), optionally better `conversion`.
        case recruitmentCampaign = "recruitment_campaign"
        /// A council children's home with `beds` beds (`weekly_cost_per_bed` overrides the default).
        case newChildrensHome = "new_childrens_home"
        /// Time in care multiplied by `factor` (< 1 = faster) for leavers to `destinations`.
        case fasterExits = "faster_exits"
        /// A new annual entry trend (`annual_trend`) from this month, or `factor` on the entry rate.
        case entryTrend = "entry_trend"
        /// Resignations multiplied by `factor` (0.5 = halved).
        case retention = "retention"
        /// Agency capacity set to `capacity`.
        case ifaCapacity = "ifa_capacity"
    }

    public var kind: Kind = .recruitmentCampaign
    /// Months after the start date (0 = at once); or give `date`.
    public var atMonth: Int? = nil
    /// `YYYY-MM` or `YYYY-MM-DD`; converted to whole months after the start date.
    public var date: String? = nil
    /// For `recruitment_campaign`: how many months it lasts; absent = for the rest of the run.
    /// Other kinds last to the end of the run (a second event undoes them).
    public var months: Int? = nil
    public var extraEnquiriesPerMonth: Double? = nil
    public var conversion: Double? = nil
    public var beds: Int? = nil
    public var weeklyCostPerBed: Double? = nil
    public var factor: Double? = nil
    /// For `faster_exits`: `home`, `adoption`, `special_guardianship`, `other` (absent = all).
    public var destinations: [String]? = nil
    public var annualTrend: Double? = nil
    public var capacity: Int? = nil
    public var comment: String? = nil

    /// The month the event takes effect (months after the start; dates are resolved to
    /// `atMonth` by `Scenario.resolvingDates`).
    package var startMonth: Int { max(0, atMonth ?? 0) }

    public init(kind: Kind, atMonth: Int) {
        self.kind = kind
        self.atMonth = atMonth
    }

    /// A recruitment campaign with no time yet (the reader's starting point).
    init() {}

    /// Read and written by `ScenarioSettings.timelineEvent`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.timelineEvent.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.timelineEvent.encoded(self).encode(to: encoder) }
}

/// The county the projection starts from: a synthetic county matching the snapshot.
public struct StartSettings: Codable, Sendable, Equatable {
    /// Seed of the synthetic starting county (the same county for every run).
    public var countySeed: UInt64 = 1
    /// A named county profile: `county` (the March 2024 county) or `england` (national size).
    public var preset: String = "county"
    /// The county profile itself; fields left out keep the county defaults. Overrides `preset`.
    public var county: CountyProfile? = nil

    public init() {}

    public static let presets = ["county", "england"]

    /// The county profile this start uses.
    public var profile: CountyProfile {
        if let county { return county }
        return preset == "england" ? .england : .default
    }

    /// Read and written by `ScenarioSettings.start`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.start.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.start.encoded(self).encode(to: encoder) }
}
