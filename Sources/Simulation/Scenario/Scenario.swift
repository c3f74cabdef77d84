import CareModel

/// A sufficiency scenario: the starting county, every process rate, and the plans on a timeline.
///
/// Every field has a default (the Gloucestershire-like county baseline, see
/// `docs/scenario-format.md`), so a scenario file need only name what it changes. Keys are
/// snake_case; unknown keys are errors, so a misspelt field is never silently ignored.
public struct Scenario: Codable, Sendable, Equatable {
    /// The format version; this build reads version 1.
    public var version: Int = 1
    /// A short name, used for the default output folder (`out/<name>/`).
    public var name: String = "county-baseline"
    /// What the scenario represents and where its numbers come from.
    public var description: String = ""
    /// A file this one overrides (resolved by the reader; kept for the record).
    public var base: String? = nil
    /// The first day of the projection, `YYYY-MM-DD` (the snapshot date).
    public var startDate: String = "2024-04-01"
    /// The default horizon in years (the command line's `--years` wins).
    public var years: Int = 10
    /// The default number of Monte Carlo runs (`--runs` wins).
    public var runs: Int = 200
    /// The default seed (`--seed` wins).
    public var seed: UInt64 = 2024
    /// The county and the snapshot the projection starts from.
    public var start: StartSettings = .init()
    public var entries: EntrySettings = .init()
    public var findingHomes: FindingHomeSettings = .init()
    public var ifa: IFAMarketSettings = .init()
    public var residential: ResidentialSettings = .init()
    public var supported: SupportedSettings = .init()
    public var exits: ExitSettings = .init()
    public var moves: MoveSettings = .countyBaseline
    public var carers: CarerSettings = .init()
    public var costs: CostSettings = .init()
    /// Plans and events, each from a month or date.
    public var timeline: [TimelineEvent] = []
    /// Published figures (DfE and Ofsted local-authority CSV files, paths relative to the
    /// scenario file) drawn beside the projection in the report; `hearth simulate --history` adds more.
    public var history: [String] = []

    public init() {}

    /// Read and written by `ScenarioSettings.scenario`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.scenario.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.scenario.encoded(self).encode(to: encoder) }
}
