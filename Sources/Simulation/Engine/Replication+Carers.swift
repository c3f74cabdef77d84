import CareModel

extension Replication {
    /// Schedules household `h`'s resignation (exponential, at the current resignation rate).
    mutating func scheduleResignation(_ h: Int) {
        let carers = scenario.carers
        let rate = carers.resignationsEnabled ? carers.resignationsPerHouseholdPerYear * resignationFactor : 0
        guard rate > 0 else { return }
        let at = now + Draw.exponential(mean: Calendar.yearDays / rate, using: &carersRNG)
        calendar.schedule(at, .resignation, target: Int32(h), stamp: households[h].stamp)
    }

    mutating func scheduleHoldStart(_ h: Int) {
        let hold = scenario.carers.onHold
        guard hold.enabled, hold.perHouseholdPerYear > 0 else { return }
        let at = now + Draw.exponential(mean: Calendar.yearDays / hold.perHouseholdPerYear, using: &carersRNG)
        calendar.schedule(at, .holdStart, target: Int32(h), stamp: households[h].stamp)
    }

    mutating func scheduleHoldEnd(_ h: Int) {
        let hold = scenario.carers.onHold
        let at = now + Draw.exponential(mean: max(0.1, hold.meanMonths) * Calendar.monthDays, using: &carersRNG)
        calendar.schedule(at, .holdEnd, target: Int32(h), stamp: households[h].stamp)
    }

    /// Carers resign: they take no new children, and children living with them move within
    /// the notice period (about a month on average).
    mutating func resign(_ h: Int, stamp: UInt32) {
        guard households[h].active, households[h].stamp == stamp else { return discardStale() }
        resignationsThisMonth += 1
        householdLeaves(h)
        for c in households[h].occupants {
            let at = now + Draw.exponential(mean: 30, using: &carersRNG)
            calendar.schedule(at, .breakdown, target: c, stamp: children[Int(c)].placementStamp)
        }
    }

    /// Household `h` stops fostering.
    mutating func householdLeaves(_ h: Int) {
        households[h].active = false
        households[h].stamp &+= 1
        leavingThisMonth += 1
        refreshVacancy(h)
    }

    mutating func holdStart(_ h: Int, stamp: UInt32) {
        guard households[h].active, households[h].stamp == stamp, !households[h].onHold else { return discardStale() }
        households[h].onHold = true
        refreshVacancy(h)
        scheduleHoldEnd(h)
    }

    mutating func holdEnd(_ h: Int, stamp: UInt32) {
        guard households[h].active, households[h].stamp == stamp, households[h].onHold else { return discardStale() }
        households[h].onHold = false
        refreshVacancy(h)
        scheduleHoldStart(h)
    }

    /// Fills the recruitment pipeline with the assessments in progress at the start: the
    /// enquiries of the months before it that are approved after it.
    mutating func fillRecruitmentPipeline() {
        let recruitment = scenario.carers.recruitment
        let longest = Int(max(recruitment.assessmentMonthsMin, recruitment.assessmentMonthsMax).rounded(.up))
        guard recruitment.enabled, longest > 0 else { return }
        for m in (-longest)...(-1) { scheduleRecruitment(month: m) }
    }

    /// Draws the month's enquiries and schedules the approvals they lead to.
    ///
    /// Approvals from Poisson enquiries each converting with probability p are Poisson with
    /// mean enquiries x p (thinning), so only the approvals are drawn.
    mutating func scheduleRecruitment(month m: Int) {
        let recruitment = scenario.carers.recruitment
        guard recruitment.enabled else { return }
        extraEnquiries.removeAll { $0.until <= m }
        var mean = recruitment.enquiriesPerMonth * recruitment.conversion
        for campaign in extraEnquiries {
            mean += campaign.perMonth * (campaign.conversion ?? recruitment.conversion)
        }
        let approvals = Draw.poisson(mean: mean, using: &carersRNG)
        let low = min(recruitment.assessmentMonthsMin, recruitment.assessmentMonthsMax)
        let high = max(recruitment.assessmentMonthsMin, recruitment.assessmentMonthsMax)
        let monthStart = Double(m) * Calendar.monthDays
        for _ in 0..<approvals {
            let enquiry = monthStart + carersRNG.nextUnit() * Calendar.monthDays
            let delay = (low + carersRNG.nextUnit() * (high - low)) * Calendar.monthDays
            let template = start.population.households.isEmpty
                ? -1 : Draw.integer(in: 0...(start.population.households.count - 1), using: &carersRNG)
            // Enquiries before the start (the pipeline in progress) approved before it are past.
            if enquiry + delay > 0 { calendar.schedule(enquiry + delay, .approval, target: Int32(template)) }
        }
    }

    /// A new household is approved: like a current one (ages, approvals, skills), new places and home.
    mutating func approveHousehold(template: Int) {
        let recruitment = scenario.carers.recruitment
        var household: Household
        if template >= 0 {
            household = start.population.households[template]
        } else {
            household = Household(
                id: "H", provider: .inHouse, location: start.population.districts[0].centre, places: 1,
                ageRange: 0...17, approvals: [.shortTerm, .longTerm, .emergency])
        }
        let district = Draw.weightedIndex(start.carerWeights, using: &carersRNG)
        let centre = start.population.districts[district].centre
        household.location = centre.offset(
            miles: 6 * carersRNG.nextUnit().squareRoot(), bearingDegrees: carersRNG.nextUnit() * 360)
        household.district = start.population.districts[district].name
        household.id = HouseholdID("N\(households.count)")
        household.places = recruitment.placesDistribution.isEmpty
            ? 1 : Draw.weightedIndex(recruitment.placesDistribution, using: &carersRNG) + 1
        household.occupied = 0
        household.status = .available
        household.residentAges = []
        households.append(SimHousehold(
            household: household, active: true, onHold: false, occupants: [], stayingPut: 0, stamp: 0,
            district: Int32(district)))
        vacantSlot.append(-1)
        kernel.append(household)
        let h = households.count - 1
        refreshVacancy(h)
        approvalsThisMonth += 1
        scheduleResignation(h)
        scheduleHoldStart(h)
    }
}
