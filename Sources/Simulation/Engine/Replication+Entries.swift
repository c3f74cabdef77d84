import CareModel

extension Replication {
    /// Draws the number of sibling groups arriving in month `m` by age band and schedules them
    /// at uniform times within the month (a Poisson process with a piecewise-constant rate).
    ///
    /// The count is the inverse Poisson CDF of the (month, band)'s own uniform, so a higher
    /// rate never gives fewer groups; the k-th group's time and everything about it come from
    /// its own key, so the groups of a lower rate arrive unchanged under a higher one.
    mutating func scheduleArrivals(month m: Int) {
        let entries = scenario.entries
        if m > 0 { entryLevel *= Double.pow1p(entryTrend, 1.0 / 12) }
        guard entries.enabled else { return }
        let season = seasonalFactor(month: m)
        let perGroup = 1 / entries.meanGroupSize
        let startDay = Double(m) * Calendar.monthDays
        let month = runKey.key(.entries).key(m)
        for band in AgeBand.allCases {
            let mean = entries.perYearByAgeBand[band] / 12 * entryLevel * season * perGroup
            let source = month.key(band.rawValue)
            let count = Draw.poisson(mean: mean, quantile: source.unit(0))
            guard count > 0 else { continue }
            for k in 1...count {
                let time = startDay + source.key(k).unit(.arrivalTime) * Calendar.monthDays
                calendar.schedule(time, .arrival, target: Int32(m * 8 + band.rawValue), stamp: UInt32(k))
            }
        }
    }

    /// The seasonal multiplier of the calendar month that projection month `m` falls in.
    func seasonalFactor(month m: Int) -> Double {
        let s = scenario.entries.seasonality
        guard s.count == 12 else { return 1 }
        let mean = s.reduce(0, +) / 12
        guard mean > 0 else { return 1 }
        let calendarMonth = (startCalendarMonth + m) % 12
        return s[calendarMonth] / mean
    }

    /// 0 = January for the scenario's start date.
    var startCalendarMonth: Int {
        let parts = scenario.startDate.split(separator: "-")
        guard parts.count >= 2, let m = Int(parts[1]), (1...12).contains(m) else { return 3 }
        return m - 1
    }

    /// Sibling group `number` (1...) of age band `band` in month `month` arrives: draws the
    /// children from the group's own key and finds them a home.
    mutating func arrive(band: AgeBand, month: Int, number: Int) {
        let key = runKey.key(.entries).key(month).key(band.rawValue).key(number)
        let size = scenario.entries.siblingGroupSizes.isEmpty
            ? 1 : Draw.weightedIndex(scenario.entries.siblingGroupSizes, quantile: key.unit(.groupSize)) + 1
        let leadAge = entryAge(band, quantile: key.unit(.leadAge))
        let district = Draw.weightedIndex(start.childWeights, quantile: key.unit(.district))
        let home = start.scatterCentres[district].offset(
            miles: scenario.entries.homeScatterMiles * key.unit(.homeDistance).squareRoot(), bearingDegrees: key.unit(.homeBearing) * 360)
        let urgent = key.unit(.urgency) < scenario.entries.urgency.urgentShare
        let request: PlacementRequest
        if urgent {
            request = scenario.entries.emergencyRequest
        } else {
            let weights = leadAge < 1 ? plannedRequestWeights.underOne : plannedRequestWeights.older
            switch Draw.weightedIndex(weights, quantile: key.unit(.request)) {
            case 0: request = .shortTerm
            case 1: request = .longTerm
            default: request = .parentAndChild
            }
        }
        let group = Int32(register.groups.count)
        register.groups.append(SimGroup(first: Int32(register.children.count), count: Int32(size)))
        if size >= 2 { register.siblingGroups.append(group) }
        // Brothers and sisters share a plan: the first child's stay and destination (each still
        // leaves at their own 18th birthday).
        let leadBand = AgeBand(age: Int(leadAge))
        let plan = key.key(.plan)
        let destination = drawDestination(leadBand, plan)
        let stay = drawStay(leadBand, destination, plan)
        // ... and whether they move to their parents or adopters first (together).
        let movesFirst = drawMovesFirst(destination, plan)
        // With single-year entry weights (a calibrated scenario) brothers and sisters are drawn
        // within the lead's band: the group rate of a band is its children's rate / mean group
        // size, which holds only if the whole group counts in that band.
        let sameBand = scenario.entries.ageAtEntryWeights.count == 18
        for k in 0..<size {
            let member = key.key(.member).key(k)
            var age = leadAge
            if k > 0, sameBand {
                age = entryAge(band, quantile: member.unit(.age))
            } else if k > 0 {
                let gaps = max(1, scenario.entries.siblingAgeGapYears)
                let gap = Double(1 + min(gaps - 1, Int(member.unit(.siblingGap) * Double(gaps))))
                age = member.unit(.siblingSide) < 0.5 ? age - gap * Double(k) : age + gap * Double(k)
                age = min(17.9, max(0.05, age))
            }
            addEntrant(
                age: age, home: home, district: district, request: request, group: group, destination: destination, stay: stay,
                movesFirst: movesFirst, key: member)
        }
        route(group: Int(group), urgent: urgent)
    }

