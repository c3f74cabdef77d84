import CareModel

extension Replication {
    /// The month now being simulated, as a `RunMoney` index (1 = the first month), or nil past the horizon.
    var moneyMonth: Int? { month + 1 <= months ? month + 1 : nil }

    /// Charges the enquiries of month `m` (their mean number: the simulator draws approvals, not
    /// enquiries) to marketing; months before the start are not charged.
    mutating func chargeEnquiries(month m: Int, enquiries: Double) {
        let cost = scenario.costs.recruitment.marketingPerEnquiry
        guard m >= 0, m + 1 <= months, cost > 0 else { return }
        money.marketing[m + 1] += enquiries * cost * inflation
    }

    /// Charges one approval's marketing and assessment.
    mutating func chargeApproval() {
        guard let m = moneyMonth else { return }
        let costs = scenario.costs.recruitment
        money.marketing[m] += costs.marketingPerApproval * inflation
        money.assessment[m] += costs.assessmentPerApproval * inflation
    }

    /// Charges `days` of placements, carer support and new carers' extra allowances at the
    /// month's end state to month `m` (as the weekly placement cost is accrued), the households
    /// and children read from the running counts (`placeCounts`, `recruitedPlaceCounts`).
    /// - Complexity: O(1).
    mutating func chargeMonth(_ m: Int, days: Double, placementCost: Double) {
        guard m < money.placements.count else { return }
        let costs = scenario.costs.recruitment
        money.placements[m] += placementCost
        if costs.supportPerHouseholdPerYear > 0 {
            let active = placeCounts.households
            money.support[m] += Double(active) * costs.supportPerHouseholdPerYear * days / Calendar.yearDays * inflation
        }
        guard costs.newCarerWeeklyExtra > 0 else { return }
        let placed = recruitedPlaceCounts.children
        money.allowances[m] += Double(placed) * costs.newCarerWeeklyExtra * days / 7 * inflation
    }
}
