/// What one run spent, month by month (index m = month m, 1...months; index 0 is the start and
/// holds nothing), in cash terms (grown by `costs.annual_inflation` from the start date).
public struct RunMoney: Sendable, Equatable {
    /// Weekly placement costs accrued over the month (the run's `totalCost`, month by month).
    public var placements: [Double]
    /// Marketing: enquiries at their mean rate x `marketing_per_enquiry`, plus approvals x `marketing_per_approval`.
    public var marketing: [Double]
    /// Assessments of the households approved in the month.
    public var assessment: [Double]
    /// Support of the households approved at the month's end.
    public var support: [Double]
    /// Extra weekly payments for children placed with households approved during the run.
    public var allowances: [Double]

    public init(months: Int) {
        let zeros = [Double](repeating: 0, count: max(0, months) + 1)
        placements = zeros
        marketing = zeros
        assessment = zeros
        support = zeros
        allowances = zeros
    }

    /// Recruitment and support spend of month m.
    public func recruitment(month m: Int) -> Double { marketing[m] + assessment[m] + support[m] + allowances[m] }

    /// The sums of `series` over each year 1...years (months 12(y-1)+1 ... 12y).
    public static func yearly(_ series: [Double], years: Int) -> [Double] {
        (0..<years).map { y in (y * 12 + 1...(y + 1) * 12).reduce(0.0) { $0 + ($1 < series.count ? series[$1] : 0) } }
    }
}
