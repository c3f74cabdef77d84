import CareModel

extension Scenario {
    /// The most work a run may take without the user raising the limit, in population-years
    /// (see `workEstimate`): about three times the bundled England-sized scenario's 100 runs.
    package static let defaultWorkLimit = 1e9

    /// An upper bound of the simulation's size in population-years: `runs` x the sum over the
    /// years of (children in care at the start + fostering households at the start + every child
    /// who has entered and every household approved by then), as if no one ever left.
    ///
    /// Every per-child and per-household rate is bounded by `ScenarioSettings` (moves at most
    /// monthly, meetings at most daily), so the simulator's events, time and memory grow
    /// in proportion to this figure; it is computed from the scenario alone, before anything runs.
    /// - Complexity: O(years + timeline).
    package func workEstimate(runs: Int, years: Int) -> Double {
        let profile = start.profile
        let atStart = Double(profile.childrenInCare + profile.inHouseHouseholds + profile.ifaHouseholds)
        var entriesPerYear = entries.enabled ? entries.perYearByAgeBand.values.reduce(0, +) : 0
        var growth = entries.annualTrend
        var approvalsPerYear = carers.recruitment.enabled ? carers.recruitment.enquiriesPerMonth * carers.recruitment.conversion * 12 : 0
        for event in timeline {
            switch event.kind {
            case .entryTrend:
                entriesPerYear *= max(1, event.factor ?? 1)
                growth = max(growth, event.annualTrend ?? growth)
            case .recruitmentCampaign:
                approvalsPerYear += (event.extraEnquiriesPerMonth ?? 0) * (event.conversion ?? carers.recruitment.conversion) * 12
            default:
                break
            }
        }
        var total = 0.0
        var entered = 0.0
        var yearEntries = entriesPerYear
        for year in 0..<max(0, years) {
            yearEntries *= 1 + max(0, growth)
            entered += yearEntries + approvalsPerYear
            total += atStart + entered
            if !total.isFinite || year > 1000 { break }
        }
        return total * Double(max(0, runs))
    }
}
