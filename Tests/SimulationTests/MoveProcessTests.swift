import CareModel
import Foundation
import Testing
@testable import Simulation

/// The move process: destinations, age factors, frailty, early hazard, and their calibration.
enum MoveTest {
    /// `count` children aged 5 in `type`, nothing else in the county.
    static func start(_ count: Int, in type: PlacementType) -> StartingPopulation {
        var population = StartingPopulation.empty()
        let centre = population.districts[0].centre
        population.children = (0..<count).map { _ in
            StartingPopulation.ChildInCare(age: 5, placement: type, monthsInCare: 6, home: centre, district: 0)
        }
        return population
    }

    /// Runs one replication of `months` and returns each child's number of moves (every move
    /// bumps the placement stamp twice: out of the old home, into the new one).
    static func movesPerChild(_ scenario: Scenario, _ population: StartingPopulation, months: Int, seed: UInt64) -> (moves: [Int], replication: Replication) {
        var base = Xoshiro256StarStar(seed: seed)
        var replication = Replication(scenario: scenario.resolvingDates(), start: PreparedStart(population, scenario: scenario),
                                      months: months, rng: base.split())
        _ = replication.run()
        return (replication.register.children.map { Int($0.placementStamp - 1) / 2 }, replication)
    }

    /// log of the negative binomial probability of n (gamma-Poisson: shape k, mean mu).
    static func logNegativeBinomial(_ n: Int, k: Double, mu: Double) -> Double {
        lgamma(Double(n) + k) - lgamma(k) - lgamma(Double(n) + 1) + k * log(k / (k + mu)) + Double(n) * log(mu / (k + mu))
    }
}

/// With frailty shape k and move rate r, a child's moves in a year are gamma-Poisson, i.e.
/// negative binomial (k, mean r): the simulated histogram over 4,000 children matches the
/// closed form bin by bin within 4 binomial standard errors, and its variance is r + r^2 / k.
@Test func frailtyMakesMovesPerChildNegativeBinomial() {
    var s = SimTest.quiet()
    s.findingHomes.kinshipEnabled = true
    s.moves.breakdownsEnabled = true
    s.moves.breakdownsPerYear = ByPlacementType(inHouse: 0, ifa: 0, kinship: 1.5, residential: 0, supported: 0, withParents: 0, adoption: 0, other: 0)
    s.moves.destinations[PlacementType.kinship.index] = PlacementType.allCases.map { $0 == .kinship ? 1 : 0 }
    s.moves.frailtyShape = 0.5
    s.moves.earlyMonths = 0
    let n = 4000
    let (moves, _) = MoveTest.movesPerChild(s, MoveTest.start(n, in: .kinship), months: 12, seed: 11)
    let mu = 1.5 * 12 * Calendar.monthDays / Calendar.yearDays
    for bin in 0...6 {
        let p = exp(MoveTest.logNegativeBinomial(bin, k: 0.5, mu: mu))
        let observed = Double(moves.filter { $0 == bin }.count) / Double(n)
        let se = (p * (1 - p) / Double(n)).squareRoot()
        #expect(abs(observed - p) < 4 * se + 1e-3, "P(\(bin) moves): simulated \(observed), negative binomial \(p)")
    }
    let values = moves.map(Double.init)
    let variance = SimTest.variance(values)
    let expected = mu + mu * mu / 0.5
    #expect(abs(SimTest.mean(values) - mu) < 0.1, "mean \(SimTest.mean(values)) vs \(mu)")
    #expect(abs(variance - expected) / expected < 0.15, "variance \(variance) vs \(expected)")
    // Without frailty the same process is Poisson: variance = mean.
    s.moves.frailtyShape = 0
    let poisson = MoveTest.movesPerChild(s, MoveTest.start(n, in: .kinship), months: 12, seed: 11).moves.map(Double.init)
    #expect(abs(SimTest.variance(poisson) / SimTest.mean(poisson) - 1) < 0.1)
}

