import Interchange
import Simulation
import CareModel

extension Calibration {
    /// Time in care by age band at entry: exponential maximum likelihood with censoring.
    ///
    /// For each period whose start is known, exposure runs from max(start, from) to the earliest
    /// of its end, the window's end and the child's 18th birthday; it is an exit when care ended
    /// inside the window before 18. Open periods and those ended by ageing out are censored: they
    /// add exposure but no exit. The MLE of the exit rate is exits / exposure (standard error
    /// rate / sqrt(exits)); the mean time in care is its inverse. Kaplan-Meier (with delayed
    /// entry) gives a distribution-free median alongside, and the mean of completed stays only
    /// is kept to show how wrong ignoring censored children would be.
    static func estimateTimeInCare(_ histories: [CareHistory], window: Window) -> [String: TimeInCareEstimate] {
        struct Spell { var entry: Int; var exit: Int; var event: Bool }
        var spells = [[Spell]](repeating: [], count: AgeBand.allCases.count)
        var completedSum = [Int](repeating: 0, count: AgeBand.allCases.count)
        var completedCount = [Int](repeating: 0, count: AgeBand.allCases.count)
        for h in histories {
            let eighteen = h.dob.adding(years: 18)
            for p in h.periods where p.startObserved && p.start <= window.to {
                let t0 = max(p.start, window.from)
                var t1 = min(p.end ?? window.to, window.to)
                t1 = min(t1, eighteen)
                guard t1 > t0 || (t1 == t0 && p.end == t1 && t1 >= window.from) else { continue }
                let event = p.end.map { $0 >= window.from && $0 <= window.to && $0 < eighteen } ?? false
                let band = AgeBand(age: h.age(on: p.start)).rawValue
                spells[band].append(Spell(entry: t0.days(since: p.start), exit: t1.days(since: p.start), event: event))
                if event && p.start >= window.from {
                    completedSum[band] += p.end!.days(since: p.start)
                    completedCount[band] += 1
                }
            }
        }
        var result: [String: TimeInCareEstimate] = [:]
        for band in AgeBand.allCases {
            let list = spells[band.rawValue]
            var exposureDays = 0
            var exits = 0
            for s in list {
                exposureDays += s.exit - s.entry
                if s.event { exits += 1 }
            }
            let exposure = years(exposureDays)
            let censored = list.count - exits
            let source = "estimated from \(count(list.count)) periods of care starting aged \(band), \(span(window)): \(count(exits)) exits, censored \(count(censored)) (still in care or reached 18), \(formatYears(exposure)) child-years"
            let rate = exposure > 0 ? Double(exits) / exposure : 0
            let rateSE = exits > 0 ? rate / Double(exits).squareRoot() : nil
            let mean = exits > 0 ? exposure / Double(exits) : 0
            let meanSE = exits > 0 ? mean / Double(exits).squareRoot() : nil
            result[band.key] = TimeInCareEstimate(
                meanYears: Estimate(value: mean, standardError: meanSE, source: source + (exits == 0 ? "; no exits, so no mean" : "")),
                exitRatePerYear: Estimate(value: rate, standardError: rateSE, source: source),
                periods: list.count, exits: exits, censored: censored, exposureYears: exposure,
                kaplanMeierMedianYears: kaplanMeierMedian(list.map { ($0.entry, $0.exit, $0.event) }).map { years($0) },
                completedOnlyMeanYears: completedCount[band.rawValue] > 0 ? years(completedSum[band.rawValue]) / Double(completedCount[band.rawValue]) : nil)
        }
        return result
    }

    /// The Kaplan-Meier median duration (days) with delayed entry: at each event time d the risk
    /// set is every spell with entry < d <= exit. Nil when survival never falls to one half.
    /// - Complexity: O(n log n).
    package static func kaplanMeierMedian(_ spells: [(entry: Int, exit: Int, event: Bool)]) -> Int? {
        let events = spells.filter(\.event).map(\.exit).sorted()
        guard !events.isEmpty else { return nil }
        let entries = spells.map(\.entry).sorted()
        let exits = spells.map(\.exit).sorted()
        var survival = 1.0
        var i = 0, entered = 0, left = 0
        while i < events.count {
            let d = events[i]
            var j = i
            while j < events.count && events[j] == d { j += 1 }
            while entered < entries.count && entries[entered] < d { entered += 1 }
            while left < exits.count && exits[left] < d { left += 1 }
            let atRisk = entered - left
            if atRisk > 0 { survival *= 1 - Double(j - i) / Double(atRisk) }
            if survival <= 0.5 { return d }
            i = j
        }
        return nil
    }

    /// "12.3" years with one decimal, thousands separated.
    static func formatYears(_ y: Double) -> String {
        let tenths = Int((y * 10).rounded())
        return "\(count(tenths / 10)).\(tenths % 10)"
    }

