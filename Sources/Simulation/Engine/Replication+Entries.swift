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
            addEntrant(age: age, home: home, district: district, request: request, group: group, destination: destination, stay: stay)
        }
        route(group: Int(group), urgent: urgent)
    }

    /// Creates one entering child (waiting) and schedules their exit.
    mutating func addEntrant(
        age: Double, home: Location, district: Int, request: PlacementRequest, group: Int32,
        destination: ExitDestination, stay: Double
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
        setExit(Int(child), after: stay, destination: destination)
    }

    /// The exact age of a child entering care in `band`.
    ///
    /// Within most bands the age is uniform, but two bands are shaped by the county's March 2024
    /// snapshot (docs/simulation.md, "Holding the March 2024 snapshot"): babies enter care mostly at or soon after
    /// birth (44 children under 1 in care from about 50 under-1 entries a year is about 0.9 years
    /// under 1 in care per entrant, impossible with ages uniform over the first year), so the
    /// age is `u^4` years (mean 0.2); and adolescent entrants are mostly 13-15 (the snapshot
    /// holds 233 children aged 16-17 against 298 aged 10-15, about 116 per year of age against
    /// 50, which the 64 who entered at 16+ cannot explain), so the age is `10 + 6 sqrt(u)`:
    /// a density rising linearly over 10-16 (mean 14).
    mutating func entryAge(_ band: AgeBand) -> Double {
        let u = arrivalsRNG.nextUnit()
        let weights = scenario.entries.ageAtEntryWeights
        if weights.count == 18 {
            // Single years of age by the weights, uniform within the year.
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

    /// Schedules child `c`'s exit `after` days from now, or at their 18th birthday if sooner.
    ///
    /// A child of the starting snapshot (being set up: in care before day 0, not yet placed) who
    /// is not in a placement with parents or for adoption has not started an exit pathway, so if
    /// bound for one they reach it after `days` and leave after its months (as `CalibratedProjection`
    /// does); otherwise everyone due to leave within the pathway's months would move at day 0.
    mutating func setExit(_ c: Int, after days: Double, destination: ExitDestination) {
        var child = children[c]
        let eighteenth = child.birthDay + 18 * Calendar.yearDays
        let exits = scenario.exits
        var days = days
        var drawnLead = -1.0
        if now == 0, child.entryDay < 0, child.placementStamp == 0, child.state == .waiting,
            child.type != .adoption, child.type != .withParents
        {
            if destination == .adoption {
                let via = exits.placedForAdoptionShare >= 1 || staysRNG.nextUnit() < exits.placedForAdoptionShare
                drawnLead = via ? exits.placedForAdoptionMonths * Calendar.monthDays : 0
            } else if destination == .home {
                drawnLead = staysRNG.nextUnit() < exits.placedWithParentsShare ? exits.placedWithParentsMonths * Calendar.monthDays : 0
            }
            if drawnLead > 0 { days += drawnLead }
        }
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
        if drawnLead >= 0 {
            lead = child.destination == .eighteen ? 0 : drawnLead
        } else if child.destination == .adoption {
            if exits.placedForAdoptionShare >= 1 || staysRNG.nextUnit() < exits.placedForAdoptionShare {
                lead = exits.placedForAdoptionMonths * Calendar.monthDays
            }
        } else if child.destination == .home, staysRNG.nextUnit() < exits.placedWithParentsShare {
            lead = exits.placedWithParentsMonths * Calendar.monthDays
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
