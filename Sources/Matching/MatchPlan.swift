import CareModel

/// One placement of a joint plan, with its full explanation.
public struct PlanEntry: Sendable {
    /// The children placed (a whole sibling group, one child, or a part of a split group).
    public var group: SiblingGroup
    public var placement: Placement
    /// The round of the plan in which it was made (1 = first).
    public var round: Int
    /// Whether this is a part of a sibling group that had to be split.
    public var isSplitPart: Bool
    /// The evaluation against the household as it was when the placement was made.
    public var evaluation: MatchEvaluation
    /// Ages of children at risk of exploitation this plan had placed there before.
    public var residentsAtRisk: [Int] = []
}

/// A child or sibling group (or part of a split group) the plan could not place, and why.
public struct UnplacedUnit: Sendable {
    public var group: SiblingGroup
    /// Why, in one sentence each (the first always; then one per nearest miss with its rules).
    public var reasons: [String]
    /// When no household passed every rule at the start: the nearest misses, in `NearMissRank`
    /// order (empty when some household fitted but was taken, or the instance is too large).
    public var nearMisses: [Candidate] = []
}

/// A joint plan: which household each child or sibling group goes to.
public struct MatchPlan: Sendable {
    public var entries: [PlanEntry]
    public var unplaced: [UnplacedUnit]
    /// How many rounds the plan took (each household takes at most one new unit per round).
    public var rounds: Int
    /// How the plan was made: `optimal` (the joint optimum, `Matcher.plan`), `optimal_rounds`
    /// (an exact assignment per round) or `greedy`.
    public var method: String
    /// What no plan could beat (the joint optimum's proof); nil for the baselines.
    public var bound: PlanBound?

    /// The placements, in the order made.
    public var placements: [Placement] { entries.map(\.placement) }
    /// The sum of the placements' scores.
    public var totalScore: Double { entries.reduce(0) { $0 + $1.placement.score } }
    public var statistics: PlanStatistics { PlanStatistics(self) }
}

/// The proof that comes with a joint plan: the most children any plan could place and the
/// highest score, counted per child, of any plan placing as many children with no more split
/// parts. When the search ran to the end both are met by the plan (`optimal`); stopped by a
/// time limit, they bound what is left to gain.
public struct PlanBound: Sendable, Equatable {
    /// No plan places more children than this.
    public var childrenPossible: Int
    /// The plan's score counted per child: each child counts the score of their placement.
    public var childScore: Double
    /// No plan placing as many children as this one, with no more split parts, has a higher
    /// score counted per child.
    public var childScoreBound: Double
    /// Whether the plan is proven optimal on every level.
    public var optimal: Bool
    /// Branch-and-bound nodes explored.
    public var nodes: Int
    /// Whether some household's list of possible children was cut to its best (a waiting list
    /// far longer than the homes could take): the plan is then not proven, and the bounds are
    /// the simple ones (free places; each home's best score for each of its places).
    public var listsCut: Bool

    public init(childrenPossible: Int, childScore: Double, childScoreBound: Double, optimal: Bool, nodes: Int, listsCut: Bool = false) {
        self.childrenPossible = childrenPossible
        self.childScore = childScore
        self.childScoreBound = childScoreBound
        self.optimal = optimal
        self.nodes = nodes
        self.listsCut = listsCut
    }

    /// How far the score may be from the best possible, as a share of the bound (0 = optimal).
    public var gap: Double { childScoreBound > 0 ? max(0, childScoreBound - childScore) / childScoreBound : 0 }
}

/// The figures by which plans are compared.
public struct PlanStatistics: Sendable, Equatable {
    public var childrenPlaced: Int
    public var childrenUnplaced: Int
    public var unitsPlaced: Int
    /// Sibling groups (2+ children) placed whole, together.
    public var siblingGroupsTogether: Int
    /// Sibling groups placed in parts.
    public var siblingGroupsSplit: Int
    /// Miles from home summed over placed children.
    public var totalMiles: Double
    /// Placed children more than 20 miles from home.
    public var childrenOver20Miles: Int
    public var totalScore: Double

    public init(_ plan: MatchPlan) {
        childrenPlaced = plan.entries.reduce(0) { $0 + $1.group.size }
        childrenUnplaced = plan.unplaced.reduce(0) { $0 + $1.group.size }
        unitsPlaced = plan.entries.count
        siblingGroupsTogether = plan.entries.filter { $0.group.size > 1 && !$0.isSplitPart }.count
        siblingGroupsSplit = Set(plan.entries.filter(\.isSplitPart).map { $0.group.children[0].groupID }).count
        totalMiles = plan.entries.reduce(0) { $0 + $1.placement.distanceMiles * Double($1.group.size) }
        childrenOver20Miles = plan.entries.filter { $0.placement.distanceMiles > 20 }.reduce(0) { $0 + $1.group.size }
        totalScore = plan.totalScore
    }

    /// Mean miles from home per placed child.
    public var meanMiles: Double { childrenPlaced == 0 ? 0 : totalMiles / Double(childrenPlaced) }
}

/// A ranked list of households for one child or sibling group.
public struct Shortlist: Sendable {
    public var group: SiblingGroup
    /// Feasible households, best first (at most K).
    public var candidates: [Candidate]
    /// When no household is feasible: the nearest misses, fewest failed rules first.
    public var nearMisses: [Candidate]
}

/// A household on a shortlist, with its evaluation.
public struct Candidate: Sendable {
    public var household: HouseholdID
    public var evaluation: MatchEvaluation
}
