import CareModel

extension Replication {
    /// Builds the starting state from the snapshot and schedules the first events.
    mutating func setUp() {
        let districtCount = start.population.districts.count
        vacancies = VacancyIndex(
            districts: districtCount, capacity: 2 * start.population.households.count / max(1, districtCount) + 8)
        households.reserveCapacity(2 * start.population.households.count + 64)
        for (index, household) in start.population.households.enumerated() {
            var h = household
            h.occupied = 0
            h.residentAges = []
            households.append(SimHousehold(
                household: h, active: true, onHold: household.status == .onHold, occupants: [], stayingPut: 0,
                stamp: 0, district: start.householdDistrict[index]))
            households[households.count - 1].key = runKey.key(.startingHouseholds).key(index)
            vacancies.addHousehold()
        }
        kernel = start.kernel
        // Room for as many households again as the run starts with, so that carers approved
        // during the run seldom move the columns (the first write copies them from `start` once).
        kernel.reserveCapacity(2 * households.count + 64)
        var previousKey: Int? = nil
        var sharedUnit: Int32? = nil  // the placement unit of the current group's children living together
        var sharedPlan: StartingPlan? = nil  // and their plan: destination and time of leaving
        for (position, childIndex) in start.childOrder.enumerated() {
            let c = start.population.children[childIndex]
            if c.siblingKey == nil || c.siblingKey != previousKey {
                register.groups.append(SimGroup(first: Int32(register.children.count), count: 0))
                sharedUnit = nil
                sharedPlan = nil
            }
            previousKey = c.siblingKey
            register.groups[register.groups.count - 1].count += 1
            var unit = nextUnit()
            if c.livesWithSiblings {
                if let shared = sharedUnit { unit = shared } else { sharedUnit = unit }
            }
            let plan = addStartingChild(
                c, group: Int32(register.groups.count - 1), unit: unit, sharedPlan: c.livesWithSiblings ? sharedPlan : nil,
                key: runKey.key(.startingChildren).key(position))
            if c.livesWithSiblings, sharedPlan == nil { sharedPlan = plan }
        }
        register.siblingGroups = register.groups.indices.filter { register.groups[$0].count >= 2 }.map(Int32.init)
        for h in households.indices {
            refreshVacancy(h)
            scheduleResignation(h)
            if households[h].onHold {
                scheduleHoldEnd(h)
            } else {
                scheduleHoldStart(h)
            }
        }
        fillRecruitmentPipeline()
        // Events of month 0 are applied by `run` before the first month starts; later ones
        // take effect at their month's start, before the month-end event of the same instant
        // (scheduled earlier, they pop first), so the month that starts then sees them.
        for (index, event) in scenario.timeline.enumerated() where event.startMonth > 0 {
            calendar.schedule(Double(event.startMonth) * Calendar.monthDays, .timeline, target: Int32(index))
        }
    }

    /// A starting child's plan: where they will leave to, in how many days, and whether they
    /// move to the adopters or to their parents first.
    typealias StartingPlan = (destination: ExitDestination, remaining: Double, movesFirst: Bool?)

    /// Adds one child in care at the start, in their current placement (placement `unit`: the
    /// same for brothers and sisters living together), with a drawn exit; returns the plan.
    ///
    /// Brothers and sisters living together share the first one's plan (`sharedPlan`), as
    /// entering groups do (each still leaves at their own 18th birthday), unless it would have
    /// needed this child's move to adopters or parents before day 0. Every draw about the child
    /// comes from `key` (the child's place in the starting population).
    @discardableResult
    mutating func addStartingChild(
        _ c: StartingPopulation.ChildInCare, group: Int32, unit: Int32, sharedPlan: StartingPlan? = nil, key: RandomKey
    ) -> StartingPlan {
        let fraction = key.unit(.startingAge)
        let age = min(17.999, Double(c.age) + fraction)
        let daysInCare = (Double(c.monthsInCare) + key.unit(.startingTime)) * Calendar.monthDays
        let entryDay = -min(daysInCare, age * Calendar.yearDays)
        let birthDay = -age * Calendar.yearDays
        let entryAge = max(0, age + entryDay / Calendar.yearDays)
        let entryBand = AgeBand(age: Int(entryAge))
        var destination: ExitDestination
        var remaining: Double
        var movesFirst: Bool? = nil
        switch c.placement {
        case _ where !scenario.exits.enabled:
            destination = drawDestination(entryBand, key.key(.plan))
            remaining = .infinity
        case .adoption:
            destination = .adoption
            remaining = Draw.exponential(
                mean: scenario.exits.placedForAdoptionMonths * Calendar.monthDays, quantile: key.key(.plan).unit(.stayLength))
        case .withParents:
            destination = .home
            remaining = Draw.exponential(
                mean: scenario.exits.placedWithParentsMonths * Calendar.monthDays, quantile: key.key(.plan).unit(.stayLength))
        default:
            let daysTo18 = 18 * Calendar.yearDays + birthDay
            if let plan = sharedPlan, plan.remaining.isFinite, plan.remaining >= daysTo18 || plan.remaining >= leadDays(plan) {
                (destination, remaining, movesFirst) = plan
            } else {
                (destination, remaining, movesFirst) = drawStartingExit(
                    entryBand, elapsedYears: -entryDay / Calendar.yearDays, daysTo18: daysTo18, key.key(.plan))
            }
        }
        let child = Int32(register.children.count)
        register.append(SimChild(
            birthDay: birthDay, entryDay: entryDay, exitDay: 0, placedDay: entryDay, waitingSince: entryDay,
            recentStarts: (entryDay, -.infinity, -.infinity), home: c.home, household: -1, unit: -1, group: group,
            placementStamp: 0, exitStamp: 0, district: Int32(min(max(0, c.district), start.population.districts.count - 1)),
            needs: c.needs, request: .longTerm, state: .waiting, type: c.placement, destination: destination,
            over20: false, ownBed: false, stepDownReady: false, wantsMove: false, key: key))
        waitingCount += 1
        register.inCare.append(child)
        setExit(Int(child), after: remaining, destination: destination, movesFirst: movesFirst)
        // Place without counting a new placement or a move.
        var household = -1
        if c.placement == .inHouseFoster, let h = c.household, h >= 0, h < households.count {
            household = h
        }
        let distance = c.distanceMiles
            ?? (household >= 0 ? c.home.distanceMiles(to: households[household].household.location) : nil)
        let over20 = distance.map { $0 > KPI.farFromHomeMiles } ?? drawOver20(c.placement, for: Int(child))
        let type: PlacementType = (c.placement == .inHouseFoster && household < 0) ? .inHouseFoster : c.placement
        put(Int(child), type: type, household: household, over20: over20, unit: unit, counting: false, since: entryDay)
        return (destination, remaining, movesFirst)
    }