/// The early hazard keeps the mean placement length at 1 / rate (so the long-run move rate):
/// the transform of unit exponential draws has mean 1 / rate, and more of its mass early.
@Test func earlyHazardKeepsTheMeanPlacementLength() {
    var m = MoveSettings()
    m.earlyMonths = 3
    m.earlyFactor = 4
    var rng = Xoshiro256StarStar(seed: 5)
    let perDay = 0.5 / 365.25
    let draws = (0..<200_000).map { _ in m.placementDays(unitDraw: Draw.exponential(mean: 1, using: &rng), perDay: perDay) }
    let mean = draws.reduce(0, +) / Double(draws.count)
    #expect(abs(mean * perDay - 1) < 0.02, "mean length \(mean) days vs \(1 / perDay)")
    let early = Double(draws.filter { $0 < 3 * 365.25 / 12 }.count) / Double(draws.count)
    let expected = 1 - exp(-perDay * 4 * 3 * 365.25 / 12)
    #expect(abs(early - expected) < 0.01, "ended in the first 3 months: \(early) vs \(expected)")
}

/// A placement that has already lasted `a` days ends after the residual of the same law: the
/// draws given `elapsed: a` match (by quantiles) the fresh lengths that exceed `a`, minus `a`,
/// for `a` inside and after the early months.
@Test func placementResidualIsTheConditionalLength() {
    var m = MoveSettings()
    m.earlyMonths = 3
    m.earlyFactor = 3
    let perDay = 1.5 / 365.25
    for a in [20.0, 60.0, 200.0] {
        var rng = Xoshiro256StarStar(seed: 17)
        let fresh = (0..<200_000).map { _ in m.placementDays(unitDraw: Draw.exponential(mean: 1, using: &rng), perDay: perDay) }
        let survivors = fresh.filter { $0 > a }.map { $0 - a }.sorted()
        let residual = (0..<survivors.count).map { _ in
            m.placementDays(unitDraw: Draw.exponential(mean: 1, using: &rng), perDay: perDay, elapsed: a)
        }.sorted()
        for q in [0.1, 0.25, 0.5, 0.75, 0.9] {
            let x = survivors[Int(q * Double(survivors.count))]
            let y = residual[Int(q * Double(residual.count))]
            #expect(abs(x - y) / x < 0.04, "a = \(a), quantile \(q): \(y) vs \(x)")
        }
    }
}

/// Over many moves the simulator realises the configured destination shares, with the age
/// factors multiplying the weights (log-linear combination) and renormalised.
@Test func moveDestinationsRealiseTheConfiguredShares() {
    var s = SimTest.quiet()
    s.findingHomes.kinshipEnabled = true
    s.moves.breakdownsEnabled = true
    s.moves.breakdownsPerYear = ByPlacementType(inHouse: 0, ifa: 0, kinship: 2, residential: 0, supported: 0, withParents: 0, adoption: 0, other: 0)
    var row = [Double](repeating: 0, count: 8)
    row[PlacementType.kinship.index] = 0.5
    row[PlacementType.other.index] = 0.3
    row[PlacementType.withParents.index] = 0.2
    s.moves.destinations[PlacementType.kinship.index] = row
    var factors = [Double](repeating: 1, count: 8)
    factors[PlacementType.withParents.index] = 2
    s.moves.destinationAgeFactors[AgeBand.fiveToNine.rawValue] = factors
    s.moves.frailtyShape = 0
    s.moves.earlyMonths = 0
    let (moves, replication) = MoveTest.movesPerChild(s, MoveTest.start(3000, in: .kinship), months: 12, seed: 3)
    let total = Double(moves.reduce(0, +))
    let toOther = Double(replication.register.children.filter { $0.type == .other }.count)
    let toParents = Double(replication.register.children.filter { $0.type == .withParents }.count)
    // Weights 0.5, 0.3, 0.2 x 2 = 0.4: shares 0.5/1.2, 0.3/1.2, 0.4/1.2.
    for (observed, share) in [(toOther, 0.25), (toParents, 0.4 / 1.2)] {
        let se = (share * (1 - share) / total).squareRoot()
        #expect(abs(observed / total - share) < 4 * se, "share \(observed / total) vs \(share) over \(total) moves")
    }
    #expect(total > 2000)
}

