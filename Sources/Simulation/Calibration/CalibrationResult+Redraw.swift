import CareModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CalibrationResult {
    /// A copy with every rate the scenario mapping uses redrawn from its sampling distribution
    /// (a parametric bootstrap, as `CalibratedProjection.Rates` does for the flows engine):
    /// entry levels and trend together (one common slope, each band's total with its quasi-Poisson
    /// noise), exit rates, move rates and the frailty shape log-normal with their standard
    /// errors, exit destinations by band at entry from Dirichlet(counts + 1/2), pathway shares
    /// normal and their months log-normal, first-placement shares log-normal. The census, sibling
    /// groups, move destinations and distances are kept. Draws run in a fixed key order, so the
    /// result depends only on `rng`.
    public func redrawn(using rng: inout Xoshiro256StarStar) -> CalibrationResult {
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
        let e = entries
        let slope = e.slope + e.slopeStandardError * Draw.standardNormal(using: &rng)
        let n = e.yearly.count
        if n > 0 {
            var weightSum = 0.0
            for t in 0..<n { weightSum += exp(slope * Double(t)) }
            let lastFactor = exp(slope * Double(n - 1)) / weightSum
            var total = 0.0
            for band in AgeBand.allCases {
                let y = Double(e.yearly.reduce(0) { $0 + $1.byBand[band.rawValue] })
                guard y > 0, var estimate = c.entries.perYearByBand[band.key] else { continue }
                let sigma = (max(1, e.dispersion) / y).squareRoot()
                estimate.value = y * lastFactor * exp(sigma * Draw.standardNormal(using: &rng) - sigma * sigma / 2)
                c.entries.perYearByBand[band.key] = estimate
                total += estimate.value
            }
            c.entries.trendPerYear.value = exp(slope) - 1
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
