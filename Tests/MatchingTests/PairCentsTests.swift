import CareModel
import Matching
import Testing

/// `Matcher.pairCents` (the evaluator's numbers alone) against `Matcher.evaluate` (the numbers
/// with every rule check, breakdown entry and word).
@Suite struct PairCentsTests {
    /// The evaluation's score without age fit, each criterion's points in hundredths summed.
    static func centsFromEvaluation(_ e: MatchEvaluation) -> Int? {
        guard e.feasible else { return nil }
        return e.breakdown.filter { $0.criterion != Criterion.ageFit.rawValue }.reduce(0) { $0 + Int(($1.points * 100).rounded()) }
    }

    @Test func pairCentsAreTheEvaluatorsOnRandomPairs() {
        var rng = Xoshiro256StarStar(seed: 4417)
        var feasible = 0, infeasible = 0
        for trial in 0..<400 {
            let groups = SiblingGroup.groups(of: RandomCounty.children(Int.random(in: 1...8, using: &rng), rng: &rng))
            let households = RandomCounty.households(Int.random(in: 1...10, using: &rng), rng: &rng)
            for group in groups {
                for household in households {
                    let expected = Self.centsFromEvaluation(Matcher.evaluate(group, household, policy: .default, explained: false))
                    let found = Matcher.pairCents(group, household, policy: .default)
                    #expect(found == expected, "trial \(trial): \(group.id) at \(household.id)")
                    if expected == nil { infeasible += 1 } else { feasible += 1 }
                }
            }
        }
        #expect(feasible > 500 && infeasible > 500, "feasible \(feasible), infeasible \(infeasible)")
    }
}
