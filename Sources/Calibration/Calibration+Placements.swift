import Interchange
import Simulation
import CareModel

extension Calibration {
    /// First placement type of each entry in the window, as shares by age band at entry.
    static func estimatePlacementMix(_ histories: [CareHistory], window: Window) -> [String: [String: Estimate]] {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: PlacementType.allCases.count), count: AgeBand.allCases.count)
        forEachEntry(histories, window: window) { h, p in
            let type = p.placements[0].type
            counts[AgeBand(age: h.age(on: p.start)).rawValue][PlacementType.allCases.firstIndex(of: type)!] += 1
        }
        var result: [String: [String: Estimate]] = [:]
        for band in AgeBand.allCases {
            let row = counts[band.rawValue]
            let n = row.reduce(0, +)
            var shares: [String: Estimate] = [:]
            for (i, type) in PlacementType.allCases.enumerated() {
                shares[type.rawValue] = proportion(row[i], of: n, source: "\(count(row[i])) of \(count(n)) entries aged \(band) \(span(window)) first placed \(type.label)")
            }
            result[band.key] = shares
        }
        return result
    }

    /// Moves per child-year in each placement type, and where moves go.
    ///
    /// Exposure is the part of each placement inside the window; a move is a placement that ended
    /// inside the window because another placement in the same period began. The rate is the
    /// Poisson MLE moves / exposure with standard error sqrt(moves) / exposure.
    static func estimateMoves(_ histories: [CareHistory], window: Window) -> MoveEstimates {
        let types = PlacementType.allCases
        var exposureDays = [Int](repeating: 0, count: types.count)
        var moves = [Int](repeating: 0, count: types.count)
        var destinations = [[Int]](repeating: [Int](repeating: 0, count: types.count), count: types.count)
        var byBand = [[Int]](repeating: [Int](repeating: 0, count: types.count), count: AgeBand.allCases.count)
        var threeWay = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: types.count), count: AgeBand.allCases.count), count: types.count)
        for h in histories {
            for p in h.periods {
                let pathwayIndex = pathwayPlacement(p, h, window: window)
                for (i, spell) in p.placements.enumerated() {
                    let from = max(spell.start, window.from)
                    let to = min(spell.end ?? window.to, window.to)
                    let t = types.firstIndex(of: spell.type)!
                    if to > from { exposureDays[t] += to.days(since: from) }
                    if i + 1 < p.placements.count && i + 1 != pathwayIndex {
                        let next = p.placements[i + 1]
                        if next.start >= window.from && next.start <= window.to {
                            moves[t] += 1
                            destinations[t][types.firstIndex(of: next.type)!] += 1
                            byBand[AgeBand(age: h.age(on: next.start)).rawValue][types.firstIndex(of: next.type)!] += 1
                            threeWay[t][AgeBand(age: h.age(on: next.start)).rawValue][types.firstIndex(of: next.type)!] += 1
                        }
                    }
                }
            }
        }
        var rates: [String: Estimate] = [:]
        var shares: [String: [String: Double]] = [:]
        for (t, type) in types.enumerated() {
            let exposure = years(exposureDays[t])
            let rate = exposure > 0 ? Double(moves[t]) / exposure : 0
            rates[type.rawValue] = Estimate(value: rate, standardError: exposure > 0 ? Double(moves[t]).squareRoot() / exposure : nil,
                                            source: "\(count(moves[t])) moves from \(type.label) over \(formatYears(exposure)) child-years \(span(window))")
            if moves[t] > 0 {
                var row: [String: Double] = [:]
                for (d, dest) in types.enumerated() where destinations[t][d] > 0 {
                    row[dest.rawValue] = Double(destinations[t][d]) / Double(moves[t])
                }
                shares[type.rawValue] = row
            }
        }
        var bandShares: [String: [String: Double]] = [:]
        for band in AgeBand.allCases {
            let row = byBand[band.rawValue]
            let n = row.reduce(0, +)
            guard n > 0 else { continue }
            var shares: [String: Double] = [:]
            for (d, dest) in types.enumerated() where row[d] > 0 { shares[dest.rawValue] = Double(row[d]) / Double(n) }
            bandShares[band.key] = shares
        }
        let allMoves = moves.reduce(0, +)
        let allExposure = years(exposureDays.reduce(0, +))
        let overall = Estimate(value: allExposure > 0 ? Double(allMoves) / allExposure : 0,
                               standardError: allExposure > 0 ? Double(allMoves).squareRoot() / allExposure : nil,
                               source: "\(count(allMoves)) moves over \(formatYears(allExposure)) child-years in care \(span(window))")
        var result = MoveEstimates(ratePerYear: rates, destinationShares: shares, destinationSharesByBand: bandShares, overallRatePerYear: overall)
        let (alpha, beta) = fitDestinationModel(threeWay)
        for (f, from) in types.enumerated() where alpha[f].reduce(0, +) > 0 {
            result.modelDestinations[from.rawValue] = Dictionary(uniqueKeysWithValues: types.indices.filter { alpha[f][$0] > 0 }.map { (types[$0].rawValue, alpha[f][$0]) })
        }
        for band in AgeBand.allCases where byBand[band.rawValue].reduce(0, +) > 0 {
            result.destinationAgeFactors[band.key] = Dictionary(uniqueKeysWithValues: types.indices.map { (types[$0].rawValue, beta[band.rawValue][$0]) })
        }
        let typeRates = types.indices.map { exposureDays[$0] > 0 ? Double(moves[$0]) / years(exposureDays[$0]) : 0 }
        (result.frailtyShape, result.movesPerPeriod) = estimateFrailty(histories, window: window, typeRates: typeRates)
        for band in AgeBand.allCases where byBand[band.rawValue].reduce(0, +) > 0 {
            result.movesByBand[band.key] = byBand[band.rawValue].reduce(0, +)
        }
        for (t, type) in types.enumerated() {
            result.exposureYears[type.rawValue] = years(exposureDays[t])
            var row: [String: Int] = [:]
            for (d, dest) in types.enumerated() where destinations[t][d] > 0 { row[dest.rawValue] = destinations[t][d] }
            if !row.isEmpty { result.counts[type.rawValue] = row }
        }
        return result
    }

    /// Fits P(to | from, band) = alpha[from][to] beta[band][to] / sum over to' of the same, the
    /// log-linear model without three-way interaction, to counts `n[from][band][to]` by iterative
    /// proportional fitting: alternately rescale alpha so the fitted from x to table equals the
    /// observed one, then beta for band x to. Each step can only raise the likelihood, and the
    /// fixed point is the maximum-likelihood fit, reproducing both observed two-way tables. alpha
    /// rows are returned as shares (sum 1); beta is scaled so that its move-weighted mean over
    /// bands is 1 for each destination (a factor relative to the average child).
    /// - Complexity: O(iterations x types^2 x bands).
    static func fitDestinationModel(_ n: [[[Double]]]) -> (alpha: [[Double]], beta: [[Double]]) {
        let types = n.count, bands = n.first?.count ?? 0
        var fromTo = [[Double]](repeating: [Double](repeating: 0, count: types), count: types)
        var bandTo = [[Double]](repeating: [Double](repeating: 0, count: types), count: bands)
        var fromBand = [[Double]](repeating: [Double](repeating: 0, count: bands), count: types)
        for f in 0..<types {
            for b in 0..<bands {
                for t in 0..<types {
                    fromTo[f][t] += n[f][b][t]
                    bandTo[b][t] += n[f][b][t]
                    fromBand[f][b] += n[f][b][t]
                }
            }
        }
        var alpha = fromTo.map { row in row.map { $0 > 0 ? 1.0 : 0 } }
        var beta = bandTo.map { row in row.map { $0 > 0 ? 1.0 : 0 } }
        func fitted() -> [[[Double]]] {
            var m = n
            for f in 0..<types {
                for b in 0..<bands {
                    var total = 0.0
                    for t in 0..<types { total += alpha[f][t] * beta[b][t] }
                    for t in 0..<types { m[f][b][t] = total > 0 ? fromBand[f][b] * alpha[f][t] * beta[b][t] / total : 0 }
                }
            }
            return m
        }
        for _ in 0..<5000 {
            var m = fitted()
            var change = 0.0
            for f in 0..<types {
                for t in 0..<types where alpha[f][t] > 0 {
                    let e = (0..<bands).reduce(0.0) { $0 + m[f][$1][t] }
                    if e > 0 {
                        change = max(change, abs(fromTo[f][t] / e - 1))
                        alpha[f][t] *= fromTo[f][t] / e
                    }
                }
            }
            m = fitted()
            for b in 0..<bands {
                for t in 0..<types where beta[b][t] > 0 {
                    let e = (0..<types).reduce(0.0) { $0 + m[$1][b][t] }
                    if e > 0 {
                        change = max(change, abs(bandTo[b][t] / e - 1))
                        beta[b][t] *= bandTo[b][t] / e
                    }
                }
            }
            if change < 1e-10 { break }
        }
        // Rescaling beta[.][t] by 1 / c_t and alpha[.][t] by c_t, or an alpha row by any constant,
        // leaves every conditional unchanged.
        let bandMoves = bandTo.map { $0.reduce(0, +) }
        let allMoves = bandMoves.reduce(0, +)
        for t in 0..<types {
            let mean = allMoves > 0 ? (0..<bands).reduce(0.0) { $0 + bandMoves[$1] * beta[$1][t] } / allMoves : 0
            guard mean > 0 else { continue }
            for b in 0..<bands { beta[b][t] /= mean }
            for f in 0..<types { alpha[f][t] *= mean }
        }
        for f in 0..<types {
            let total = alpha[f].reduce(0, +)
            if total > 0 { alpha[f] = alpha[f].map { $0 / total } }
        }
        return (alpha, beta)
    }

    /// The shape of the gamma frailty that spreads moves over children, by the method of moments.
    ///
    /// Each period of care i in the window has moves n_i and an expected count
    /// mu_i = sum over its placements of (type's move rate x years of that placement in the
    /// window). If every child of a type moved at the same rate, n_i would be Poisson
    /// (variance mu_i); with a gamma frailty of shape k (mean 1) it is negative binomial with
    /// variance mu_i + mu_i^2 / k. So sum[(n_i - mu_i)^2 - n_i] estimates sum[mu_i^2] / k, and
    /// k = sum mu_i^2 / sum[(n_i - mu_i)^2 - n_i]. A sum at or below 0 (no overdispersion)
    /// gives 0, meaning no frailty. The standard error is the jackknife's over 20 groups of periods.
    static func estimateFrailty(_ histories: [CareHistory], window: Window, typeRates: [Double]) -> (Estimate, [Int]) {
        let types = PlacementType.allCases
        var observed: [(n: Double, mu: Double)] = []
        var histogram = [Int](repeating: 0, count: 5)
        for h in histories {
            for p in h.periods {
                let pathwayIndex = pathwayPlacement(p, h, window: window)
                var n = 0, mu = 0.0
                for (i, spell) in p.placements.enumerated() {
                    let from = max(spell.start, window.from)
                    let to = min(spell.end ?? window.to, window.to)
                    if to > from { mu += typeRates[types.firstIndex(of: spell.type)!] * years(to.days(since: from)) }
                    if i + 1 < p.placements.count && i + 1 != pathwayIndex {
                        let next = p.placements[i + 1].start
                        if next >= window.from && next <= window.to { n += 1 }
                    }
                }
                guard mu > 0 else { continue }
                observed.append((Double(n), mu))
                histogram[min(n, 4)] += 1
            }
        }
        func shape(skipping group: Int, of groups: Int) -> Double? {
            var numerator = 0.0, denominator = 0.0
            for (i, o) in observed.enumerated() where groups == 0 || i % groups != group {
                numerator += o.mu * o.mu
                denominator += (o.n - o.mu) * (o.n - o.mu) - o.n
            }
            return denominator > 0 ? numerator / denominator : nil
        }
        let moves = observed.reduce(0) { $0 + $1.n }
        let base = "\(count(observed.count)) periods of care \(span(window)) with \(count(Int(moves))) moves (\(histogram.map(String.init).joined(separator: "/")) periods with 0/1/2/3/4+ moves)"
        guard let k = shape(skipping: 0, of: 0) else {
            return (Estimate(value: 0, standardError: nil, source: "no frailty: the moves of \(base) vary no more than Poisson counts (moment estimate)"), histogram)
        }
        let groups = 20
        let replicates = (0..<groups).compactMap { shape(skipping: $0, of: groups) }
        var se: Double? = nil
        if replicates.count == groups {
            let mean = replicates.reduce(0, +) / Double(groups)
            se = (Double(groups - 1) / Double(groups) * replicates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }).squareRoot()
        }
        return (Estimate(value: k, standardError: se, source: "moment estimate (negative binomial variance mu + mu^2/k) from \(base); jackknife standard error over \(groups) groups"), histogram)
    }

    /// The index of the placement that is an exit pathway rather than a move, or -1: the last
    /// placement of a period ending home from a placement with parents or adopted from one for
    /// adoption (`isPathway`), and the placement for adoption a period is in on the window's
    /// last day (nearly all end in adoption, which the simulator makes through its pathway, so
    /// counting them as moves as well would make them twice; placements with parents often end
    /// otherwise and stay moves).
    static func pathwayPlacement(_ p: PeriodOfCare, _ h: CareHistory, window: Window) -> Int {
        if isPathway(p, h, window: window) { return p.placements.count - 1 }
        guard p.end.map({ $0 > window.to }) ?? true, let current = p.placements.lastIndex(where: { $0.start <= window.to }), current > 0
        else { return -1 }
        return p.placements[current].type == .adoption ? current : -1
    }

    /// Whether the period ends through an exit pathway: home from a placement with parents, or
    /// adopted from a placement for adoption (the move into that last placement is part of
    /// leaving care, not a placement move).
    static func isPathway(_ p: PeriodOfCare, _ h: CareHistory, window: Window) -> Bool {
        guard let end = p.end, end <= window.to, p.placements.count > 1, let last = p.placements.last else { return false }
        let destination = ExitDestinationEstimates.destination(rec: p.reasonEnded, age: h.age(on: end))
        return (destination == "returned_home" && last.type == .withParents) || (destination == "adopted" && last.type == .adoption)
    }

    /// Normalised postcode district: upper case without spaces ("gl1 " -> "GL1").
    package static func postcodeKey(_ text: String) -> String {
        String(text.uppercased().unicodeScalars.filter { $0 != " " && $0 != "\t" }.map(Character.init))
    }

    /// Distance from home to placement for placements starting in the window.
    static func estimateDistance(_ histories: [CareHistory], window: Window, centroids: [String: Location]) -> DistanceEstimates {
        let types = PlacementType.allCases
        var measured = 0, over = 0, unmeasured = 0
        var sum = 0.0, sumSquares = 0.0
        var typeMeasured = [Int](repeating: 0, count: types.count)
        var typeOver = [Int](repeating: 0, count: types.count)
        for h in histories {
            for p in h.periods {
                for spell in p.placements where spell.start >= window.from && spell.start <= window.to {
                    guard let home = (spell.homePostcode ?? p.homePostcode).flatMap({ centroids[postcodeKey($0)] }),
                        let place = spell.postcode.flatMap({ centroids[postcodeKey($0)] })
                    else {
                        unmeasured += 1
                        continue
                    }
                    let miles = home.distanceMiles(to: place)
                    let t = types.firstIndex(of: spell.type)!
                    measured += 1
                    typeMeasured[t] += 1
                    sum += miles
                    sumSquares += miles * miles
                    if miles > 20 {
                        over += 1
                        typeOver[t] += 1
                    }
                }
            }
        }
        let mean = measured > 0 ? sum / Double(measured) : 0
        let sd = measured > 1 ? ((sumSquares - Double(measured) * mean * mean) / Double(measured - 1)).squareRoot() : 0
        var byType: [String: Double] = [:]
        for (t, type) in types.enumerated() where typeMeasured[t] > 0 {
            byType[type.rawValue] = Double(typeOver[t]) / Double(typeMeasured[t])
        }
        let source = "\(count(measured)) placements starting \(span(window)) with both postcode districts known (\(count(unmeasured)) without)"
        return DistanceEstimates(
            meanMiles: Estimate(value: mean, standardError: measured > 1 ? sd / Double(measured).squareRoot() : nil, source: source + ", straight line between district centroids"),
            over20MilesShare: proportion(over, of: measured, source: source), over20MilesShareByType: byType, unmeasured: unmeasured)
    }

    /// Brothers and sisters entering together.
    ///
    /// Two entries are one group when they start care on the same day and either share a MOTHER
    /// identifier (when the Header MOTHER field holds identifiers rather than the DfE's 0/1 flag)
    /// or share both HOME_POST and PL_POST of the first placement. Entries without those fields
    /// count as single children.
    static func estimateSiblingGroups(_ histories: [CareHistory], window: Window) -> SiblingEstimates {
        var groups: [String: Int] = [:]
        var postcodeCells: [String: [Int32: Int]] = [:]
        var singles = 0
        forEachEntry(histories, window: window) { h, p in
            let day = String(p.start.dayNumber)
            if let mother = h.motherField, mother != "0", mother != "1", mother != "9" {
                groups[day + "|m|" + mother, default: 0] += 1
            } else if let home = p.homePostcode, let place = p.placements[0].postcode {
                let cell = postcodeKey(home) + "|" + postcodeKey(place)
                groups[day + "|p|" + cell, default: 0] += 1
                postcodeCells[cell, default: [:]][p.start.dayNumber, default: 0] += 1
            } else {
                singles += 1
            }
        }
        // Chance matches: unrelated children entering from one district into one district on one
        // day. Siblings enter on the same day, so pairs of such entries on consecutive days
        // estimate how many same-day pairs are chance alone.
        var nextDayPairs = 0
        for days in postcodeCells.values {
            for (day, n) in days { nextDayPairs += n * (days[day + 1] ?? 0) }
        }
        var sizes = [Int](repeating: 0, count: 4)
        sizes[0] = singles
        var children = singles
        var withSiblings = 0
        for size in groups.values {
            sizes[min(size, 4) - 1] += 1
            children += size
            if size > 1 { withSiblings += size }
        }
        let groupCount = sizes.reduce(0, +)
        let labels = ["1", "2", "3", "4 or more"]
        let shares = (0..<4).map { proportion(sizes[$0], of: groupCount, source: "\(count(sizes[$0])) of \(count(groupCount)) entry groups of size \(labels[$0])") }
        var result = SiblingEstimates(
            rule: "children starting care on the same DECOM with the same MOTHER identifier, or with the same HOME_POST and first PL_POST (about \(count(nextDayPairs)) pairs may match by chance, estimated from next-day matches)",
            groupSizeShares: shares,
            childrenWithSiblingsShare: proportion(withSiblings, of: children, source: "\(count(withSiblings)) of \(count(children)) entries \(span(window)) came in with a brother or sister"))
        result.chanceMatchedPairs = nextDayPairs
        return result
    }
}