    /// Creates one entering child (waiting) and schedules their exit.
    mutating func addEntrant(
        age: Double, home: Location, district: Int, request: PlacementRequest, group: Int32,
        destination: ExitDestination, stay: Double, movesFirst: Bool? = nil, key: RandomKey
    ) {
        let rates = scenario.entries.needs
        var needs = Needs()
        if key.unit(.disability) < rates.disability { needs.insert(.disability) }
        if key.unit(.complex) < rates.complex { needs.insert(.complex) }
        if key.unit(.trauma) < rates.trauma { needs.insert(.trauma) }
        if age >= 16, key.unit(.uasc) < rates.uasc16Plus { needs.insert(.uasc) }
        if age >= 10, key.unit(.exploitationRisk) < rates.exploitationRisk10Plus { needs.insert(.exploitationRisk) }
        if key.unit(.solo) < rates.solo { needs.insert(.solo) }
        let child = Int32(register.children.count)
        register.append(SimChild(
            birthDay: now - age * Calendar.yearDays, entryDay: now, exitDay: 0, placedDay: now, waitingSince: now,
            recentStarts: (-.infinity, -.infinity, -.infinity), home: home, household: -1, unit: -1, group: group,
            placementStamp: 0, exitStamp: 0, district: Int32(district), needs: needs, request: request,
            state: .waiting, type: .other, destination: destination, over20: false, ownBed: false,
            stepDownReady: false, wantsMove: false, key: key))
        register.inCare.append(child)
        waitingCount += 1
        entriesThisMonth += 1
        setExit(Int(child), after: stay, destination: destination, movesFirst: movesFirst)
    }

    /// The exact age of a child entering care in `band` (the band's shape is `EntryAges`).
    func entryAge(_ band: AgeBand, quantile: Double) -> Double {
        EntryAges.age(band, quantile: quantile, weights: scenario.entries.ageAtEntryWeights)
    }

    /// Where a child entering at `band` will leave to (drawn at entry from `plan`'s key).
    func drawDestination(_ band: AgeBand, _ plan: RandomKey) -> ExitDestination {
        let weights = destinationWeights[band.rawValue]
        guard weights.contains(where: { $0 > 0 }) else { return .home }
        return ExitDestination(rawValue: UInt8(Draw.weightedIndex(weights, quantile: plan.unit(.destination))))!
    }

