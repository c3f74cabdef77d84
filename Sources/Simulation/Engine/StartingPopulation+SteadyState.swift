#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CareModel

/// The exact age of a child entering care at a quantile of their age band's distribution.
///
/// One definition for the engine (which draws `u` uniformly for each entrant) and for the
/// steady state of the starting snapshot (which integrates over `u`). Within most bands the
/// age is uniform; two bands are shaped by the county's March 2024 snapshot (docs/simulation.md,
/// "Holding the March 2024 snapshot"): babies enter mostly at or soon after birth (`u^4` years,
/// mean 0.2), and adolescent entrants are mostly 13-15 (`10 + 6 sqrt(u)`: a density rising
/// linearly over 10-16, mean 14). A calibrated scenario gives single-year weights instead
/// (`entries.age_at_entry_weights`, 18 of them): the age is then that year's share of the band,
/// uniform within the year.
enum EntryAges {
    static func age(_ band: AgeBand, quantile u: Double, weights: [Double] = []) -> Double {
        if weights.count == 18 {
            var total = 0.0
            for age in band.ages where age < 18 { total += weights[age] }
            if total > 0 {
                var target = u * total
                for age in band.ages where age < 18 && weights[age] > 0 {
                    if target < weights[age] { return min(17.999, max(1 / 365.25, Double(age) + target / weights[age])) }
                    target -= weights[age]
                }
            }
        }
        switch band {
        case .underOne: return max(1 / 365.25, u * u * u * u)
        case .tenToFifteen: return min(15.999, 10 + 6 * u.squareRoot())
        case .sixteenPlus: return 16 + u * 1.999
        default: return Double(band.ages.lowerBound) + u * Double(band.ages.upperBound - band.ages.lowerBound + 1)
        }
    }
}

extension SnapshotShape {
    /// The steady-state shape of the default scenario (the county baseline's rates): what the
    /// synthetic county uses when no scenario is given (`hearth generate`). Children in care by
    /// single year of age 0-17 (rounded): 28, 26, 26, 27, 29, 30, 32, 34, 36, 39, 41, 43, 49, 57,
    /// 68, 81, 100, 126, about 870 in all; so within 10-15 the shares are 12 / 13 / 14 / 17 / 20 /
    /// 24% (adolescents enter at 13-15 and build up), within 16+ 44 / 56% (16+ entrants build up
    /// to 17), within 1-4 and 5-9 rising gently with age. The published March 2024 bands are
    /// 44 / 104 / 163 / 298 / 233; the generator keeps those and uses only the shares inside.
    public static let baseline = Scenario().steadyStateShape()
}

extension Scenario {
    /// The population in care that this scenario's entries and stays produce in the long run,
    /// by single year of age and by months in care.
    ///
    /// ## Design note
    /// With constant entry rates and stays fixed at entry, the number in care is an M/G/inf
    /// queue, and its long-run stock of children now aged x who entered t ago is
    /// `entering(x - t) * survival(t)`: the entry rate at age x - t times the chance that a stay
    /// lasts t (every stay is cut at 18, which the ages 0-17 here already do). Both factors are
    /// the engine's own:
    /// - entering: per age band, sibling groups arrive at `per_year_by_age_band / mean group size`
    ///   a year; the lead child's age follows `EntryAges` (integrated over 600 quantiles); with
    ///   single-year entry weights every brother and sister is drawn like the lead (the engine's
    ///   `arrive`), otherwise a group of size s (`sibling_group_sizes`) adds its k-th brother or sister at the lead's
    ///   age -/+ k x (1...`sibling_age_gap_years`) (even odds, clipped to 0.05-17.9), and every
    ///   child of the group keeps the stay drawn for the lead's band;
    /// - survival of a stay drawn for band b: `share e^(-t/short) + (1-share) e^(-t/long)`,
    ///   the short/long mixture of `drawStay` (no exits: 1).
    /// Sums run on a monthly grid (age in months 0-215, time in care in months); seasonality
    /// and trends are left out (a steady state has none). The result is in children: its total
    /// is the long-run number in care at these rates (about 870 for the county baseline).
    /// - Complexity: O(B·Q·s·g + 18·12·216·B) for B = 5 bands, Q = 600 quantiles, group sizes s
    ///   and age gaps g: well under a millisecond in release builds.
    package func steadyStateShape() -> SnapshotShape {
        let months = 18 * 12
        let bands = AgeBand.allCases
        guard entries.enabled else { return .flat }
        // entering[b][e]: children a year entering at month of age e whose stay is band b's.
        var entering = [[Double]](repeating: [Double](repeating: 0, count: months), count: bands.count)
        func add(_ band: AgeBand, _ age: Double, _ perYear: Double) {
            entering[band.rawValue][min(months - 1, max(0, Int(age * 12)))] += perYear
        }
        let sizes = entries.siblingGroupSizes
        let sizeTotal = sizes.reduce(0, +)
        let gapMax = max(1, entries.siblingAgeGapYears)
        let quantiles = 600
        let sameBandSiblings = entries.ageAtEntryWeights.count == 18
        for band in bands {
            let groupsPerYear = entries.perYearByAgeBand[band] / entries.meanGroupSize
            guard groupsPerYear > 0 else { continue }
            let perLead = groupsPerYear / Double(quantiles)
            for i in 0..<quantiles {
                let lead = EntryAges.age(band, quantile: (Double(i) + 0.5) / Double(quantiles), weights: entries.ageAtEntryWeights)
                guard !sameBandSiblings else {
                    // Brothers and sisters drawn like the lead, inside the lead's band.
                    add(band, lead, perLead * entries.meanGroupSize)
                    continue
                }
                add(band, lead, perLead)
                guard sizeTotal > 0 else { continue }
                for (index, weight) in sizes.enumerated() where index > 0 && weight > 0 {
                    let perConfiguration = perLead * weight / sizeTotal / Double(2 * gapMax)
                    for k in 1...index {
                        for gap in 1...gapMax {
                            for sign in [-1.0, 1.0] {
                                add(band, min(17.9, max(0.05, lead + sign * Double(gap * k))), perConfiguration)
                            }
                        }
                    }
                }
            }
        }
        // survival[b][t]: chance that a stay drawn for band b lasts t + 1/2 months.
        let survival = bands.map { band -> [Double] in
            guard exits.enabled else { return [Double](repeating: 1, count: months) }
            let mean = exits.meanYearsByAgeBand[band]
            let share = min(1, max(0, exits.shortStayShare[band]))
            let short = max(1e-9, min(exits.shortStayMeanYears, mean))
            let long = max(1e-9, share < 1 ? max(short, (mean - share * short) / (1 - share)) : short)
            return (0..<months).map { t in
                let years = (Double(t) + 0.5) / 12
                return share * exp(-years / short) + (1 - share) * exp(-years / long)
            }
        }
        var monthsWeights: [[Double]] = []
        for age in 0..<18 {
            var weights = [Double](repeating: 0, count: 12 * age + 12)
            for x in (12 * age)..<(12 * age + 12) {
                for t in 0...x {
                    var stock = 0.0
                    for b in bands.indices { stock += entering[b][x - t] * survival[b][t] }
                    weights[t] += stock / 12
                }
            }
            monthsWeights.append(weights)
        }
        return SnapshotShape(ageWeights: monthsWeights.map { $0.reduce(0, +) }, monthsInCareWeights: monthsWeights)
    }
}
