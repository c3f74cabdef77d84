import Simulation

/// A projection set against the published figures of the years it overlaps: for every measure
/// the model also counts, the published value beside the model's P10, P50 and P90.
///
/// Stocks are compared at 31 March (the month end before 1 April); flows over the twelve months
/// to 31 March, only for years wholly inside the run. Measures the model counts as a sum of
/// KPIs (DfE foster placements = in-house + agency + relatives and friends) are summed run by
/// run before taking percentiles.
public struct PublishedComparison: Sendable {
    public struct Row: Sendable {
        public var measure: PublishedFigures.Measure
        public var year: Int
        public var published: PublishedFigures.Figure
        public var model: Percentiles
        /// Whether the published value lies within the model's P10-P90.
        public var inside: Bool { published.value >= model.p10 - 1e-9 && published.value <= model.p90 + 1e-9 }
    }

    public var rows: [Row]

    /// The KPIs whose run-by-run sum the model gives for `measure`, if it has one.
    ///
    /// Ofsted's household and place counts include family and friends carers, which the model
    /// counts as relatives & friends placements, not households: they are drawn beside the
    /// model's in-house households and places for reference but marked as such in the report.
    package static func kpis(_ measure: PublishedFigures.Measure) -> [KPI]? {
        switch measure {
        case .childrenInCare: [.childrenInCare]
        case .started: [.entries]
        case .ceased: [.exits]
        case .fosterPlacements: [.inHouseFoster, .ifaFoster, .kinship]
        case .residentialPlacements: [.residential]
        case .supportedPlacements: [.supported]
        case .placedForAdoption: [.adoption]
        case .placedWithParents: [.withParents]
        case .otherPlacements: [.other]
        case .ageUnder1: [.ageUnder1]
        case .age1To4: [.age1To4]
        case .age5To9: [.age5To9]
        case .age10To15: [.age10To15]
        case .age16Plus: [.age16Plus]
        case .fosterHouseholds: [.households]
        case .fosterPlaces: [.approvedPlaces]
        case .householdsApproved: [.approvals]
        case .deregistrations: [.householdsLeaving]
        case .over20Miles, .outsideBoundary, .filledPlaces, .vacantPlaces, .unavailablePlaces, .enquiries, .applications: nil
        }
    }

    /// The month index (0 = the start) of 31 March `year` for a run starting on `startDate`
    /// (`YYYY-MM-DD`); the value recorded at the end of that month is the 31 March position.
    package static func marchMonth(_ year: Int, startDate: String) -> Int? {
        let parts = startDate.split(separator: "-").compactMap { Int($0) }
        guard parts.count >= 2 else { return nil }
        // Month m ends on the last day of calendar month (start month + m - 1); March ends 31 March.
        // A run starting on 1 April has its snapshot (month 0) as the 31 March position.
        return (year - parts[0]) * 12 + (3 - parts[1]) + 1
    }

    public init(results: SimulationResults, figures: PublishedFigures) {
        let k = KPI.allCases.count
        var rows: [Row] = []
        for figure in figures.all {
            guard let kpis = Self.kpis(figure.measure), let month = Self.marchMonth(figure.year, startDate: results.scenario.startDate) else { continue }
            let flow = figure.measure.isFlow
            guard month >= (flow ? 12 : 0), month <= results.months else { continue }
            let values = results.runValues.map { run -> Double in
                kpis.reduce(0.0) { total, kpi in
                    flow ? total + (month - 11...month).reduce(0.0) { $0 + run[$1 * k + kpi.rawValue] } : total + run[month * k + kpi.rawValue]
                }
            }
            rows.append(Row(measure: figure.measure, year: figure.year, published: figure, model: Percentiles(of: values)))
        }
        self.rows = rows
    }
}