    /// Days in care for a child entering at `band`: with the band's short-stay share an
    /// exponential short stay, otherwise an exponential long one whose mean keeps the band's
    /// overall mean (the 18th birthday cuts either short). `elapsedYears` > 0 draws the
    /// remaining stay of a child already in care that long: the mixture is re-weighted by the
    /// chance of each kind lasting so long (Bayes), so the snapshot's long stayers stay long.
    ///
    /// Both draws are inversions of `plan`'s own uniforms, so a shorter mean (or a larger
    /// short-stay share) never lengthens a child's stay.
    func drawStay(_ band: AgeBand, _ destination: ExitDestination, _ plan: RandomKey, elapsedYears: Double = 0) -> Double {
        let exits = scenario.exits
        guard exits.enabled else { return .infinity }
        let factor = destination.rawValue < 4 ? exitFactor[Int(destination.rawValue)] : 1
        let mean = exits.meanYearsByAgeBand[band]
        let share = min(1, max(0, exits.shortStayShare[band]))
        let short = min(exits.shortStayMeanYears, mean)
        let long = share < 1 ? max(short, (mean - share * short) / (1 - share)) : short
        var pShort = share
        if elapsedYears > 0, share > 0, share < 1 {
            let a = share * exp(-elapsedYears / max(short, 1e-9))
            let b = (1 - share) * exp(-elapsedYears / max(long, 1e-9))
            pShort = a + b > 0 ? a / (a + b) : 0
        }
        let isShort = plan.unit(.shortOrLong) < pShort
        return Draw.exponential(mean: (isShort ? short : long) * factor * Calendar.yearDays, quantile: plan.unit(.stayLength))
    }

    /// Whether a child leaving to `destination` moves to the adopters or to their parents first
    /// (from `plan`'s key).
    func drawMovesFirst(_ destination: ExitDestination, _ plan: RandomKey) -> Bool {
        let exits = scenario.exits
        let u = plan.unit(.movesFirst)
        switch destination {
        case .adoption: return exits.placedForAdoptionShare >= 1 || u < exits.placedForAdoptionShare
        case .home: return u < exits.placedWithParentsShare
        default: return false
        }
    }

    /// Days before leaving that a child leaving to `destination` by a pathway makes that move.
    func pathwayDays(_ destination: ExitDestination) -> Double {
        switch destination {
        case .adoption: scenario.exits.placedForAdoptionMonths * Calendar.monthDays
        case .home: scenario.exits.placedWithParentsMonths * Calendar.monthDays
        default: 0
        }
    }

    /// Schedules child `c`'s exit `after` days from now, or at their 18th birthday if sooner.
    ///
    /// A child leaving by adoption or going home may first move to the adopters (with the
    /// scenario's `placed_for_adoption_share`) or to their parents (`placed_with_parents_share`),
    /// that pathway's months before leaving; `movesFirst` fixes that choice instead of drawing it
    /// (an entering group draws it once; the starting snapshot draws it with the stay, see
    /// `drawStartingExit`).
    mutating func setExit(_ c: Int, after days: Double, destination: ExitDestination, movesFirst: Bool? = nil) {
        var child = register.children[c]
        let eighteenth = child.birthDay + 18 * Calendar.yearDays
        let exits = scenario.exits
        child.exitStamp &+= 1
        if now + days >= eighteenth {
            child.exitDay = max(now, eighteenth)
            child.destination = .eighteen
        } else {
            child.exitDay = now + days
            child.destination = destination
        }
        register.children[c] = child
        calendar.schedule(child.exitDay, .exit, target: Int32(c), stamp: child.exitStamp)
        var lead = 0.0
        if child.destination == .adoption || child.destination == .home,
            movesFirst ?? drawMovesFirst(child.destination, child.key.key(.plan))
        {
            lead = pathwayDays(child.destination)
        }
        if lead > 0, child.type != .adoption, child.type != .withParents {
            calendar.schedule(max(now, child.exitDay - lead), .preExitMove, target: Int32(c), stamp: child.exitStamp)
        }
        // Moving on to supported accommodation at 16 or 17.
        let rate = exits.moveToSupportedPerYear
        if rate > 0, scenario.supported.enabled {
            let sixteenth = child.birthDay + Double(scenario.findingHomes.supportedFromAge) * Calendar.yearDays
            let at = max(now, sixteenth) + Draw.exponential(mean: Calendar.yearDays / rate, quantile: child.key.unit(.supportedMove))
            if at < child.exitDay { calendar.schedule(at, .supportedMove, target: Int32(c), stamp: child.exitStamp) }
        }
    }
}

extension Double {
    /// (1 + x)^y.
    static func pow1p(_ x: Double, _ y: Double) -> Double {
        guard x != 0 else { return 1 }
        return exp(y * log1p(x))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