    /// Exit destinations: shares of exits dated in the window, by destination and by age band.
    static func estimateExitDestinations(_ histories: [CareHistory], window: Window) -> ExitDestinationEstimates {
        var counts: [String: Int] = [:]
        var byBand: [String: [String: Int]] = [:]
        var byCode: [String: Int] = [:]
        var byEntryBand: [String: [String: Int]] = [:]
        var total = 0
        for h in histories {
            for p in h.periods {
                guard let end = p.end, end >= window.from, end <= window.to else { continue }
                let age = h.age(on: end)
                let destination = ExitDestinationEstimates.destination(rec: p.reasonEnded, age: age)
                counts[destination, default: 0] += 1
                byBand[AgeBand(age: age).key, default: [:]][destination, default: 0] += 1
                byCode[p.reasonEnded ?? "blank", default: 0] += 1
                if age < 18 && p.startObserved {
                    byEntryBand[AgeBand(age: h.age(on: p.start)).key, default: [:]][destination, default: 0] += 1
                }
                total += 1
            }
        }
        var shares: [String: Estimate] = [:]
        for d in ExitDestinationEstimates.destinations {
            shares[d] = proportion(counts[d] ?? 0, of: total, source: "\(count(counts[d] ?? 0)) of \(count(total)) exits \(span(window))")
        }
        func normalised(_ c: [String: Int]) -> [String: Double] {
            let n = Double(c.values.reduce(0, +))
            return c.mapValues { Double($0) / n }
        }
        var result = ExitDestinationEstimates(shares: shares, sharesByBand: byBand.mapValues(normalised),
                                              sharesByEntryBand: byEntryBand.mapValues(normalised), byReasonCode: byCode)
        result.exitsByEntryBand = byEntryBand.mapValues { $0.values.reduce(0, +) }
        return result
    }

    /// Exit pathways: last placements of periods ending home or in adoption inside the window.
    static func estimatePathways(_ histories: [CareHistory], window: Window) -> PathwayEstimates {
        var home = 0, homeViaParents = 0, adopted = 0, adoptedViaPlacement = 0
        var parentsDays: [Double] = [], adoptionDays: [Double] = []
        var ended = [0, 0], endedCare = [0, 0]  // with parents, for adoption
        for h in histories {
            for p in h.periods {
                for (i, spell) in p.placements.enumerated() where spell.type == .withParents || spell.type == .adoption {
                    guard let end = spell.end, end >= window.from, end <= window.to else { continue }
                    let k = spell.type == .withParents ? 0 : 1
                    ended[k] += 1
                    if i == p.placements.count - 1, let periodEnd = p.end, periodEnd == end {
                        let destination = ExitDestinationEstimates.destination(rec: p.reasonEnded, age: h.age(on: periodEnd))
                        if destination == (k == 0 ? "returned_home" : "adopted") { endedCare[k] += 1 }
                    }
                }
                guard let end = p.end, end >= window.from, end <= window.to, let last = p.placements.last else { continue }
                let destination = ExitDestinationEstimates.destination(rec: p.reasonEnded, age: h.age(on: end))
                if destination == "returned_home" {
                    home += 1
                    if last.type == .withParents {
                        homeViaParents += 1
                        parentsDays.append(Double(end.days(since: last.start)))
                    }
                } else if destination == "adopted" {
                    adopted += 1
                    if last.type == .adoption {
                        adoptedViaPlacement += 1
                        adoptionDays.append(Double(end.days(since: last.start)))
                    }
                }
            }
        }
        func meanMonths(_ days: [Double], _ what: String) -> Estimate {
            guard !days.isEmpty else { return Estimate(value: 0, standardError: nil, source: "no \(what) \(span(window))") }
            let months = days.map { $0 / (365.25 / 12) }
            let mean = months.reduce(0, +) / Double(months.count)
            let variance = months.count > 1 ? months.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(months.count - 1) : 0
            return Estimate(value: mean, standardError: months.count > 1 ? (variance / Double(months.count)).squareRoot() : nil,
                            source: "\(count(months.count)) \(what) \(span(window))")
        }
        return PathwayEstimates(
            homeViaParentsShare: proportion(homeViaParents, of: home, source: "\(count(homeViaParents)) of \(count(home)) exits home \(span(window)) ended a placement with parents"),
            withParentsMonths: meanMonths(parentsDays, "exits home from a placement with parents"),
            placedForAdoptionMonths: meanMonths(adoptionDays, "adoptions from a placement for adoption"),
            adoptionViaPlacementShare: proportion(adoptedViaPlacement, of: adopted, source: "\(count(adoptedViaPlacement)) of \(count(adopted)) adoptions \(span(window)) ended a placement for adoption"),
            withParentsEndingCareShare: proportion(endedCare[0], of: ended[0], source: "\(count(endedCare[0])) of \(count(ended[0])) placements with parents ending \(span(window)) ended care (home)"),
            adoptionEndingCareShare: proportion(endedCare[1], of: ended[1], source: "\(count(endedCare[1])) of \(count(ended[1])) placements for adoption ending \(span(window)) ended in adoption"))
    }
}
