import Interchange
import Simulation
import CareModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CalibratedProjection {
    /// One run's rates, each redrawn from its estimate's sampling distribution.
    struct Rates {
        var entryLevel: [Double]
        var trend: Double
        var exit: [Double]
        var move: [Double]
        var moveDestinations: [[Double]]
        /// Exit destination weights by band at entry (returned_home, adopted, special_guardianship,
        /// independent_living, other); nil when the band had no exits.
        var destinations: [[Double]?]
        var homeViaParents: Double
        var parentsMonths: Double
        var adoptionVia: Double
        var adoptionMonths: Double
        var parentsEndingCare: Double
        var adoptionEndingCare: Double
        var moveDestinationsByBand: [[Double]?]
        var groupSizes: [Double]
        var meanGroupSize: Double
        var entryMix: [[Double]]
        var ageWeights: [[Double]]

        init(_ c: CalibrationResult, using rng: inout Xoshiro256StarStar) {
            /// Shares observed over `observations` events, redrawn from Dirichlet(counts + 1/2).
            func dirichlet(_ shares: [Double], observations: Int) -> [Double] {
                guard observations > 0 else { return shares }
                return shares.map { Draw.gamma(shape: $0 * Double(observations) + 0.5, using: &rng) }
            }
            func redraw(_ e: Estimate?) -> Double {
                guard let e, e.value > 0 else { return 0 }
                guard let se = e.standardError, se > 0 else { return e.value }
                let sigma = se / e.value
                return e.value * exp(sigma * Draw.standardNormal(using: &rng) - sigma * sigma / 2)
            }
            // Level and trend are redrawn together: one slope for every band (the trend is common),
            // then each band's total with its own quasi-Poisson noise, refitted to the last year.
            let redrawn = c.entries.redrawnLevels(dispersionFloor: 0, using: &rng)
            if let levels = redrawn.levels {
                entryLevel = levels
            } else {
                entryLevel = AgeBand.allCases.map { redraw(c.entries.perYearByBand[$0.key]) }
            }
            trend = exp(redrawn.slope) - 1
            exit = AgeBand.allCases.map { redraw(c.timeInCare[$0.key]?.exitRatePerYear) }
            let types = PlacementType.allCases
            move = types.map { redraw(c.moves.ratePerYear[$0.rawValue]) }
            moveDestinations = types.map { from in
                let row = c.moves.destinationShares[from.rawValue] ?? [:]
                let weights = types.map { row[$0.rawValue] ?? 0 }
                return weights.reduce(0, +) > 0 ? weights : types.map { $0 == from ? 1 : 0 }
            }
            let names = ["returned_home", "adopted", "special_guardianship", "independent_living", "other"]
            destinations = AgeBand.allCases.map { band in
                guard let row = c.exitDestinations.sharesByEntryBand[band.key] else { return nil }
                let weights = dirichlet(names.map { row[$0] ?? 0 }, observations: c.exitDestinations.exitsByEntryBand[band.key] ?? 0)
                return weights.reduce(0, +) > 0 ? weights : nil
            }
            func redrawShare(_ e: Estimate?) -> Double {
                guard let e else { return 0 }
                guard let se = e.standardError, se > 0 else { return e.value }
                return min(1, max(0, e.value + se * Draw.standardNormal(using: &rng)))
            }
            homeViaParents = redrawShare(c.pathways?.homeViaParentsShare)
            parentsMonths = max(0.5, c.pathways.map { redraw($0.withParentsMonths) } ?? 8)
            adoptionVia = redrawShare(c.pathways?.adoptionViaPlacementShare)
            adoptionMonths = max(0.5, c.pathways.map { redraw($0.placedForAdoptionMonths) } ?? 10)
            parentsEndingCare = c.pathways.map { redrawShare($0.withParentsEndingCareShare) } ?? 1
            adoptionEndingCare = c.pathways.map { redrawShare($0.adoptionEndingCareShare) } ?? 1
            moveDestinationsByBand = AgeBand.allCases.map { band in
                guard let row = c.moves.destinationSharesByBand[band.key] else { return nil }
                let weights = dirichlet(types.map { row[$0.rawValue] ?? 0 }, observations: c.moves.movesByBand[band.key] ?? 0)
                return weights.reduce(0, +) > 0 ? weights : nil
            }
            let sizes = c.siblingGroups.groupSizeShares.map(redraw)
            groupSizes = sizes.reduce(0, +) > 0 ? sizes : [1]
            // Groups of "4 or more" count as 4.
            meanGroupSize = groupSizes.enumerated().reduce(0.0) { $0 + Double($1.offset + 1) * $1.element } / groupSizes.reduce(0, +)
            entryMix = AgeBand.allCases.map { band in
                let row = c.placementMixAtEntry[band.key] ?? [:]
                let weights = types.map { redraw(row[$0.rawValue]) }
                return weights.reduce(0, +) > 0 ? weights : types.map { $0 == .inHouseFoster ? 1 : 0 }
            }
            ageWeights = AgeBand.allCases.map { band in
                let weights = band.ages.map { $0 < c.ageAtEntryShares.count ? c.ageAtEntryShares[$0] : 0 }
                return weights.reduce(0, +) > 0 ? weights : band.ages.map { _ in 1 }
            }
        }
    }
}
