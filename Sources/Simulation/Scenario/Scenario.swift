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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, name, description, base, comment
        case startDate = "start_date"
        case years, runs, seed, start, entries
        case findingHomes = "finding_homes"
        case ifa, residential, supported, exits, moves, carers, costs, timeline, history
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Scenario()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.value(.version, or: d.version)
        name = try c.value(.name, or: d.name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
            ?? c.decodeIfPresent(String.self, forKey: .comment) ?? d.description
        base = try c.decodeIfPresent(String.self, forKey: .base)
        startDate = try c.value(.startDate, or: d.startDate)
        years = try c.value(.years, or: d.years)
        runs = try c.value(.runs, or: d.runs)
        seed = try c.value(.seed, or: d.seed)
        start = try c.value(.start, or: d.start)
        entries = try c.value(.entries, or: d.entries)
        findingHomes = try c.value(.findingHomes, or: d.findingHomes)
        ifa = try c.value(.ifa, or: d.ifa)
        residential = try c.value(.residential, or: d.residential)
        supported = try c.value(.supported, or: d.supported)
        exits = try c.value(.exits, or: d.exits)
        moves = try c.value(.moves, or: d.moves)
        carers = try c.value(.carers, or: d.carers)
        costs = try c.value(.costs, or: d.costs)
        timeline = try c.value(.timeline, or: d.timeline)
        history = try c.value(.history, or: d.history)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encodeIfPresent(base, forKey: .base)
        try c.encode(startDate, forKey: .startDate)
        try c.encode(years, forKey: .years)
        try c.encode(runs, forKey: .runs)
        try c.encode(seed, forKey: .seed)
        try c.encode(start, forKey: .start)
        try c.encode(entries, forKey: .entries)
        try c.encode(findingHomes, forKey: .findingHomes)
        try c.encode(ifa, forKey: .ifa)
        try c.encode(residential, forKey: .residential)
        try c.encode(supported, forKey: .supported)
        try c.encode(exits, forKey: .exits)
        try c.encode(moves, forKey: .moves)
        try c.encode(carers, forKey: .carers)
        try c.encode(costs, forKey: .costs)
        try c.encode(timeline, forKey: .timeline)
        if !history.isEmpty { try c.encode(history, forKey: .history) }
    }
}
