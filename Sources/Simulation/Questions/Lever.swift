/// Something a council can change, as one number, for `hearth target`: how a value of it is
/// written into a scenario, its usual range and the step worth resolving.
public enum Lever: String, CaseIterable, Sendable {
    /// New in-house fostering households approved a year (sets `carers.recruitment.enquiries_per_month`
    /// at the scenario's enquiry-to-approval conversion).
    case approvals
    /// Recruitment enquiries a month (`carers.recruitment.enquiries_per_month`).
    case enquiries
    /// Annual growth of entries to care (`entries.annual_trend`, e.g. 0.05 = 5% a year).
    case entriesTrend = "entries-trend"
    /// Resignations per household per year (`carers.resignations_per_household_per_year`).
    case resignationRate = "resignation-rate"
    /// Beds in new council children's homes, open from the start (added to `residential.own_beds`).
    case newBeds = "new-beds"
    /// Children the agency (IFA) market takes at once (`ifa.capacity`).
    case ifaCapacity = "ifa-capacity"

    /// What the lever is, for messages and reports.
    public var summary: String {
        switch self {
        case .approvals: "new in-house households approved a year"
        case .enquiries: "recruitment enquiries a month"
        case .entriesTrend: "annual growth of entries to care"
        case .resignationRate: "resignations per household per year"
        case .newBeds: "beds in new council children's homes"
        case .ifaCapacity: "children the agency market takes at once"
        }
    }

    /// Whether only whole values make sense (beds, places).
    public var isWhole: Bool { self == .newBeds || self == .ifaCapacity }

    /// The smallest difference worth telling apart: the search stops there.
    public var resolution: Double {
        switch self {
        case .approvals: 0.5
        case .enquiries: 0.5
        case .entriesTrend: 0.0025
        case .resignationRate: 0.0025
        case .newBeds, .ifaCapacity: 1
        }
    }

    /// The lever's value in `scenario` (0 new beds for any scenario).
    public func value(in scenario: Scenario) -> Double {
        let recruitment = scenario.carers.recruitment
        switch self {
        case .approvals: return recruitment.enabled ? recruitment.enquiriesPerMonth * recruitment.conversion * 12 : 0
        case .enquiries: return recruitment.enabled ? recruitment.enquiriesPerMonth : 0
        case .entriesTrend: return scenario.entries.annualTrend
        case .resignationRate: return scenario.carers.resignationsEnabled ? scenario.carers.resignationsPerHouseholdPerYear : 0
        case .newBeds: return 0
        case .ifaCapacity: return Double(scenario.ifa.capacity)
        }
    }

    /// `scenario` with the lever set to `value` (whole levers rounded).
    public func applied(_ value: Double, to scenario: Scenario) -> Scenario {
        var s = scenario
        let v = isWhole ? value.rounded() : value
        switch self {
        case .approvals:
            s.carers.recruitment.enabled = true
            let conversion = s.carers.recruitment.conversion > 0 ? s.carers.recruitment.conversion : 0.085
            s.carers.recruitment.conversion = conversion
            s.carers.recruitment.enquiriesPerMonth = max(0, v) / 12 / conversion
        case .enquiries:
            s.carers.recruitment.enabled = true
            s.carers.recruitment.enquiriesPerMonth = max(0, v)
        case .entriesTrend:
            s.entries.annualTrend = v
        case .resignationRate:
            s.carers.resignationsEnabled = true
            s.carers.resignationsPerHouseholdPerYear = max(0, v)
        case .newBeds:
            s.residential.ownBeds = scenario.residential.ownBeds + max(0, Int(v))
        case .ifaCapacity:
            s.ifa.capacity = max(0, Int(v))
        }
        return s
    }

    /// The range searched when none is given: from none (or a fall) to well beyond the
    /// scenario's value.
    public func defaultRange(for scenario: Scenario) -> ClosedRange<Double> {
        let now = value(in: scenario)
        switch self {
        case .approvals: return 0...max(100, 4 * now)
        case .enquiries: return 0...max(100, 4 * now)
        case .entriesTrend: return -0.10...0.15
        case .resignationRate: return 0...max(0.5, 3 * now)
        case .newBeds: return 0...60
        case .ifaCapacity: return 0...max(500, 3 * now)
        }
    }
}
