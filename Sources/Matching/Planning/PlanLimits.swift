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

    package init(configurationBudget: Int = 5_000_000, crowdedConfigurations: Int = 200_000, crowdedBudget: Int = 20_000) {
        self.configurationBudget = configurationBudget
        self.crowdedConfigurations = crowdedConfigurations
        self.crowdedBudget = crowdedBudget
    }

    /// The limits `hearth match` and the simulator use.
    package static let standard = PlanLimits()
}
