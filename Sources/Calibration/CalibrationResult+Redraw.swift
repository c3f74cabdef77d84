import Interchange
import Simulation
import CareModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension EntryEstimates {
    /// Each band's expected entries in the window's last year, with level and trend redrawn
    /// together: one common slope from its sampling distribution, then each band's total with
    /// its own quasi-Poisson noise (log-normal, variance max(dispersion, `dispersionFloor`) / count),
    /// refitted to the last year (levels nil when the window has no yearly counts).
    func redrawnLevels(dispersionFloor: Double, using rng: inout Xoshiro256StarStar) -> (slope: Double, levels: [Double]?) {
        let slope = self.slope + slopeStandardError * Draw.standardNormal(using: &rng)
        let n = yearly.count
        guard n > 0 else { return (slope, nil) }
        var weightSum = 0.0
        for t in 0..<n { weightSum += exp(slope * Double(t)) }
        let lastFactor = exp(slope * Double(n - 1)) / weightSum
        let levels = AgeBand.allCases.map { band -> Double in
            let y = Double(yearly.reduce(0) { $0 + $1.byBand[band.rawValue] })
            guard y > 0 else { return 0 }
            let sigma = (max(dispersionFloor, dispersion) / y).squareRoot()
            return y * lastFactor * exp(sigma * Draw.standardNormal(using: &rng) - sigma * sigma / 2)
        }
        return (slope, levels)
    }
}

extension CalibrationResult {
    /// A copy with every rate the scenario mapping uses redrawn from its sampling distribution
    /// (a parametric bootstrap, as `CalibratedProjection.Rates` does for the flows engine):
    /// entry levels and trend together (one common slope, each band's total with its quasi-Poisson
    /// noise), exit rates, move rates and the frailty shape log-normal with their standard
    /// errors, exit destinations by band at entry from Dirichlet(counts + 1/2), pathway shares
    /// normal and their months log-normal, first-placement shares log-normal. The census, sibling
    /// groups, move destinations and distances are kept. Draws run in a fixed key order, so the
    /// result depends only on `rng`.
    package func redrawn(using rng: inout Xoshiro256StarStar) -> CalibrationResult {
        var c = self
        func logNormal(_ e: Estimate) -> Estimate {
            var e = e
            guard e.value > 0, let se = e.standardError, se > 0 else { return e }
            let sigma = se / e.value
            e.value *= exp(sigma * Draw.standardNormal(using: &rng) - sigma * sigma / 2)
            return e
        }
        func normalShare(_ e: Estimate) -> Estimate {
            var e = e
            guard let se = e.standardError, se > 0 else { return e }
            e.value = min(1, max(0, e.value + se * Draw.standardNormal(using: &rng)))
            return e
        }
        // Entries: slope, then each band's total refitted to the last year.
        let redrawn = entries.redrawnLevels(dispersionFloor: 1, using: &rng)
        if let levels = redrawn.levels {
            var total = 0.0
            for band in AgeBand.allCases {
                guard levels[band.rawValue] > 0, var estimate = c.entries.perYearByBand[band.key] else { continue }
                estimate.value = levels[band.rawValue]
                c.entries.perYearByBand[band.key] = estimate
                total += estimate.value
            }
            c.entries.trendPerYear.value = exp(redrawn.slope) - 1
            c.entries.perYear.value = total
        }
        for band in AgeBand.allCases {
            guard var t = c.timeInCare[band.key], t.exits > 0 else { continue }
            t.exitRatePerYear = logNormal(t.exitRatePerYear)
            if t.exitRatePerYear.value > 0 { t.meanYears.value = 1 / t.exitRatePerYear.value }
            c.timeInCare[band.key] = t
        }
        let names = ["returned_home", "adopted", "special_guardianship", "independent_living", "other"]
        for band in AgeBand.allCases {
            guard let row = c.exitDestinations.sharesByEntryBand[band.key] else { continue }
            let count = Double(c.exitDestinations.exitsByEntryBand[band.key] ?? 0)
            guard count > 0 else { continue }
            let weights = names.map { Draw.gamma(shape: (row[$0] ?? 0) * count + 0.5, using: &rng) }
            let total = weights.reduce(0, +)
            guard total > 0 else { continue }
            c.exitDestinations.sharesByEntryBand[band.key] = Dictionary(uniqueKeysWithValues: zip(names, weights.map { $0 / total }))
        }
        if var p = c.pathways {
            p.homeViaParentsShare = normalShare(p.homeViaParentsShare)
            p.adoptionViaPlacementShare = normalShare(p.adoptionViaPlacementShare)
            p.withParentsMonths = logNormal(p.withParentsMonths)
            p.placedForAdoptionMonths = logNormal(p.placedForAdoptionMonths)
            c.pathways = p
        }
        for type in PlacementType.allCases {
            if let rate = c.moves.ratePerYear[type.rawValue] { c.moves.ratePerYear[type.rawValue] = logNormal(rate) }
        }
        if let k = c.moves.frailtyShape { c.moves.frailtyShape = logNormal(k) }
        for band in AgeBand.allCases {
            guard var row = c.placementMixAtEntry[band.key] else { continue }
            for type in PlacementType.allCases {
                if let share = row[type.rawValue] { row[type.rawValue] = logNormal(share) }
            }
            c.placementMixAtEntry[band.key] = row
        }
        return c
    }
}
