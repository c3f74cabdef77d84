/// How many configurations the joint planner lets households list (`JointPlanner`).
package struct PlanLimits: Sendable {
    /// Configurations a household lists at most (about) while its units are all it could use.
    package var configurationBudget = 5_000_000
    /// A household with more feasible units than could ever be placed (more than
    /// `max(free places in all households, candidate_limit)`) whose configurations would exceed
    /// this many keeps only its best units (the plan is then not proven).
    package var crowdedConfigurations = 200_000
    /// Configurations such a crowded household keeps (about) when its worst units are cut.
    package var crowdedBudget = 20_000
    /// Configurations all households together list at most (about, counted before the
    /// compatibility rules thin them): beyond it the households with the most are cut to an
    /// equal share each (the plan is then not proven), so that a national-size input cannot
    /// exhaust memory.
    package var totalConfigurations = 25_000_000

    package init(configurationBudget: Int = 5_000_000, crowdedConfigurations: Int = 200_000, crowdedBudget: Int = 20_000,
                 totalConfigurations: Int = 25_000_000) {
        self.configurationBudget = configurationBudget
        self.crowdedConfigurations = crowdedConfigurations
        self.crowdedBudget = crowdedBudget
        self.totalConfigurations = totalConfigurations
    }

    /// Each household's share of `totalConfigurations` from the configurations it would list
    /// (`wanted`): unlimited (infinity) for all when they fit; otherwise water-filling, smallest
    /// first: a household wanting no more than an equal share of what is left keeps all it
    /// wants, and the others get that equal share.
    /// - Complexity: O(households log households).
    package func shares(_ wanted: [Double]) -> [Double] {
        var shares = [Double](repeating: .infinity, count: wanted.count)
        guard wanted.reduce(0, +) > Double(totalConfigurations) else { return shares }
        var remaining = Double(totalConfigurations)
        let order = wanted.indices.sorted { (wanted[$0], $0) < (wanted[$1], $1) }
        for (k, h) in order.enumerated() {
            let share = remaining / Double(wanted.count - k)
            if wanted[h] <= share {
                remaining -= wanted[h]
            } else {
                shares[h] = max(share, 1)
                remaining -= share
            }
        }
        return shares
    }

    /// The limits `hearth match` and the simulator use.
    package static let standard = PlanLimits()
}
