import CareModel

extension Replication {
    /// Draws the number of sibling groups arriving in month `m` by age band and schedules them
    /// at uniform times within the month (a Poisson process with a piecewise-constant rate).
    mutating func scheduleArrivals(month m: Int) {
        let entries = scenario.entries
        if m > 0 { entryLevel *= Double.pow1p(entryTrend, 1.0 / 12) }
        guard entries.enabled else { return }
        let season = seasonalFactor(month: m)
        let perGroup = 1 / entries.meanGroupSize
        let startDay = Double(m) * Calendar.monthDays
        for band in AgeBand.allCases {
            let mean = entries.perYearByAgeBand[band] / 12 * entryLevel * season * perGroup
            let count = Draw.poisson(mean: mean, using: &arrivalsRNG)
            for _ in 0..<count {
                calendar.schedule(startDay + arrivalsRNG.nextUnit() * Calendar.monthDays, .arrival, target: Int32(band.rawValue))
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

    /// A sibling group arrives: draws the children and finds them a home.
    mutating func arrive(band: AgeBand) {
        let entries = scenario.entries
        let size = entries.siblingGroupSizes.isEmpty ? 1 : Draw.weightedIndex(entries.siblingGroupSizes, using: &arrivalsRNG) + 1
        let leadAge = entryAge(band)
        let district = Draw.weightedIndex(start.childWeights, using: &arrivalsRNG)
        let centre = start.population.districts[district].centre
        let home = centre.offset(
            miles: entries.homeScatterMiles * arrivalsRNG.nextUnit().squareRoot(), bearingDegrees: arrivalsRNG.nextUnit() * 360)
        let urgent = arrivalsRNG.nextUnit() < entries.urgency.urgentShare
        let request: PlacementRequest
        if urgent {
            request = entries.emergencyRequest
        } else {
            let mix = entries.plannedRequests
            let pick = Draw.weightedIndex([mix.shortTerm, mix.longTerm, leadAge < 1 ? mix.parentAndChild : 0], using: &arrivalsRNG)
            request = [PlacementRequest.shortTerm, .longTerm, .parentAndChild][pick]
        }
        let group = Int32(groups.count)
        groups.append(SimGroup(first: Int32(children.count), count: Int32(size)))
        // Brothers and sisters share a plan: the first child's stay and destination (each still
        // leaves at their own 18th birthday).
        let leadBand = AgeBand(age: Int(leadAge))
        let destination = drawDestination(leadBand)
        let stay = drawStay(leadBand, destination)
        // ... and whether they move to their parents or adopters first (together).
        let movesFirst = drawMovesFirst(destination)
        // With single-year entry weights (a calibrated scenario) brothers and sisters are drawn
        // within the lead's band: the group rate of a band is its children's rate / mean group
        // size, which holds only if the whole group counts in that band.
        let sameBand = entries.ageAtEntryWeights.count == 18
        for k in 0..<size {
            var age = leadAge
            if k > 0, sameBand {
                age = entryAge(band)
            } else if k > 0 {
                let gap = Double(Draw.integer(in: 1...max(1, entries.siblingAgeGapYears), using: &arrivalsRNG))
                age = arrivalsRNG.nextUnit() < 0.5 ? age - gap * Double(k) : age + gap * Double(k)
                age = min(17.9, max(0.05, age))
            }
            addEntrant(
                age: age, home: home, district: district, request: request, group: group, destination: destination, stay: stay,
                movesFirst: movesFirst)
        }
        route(group: Int(group), urgent: urgent)
    }

    /// Creates one entering child (waiting) and schedules their exit.
    mutating func addEntrant(
        age: Double, home: Location, district: Int, request: PlacementRequest, group: Int32,
        destination: ExitDestination, stay: Double, movesFirst: Bool? = nil
    ) {
        let rates = scenario.entries.needs
        var needs = Needs()
        if arrivalsRNG.nextUnit() < rates.disability { needs.insert(.disability) }
        if arrivalsRNG.nextUnit() < rates.complex { needs.insert(.complex) }
        if arrivalsRNG.nextUnit() < rates.trauma { needs.insert(.trauma) }
        let uascDraw = arrivalsRNG.nextUnit()
        if age >= 16, uascDraw < rates.uasc16Plus { needs.insert(.uasc) }
        let riskDraw = arrivalsRNG.nextUnit()
        if age >= 10, riskDraw < rates.exploitationRisk10Plus { needs.insert(.exploitationRisk) }
        if arrivalsRNG.nextUnit() < rates.solo { needs.insert(.solo) }
        let child = Int32(children.count)
        children.append(SimChild(
            birthDay: now - age * Calendar.yearDays, entryDay: now, exitDay: 0, placedDay: now, waitingSince: now,
            recentStarts: (-.infinity, -.infinity, -.infinity), home: home, household: -1, unit: -1, group: group,
            placementStamp: 0, exitStamp: 0, district: Int32(district), needs: needs, request: request,
            state: .waiting, type: .other, destination: destination, over20: false, ownBed: false,
            stepDownReady: false, wantsMove: false))
        inCare.append(child)
        waitingCount += 1
        entriesThisMonth += 1
        setExit(Int(child), after: stay, destination: destination, movesFirst: movesFirst)
    }

    /// The exact age of a child entering care in `band` (the band's shape is `EntryAges`).
    mutating func entryAge(_ band: AgeBand) -> Double {
        EntryAges.age(band, quantile: arrivalsRNG.nextUnit(), weights: scenario.entries.ageAtEntryWeights)
    }

    /// Where a child entering at `band` will leave to (drawn at entry).
    mutating func drawDestination(_ band: AgeBand) -> ExitDestination {
        let d = scenario.exits.destinations[band]
        let weights = [d.home, d.adoption, d.specialGuardianship, d.other]
        guard weights.contains(where: { $0 > 0 }) else { return .home }
        return ExitDestination(rawValue: UInt8(Draw.weightedIndex(weights, using: &staysRNG)))!
    }

    /// Days in care for a child entering at `band`: with the band's short-stay share an
    /// exponential short stay, otherwise an exponential long one whose mean keeps the band's
    /// overall mean (the 18th birthday cuts either short). `elapsedYears` > 0 draws the
    /// remaining stay of a child already in care that long: the mixture is re-weighted by the
    /// chance of each kind lasting so long (Bayes), so the snapshot's long stayers stay long.
    mutating func drawStay(_ band: AgeBand, _ destination: ExitDestination, elapsedYears: Double = 0) -> Double {
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
        let isShort = staysRNG.nextUnit() < pShort
        return Draw.exponential(mean: (isShort ? short : long) * factor * Calendar.yearDays, using: &staysRNG)
    }

    /// Whether a child leaving to `destination` moves to the adopters or to their parents first.
    mutating func drawMovesFirst(_ destination: ExitDestination) -> Bool {
        let exits = scenario.exits
        switch destination {
        case .adoption: return exits.placedForAdoptionShare >= 1 || staysRNG.nextUnit() < exits.placedForAdoptionShare
        case .home: return staysRNG.nextUnit() < exits.placedWithParentsShare
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
        var child = children[c]
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
        children[c] = child
        calendar.schedule(child.exitDay, .exit, target: Int32(c), stamp: child.exitStamp)
        var lead = 0.0
        if child.destination == .adoption || child.destination == .home, movesFirst ?? drawMovesFirst(child.destination) {
            lead = pathwayDays(child.destination)
        }
        if lead > 0, child.type != .adoption, child.type != .withParents {
            calendar.schedule(max(now, child.exitDay - lead), .preExitMove, target: Int32(c), stamp: child.exitStamp)
        }
        // Moving on to supported accommodation at 16 or 17.
        let rate = exits.moveToSupportedPerYear
        if rate > 0, scenario.supported.enabled {
            let sixteenth = child.birthDay + Double(scenario.findingHomes.supportedFromAge) * Calendar.yearDays
            let at = max(now, sixteenth) + Draw.exponential(mean: Calendar.yearDays / rate, using: &staysRNG)
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