/// A destination that cannot take the child falls back to the usual order (supported
/// accommodation only from 16: a 5-year-old goes to an in-house or agency home instead), and
/// every state invariant holds after every event with destinations, frailty and early hazard on.
@Test func movesKeepTheStateConsistent() {
    var s = Scenario()
    var row = [Double](repeating: 1, count: 8)
    row[PlacementType.adoption.index] = 0
    for type in PlacementType.allCases { s.moves.destinations[type.index] = row }
    s.moves.frailtyShape = 0.5
    s.moves.earlyMonths = 2
    s.moves.earlyFactor = 3
    s.moves.breakdownsPerYear = ByPlacementType(inHouse: 1, ifa: 1, kinship: 1, residential: 1, supported: 1, withParents: 1, adoption: 1, other: 1)
    var base = Xoshiro256StarStar(seed: 21)
    var replication = Replication(scenario: s.resolvingDates(), start: PreparedStart(SimTest.countyStart, scenario: s), months: 12, rng: base.split())
    replication.checkInvariants = true
    _ = replication.run()
    #expect(replication.violations.isEmpty, "\(replication.violations.prefix(5))")
    // Supported accommodation only from 16 (the starting snapshot's children aside).
    #expect(!replication.register.children.contains { $0.state == .placed && $0.type == .supported && $0.entryDay >= 0 && $0.age(at: $0.placedDay) < 16 })
    let results = MonteCarlo.run(scenario: s, start: SimTest.countyStart, runs: 2, years: 1, seed: 4, threads: 1)
    for m in 1...12 {
        func v(_ kpi: KPI, _ month: Int) -> Double { SimTest.value(results, run: 0, kpi, month: month) }
        #expect(v(.childrenInCare, m) == v(.childrenInCare, m - 1) + v(.entries, m) - v(.exits, m))
        #expect(v(.childrenInCare, m) == PlacementType.allCases.reduce(0.0) { $0 + v(.placement($1), m) } + v(.waiting, m))
    }
}

/// A moves section written before destinations and frailty existed loads unchanged: the new
/// fields take defaults that keep the old behaviour, and writing it back gives the same JSON.
@Test func oldMovesSectionsLoadUnchanged() throws {
    let old = """
    {"breakdowns_enabled": true, "breakdowns_per_year": {"in_house": 0.18, "ifa": 0.22, "kinship": 0.08, "residential": 0.15,
     "supported": 0.25, "with_parents": 0.15, "adoption": 0.03, "other": 0.20},
     "step_down": {"enabled": true, "after_months": 6, "residential_share": 0.05, "ifa_share": 0.3, "max_per_meeting": 2,
     "reserve_vacancies": 8, "min_score": 55}, "comment": "old file"}
    """
    let moves = try JSONDecoder().decode(MoveSettings.self, from: Data(old.utf8))
    #expect(moves.breakdownsPerYear[.ifaFoster] == 0.22)
    #expect(PlacementType.allCases.allSatisfy { !moves.hasDestinations($0) })
    // Missing fields take the built-in defaults (the county baseline's, like every other field).
    let defaults = MoveSettings()
    #expect(moves.frailtyShape == defaults.frailtyShape && moves.earlyMonths == defaults.earlyMonths && moves.earlyFactor == defaults.earlyFactor)
    let written = try JSONEncoder().encode(moves)
    let keys = try #require(JSONSerialization.jsonObject(with: written) as? [String: Any]).keys
    #expect(Set(keys) == ["breakdowns_enabled", "breakdowns_per_year", "frailty_shape", "early_months", "early_factor", "step_down"])
    #expect(try JSONDecoder().decode(MoveSettings.self, from: written) == moves)
    // New fields round-trip; an unknown destination type is refused.
    var new = moves
    new.destinations[PlacementType.kinship.index] = [0.1, 0.2, 0.3, 0, 0, 0.4, 0, 0]
    new.destinationAgeFactors[AgeBand.sixteenPlus.rawValue] = [1, 1, 1, 1, 3, 1, 1, 0.5]
    new.frailtyShape = 0.7
    #expect(try JSONDecoder().decode(MoveSettings.self, from: JSONEncoder().encode(new)) == new)
    let bad = #"{"destinations": {"kinship": {"hotel": 1}}}"#
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(MoveSettings.self, from: Data(bad.utf8)) }
}