    /// Days before leaving that a child with `plan` moves to adopters or to parents (0: no move).
    func leadDays(_ plan: StartingPlan) -> Double {
        plan.movesFirst == true ? pathwayDays(plan.destination) : 0
    }

    /// The destination, remaining days in care and "moves to adopters or parents first" choice of a
    /// starting child who is neither placed for adoption nor placed with parents.
    ///
    /// In the model a child leaving by adoption moves to the adopters `placed_for_adoption_months`
    /// before leaving (with `placed_for_adoption_share`), and a child going home moves home first
    /// `placed_with_parents_months` before (with `placed_with_parents_share`). A snapshot child in
    /// any other placement has not made that move. Moving every child whose drawn stay ends
    /// within that lead on day 0 put the baseline's placed for adoption 42 -> 94 and with parents
    /// 39 -> 66 in month 1 (in-house 287 -> 255), so one of two rules applies
    /// (`StartingPopulation.pathwayStart`):
    /// - `notYetStarted` (children from a return): destination, stay and "moves first" are drawn
    ///   together and draws that would need the move before day 0 are rejected, the exact
    ///   conditional given that the child has not started the pathway (Bayes by rejection). On
    ///   synthetic returns it takes year-1 exits from +1.1 band half-widths to about 0.
    /// - `leaveFromPlacement` (a synthetic county from published counts): such a child leaves
    ///   from where they are. The rejection held back every exit by adoption or home for 18-21
    ///   months there: from the county's published March 2021 position the model had 277 exits in
    ///   its first year against 315 published, then a bunch of 330 against 301, because the
    ///   snapshot's months in care and placements are not the model's own pathway stocks.
    /// Attempt i draws from `plan.key(.attempt).key(i)`.
    func drawStartingExit(_ band: AgeBand, elapsedYears: Double, daysTo18: Double, _ plan: RandomKey) -> StartingPlan {
        var last: StartingPlan = (.home, 0.0, false)
        for i in 0..<100 {
            let attempt = plan.key(.attempt).key(i)
            let destination = drawDestination(band, attempt)
            let remaining = drawStay(band, destination, attempt, elapsedYears: elapsedYears)
            last = (destination, remaining, drawMovesFirst(destination, attempt))
            if remaining >= daysTo18 || remaining >= leadDays(last) { return last }
            if start.population.pathwayStart == .leaveFromPlacement { return (destination, remaining, false) }
        }
        // Practically unreachable (every destination needs a move first): go home directly.
        return (.home, last.remaining, false)
    }

    /// Applies the timeline event at `index` of the scenario.
    mutating func applyTimeline(_ index: Int) {
        let event = scenario.timeline[index]
        // A campaign of `months` months covers months startMonth ..< startMonth + months.
        let until = event.months.map { event.startMonth + $0 } ?? Int.max
        switch event.kind {
        case .recruitmentCampaign:
            extraEnquiries.append((until, event.extraEnquiriesPerMonth ?? 0, event.conversion))
        case .newChildrensHome:
            ownBeds += event.beds ?? 0
            if let cost = event.weeklyCostPerBed { ownBedWeekly = cost }
            moveIntoOwnBeds()
        case .fasterExits:
            let factor = event.factor ?? 1
            let names = event.destinations ?? ["home", "adoption", "special_guardianship", "other"]
            let all = ["home", "adoption", "special_guardianship", "other"]
            for (i, name) in all.enumerated() where names.contains(name) { exitFactor[i] *= factor }
            // Shorten (or lengthen) the remaining time of everyone now in care.
            for child in register.inCare {
                let c = register.children[Int(child)]
                guard c.state != .left, c.destination.rawValue < 4, names.contains(all[Int(c.destination.rawValue)]) else { continue }
                let remaining = max(0, c.exitDay - now) * factor
                setExit(Int(child), after: remaining, destination: c.destination)
            }
        case .entryTrend:
            if let trend = event.annualTrend { entryTrend = trend }
            if let factor = event.factor { entryLevel *= factor }
        case .retention:
            let previous = resignationFactor
            resignationFactor *= event.factor ?? 1
            for h in households.indices where households[h].active { rescaleResignation(h, from: previous) }
        case .ifaCapacity:
            ifaCapacity = event.capacity ?? ifaCapacity
        }
    }
}
