import CareModel

extension Replication {
    /// The resignation rate per household per year now.
    var resignationRate: Double {
        let carers = scenario.carers
        return carers.resignationsEnabled ? carers.resignationsPerHouseholdPerYear * resignationFactor : 0
    }

    /// Schedules household `h`'s resignation (exponential, at the current resignation rate): the
    /// inversion of the household's own uniform, so a lower rate never brings it forward.
    mutating func scheduleResignation(_ h: Int) {
        let rate = resignationRate
        guard rate > 0 else { return }
        let at = now + Draw.exponential(mean: Calendar.yearDays / rate, quantile: households[h].key.unit(.resignation))
        setResignation(h, at: at)
    }

    /// Moves household `h`'s resignation after the rate changed from `previousFactor` x the
    /// scenario's rate to the current one: the time left is scaled by old rate / new rate, which
    /// keeps it exponential at the new rate (memorylessness) and keeps each household's own draw.
    mutating func rescaleResignation(_ h: Int, from previousFactor: Double) {
        let day = households[h].resignationDay
        guard day.isFinite, previousFactor > 0 else {
            scheduleResignation(h)
            return
        }
        guard resignationFactor > 0, resignationRate > 0 else {
            setResignation(h, at: .infinity)
            return
        }
        setResignation(h, at: now + max(0, day - now) * previousFactor / resignationFactor)
    }

    /// Records and schedules household `h`'s resignation day (infinity: none), cancelling the one before.
    mutating func setResignation(_ h: Int, at day: Double) {
        households[h].resignationStamp &+= 1
        households[h].resignationDay = day
        if day.isFinite {
            calendar.schedule(day, .resignation, target: Int32(h), stamp: households[h].resignationStamp)
        }
    }

    /// The household's next hold draw (each start and end of a hold reads its own uniform).
    mutating func nextHoldDraw(_ h: Int) -> Double {
        let u = households[h].key.key(.hold).unit(UInt64(households[h].holdDraws))
        households[h].holdDraws &+= 1
        return u
    }

    mutating func scheduleHoldStart(_ h: Int) {
        let hold = scenario.carers.onHold
        guard hold.enabled, hold.perHouseholdPerYear > 0 else { return }
        let at = now + Draw.exponential(mean: Calendar.yearDays / hold.perHouseholdPerYear, quantile: nextHoldDraw(h))
        calendar.schedule(at, .holdStart, target: Int32(h), stamp: households[h].stamp)
    }

    mutating func scheduleHoldEnd(_ h: Int) {
        let hold = scenario.carers.onHold
        let at = now + Draw.exponential(mean: max(0.1, hold.meanMonths) * Calendar.monthDays, quantile: nextHoldDraw(h))
        calendar.schedule(at, .holdEnd, target: Int32(h), stamp: households[h].stamp)
    }

    /// Carers resign: they take no new children, and children living with them move within
    /// the notice period (about a month on average).
    mutating func resign(_ h: Int, stamp: UInt32) {
        guard households[h].active, households[h].resignationStamp == stamp else { return discardStale() }
        resignationsThisMonth += 1
        householdLeaves(h)
        for c in households[h].occupants {
            let at = now + Draw.exponential(mean: 30, quantile: placementKey(Int(c)).unit(.notice))
            calendar.schedule(at, .breakdown, target: c, stamp: register.children[Int(c)].placementStamp)
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
    /// mean enquiries x p (thinning), so only the approvals are drawn: by inversion of the
    /// month's own uniform, so more enquiries never give fewer approvals, and the k-th approval
    /// of the month draws its timing and home from its own key, so the households of a lower
    /// rate are approved unchanged under a higher one.
    mutating func scheduleRecruitment(month m: Int) {
        let recruitment = scenario.carers.recruitment
        guard recruitment.enabled else { return }
        extraEnquiries.removeAll { $0.until <= m }
        var mean = recruitment.enquiriesPerMonth * recruitment.conversion
        for campaign in extraEnquiries {
            mean += campaign.perMonth * (campaign.conversion ?? recruitment.conversion)
        }
        var enquiries = recruitment.enquiriesPerMonth
        for campaign in extraEnquiries { enquiries += campaign.perMonth }
        chargeEnquiries(month: m, enquiries: enquiries)
        let source = runKey.key(.recruitment).key(m)
        let approvals = Draw.poisson(mean: mean, quantile: source.unit(0))
        guard approvals > 0 else { return }
        let low = min(recruitment.assessmentMonthsMin, recruitment.assessmentMonthsMax)
        let high = max(recruitment.assessmentMonthsMin, recruitment.assessmentMonthsMax)
        let monthStart = Double(m) * Calendar.monthDays
        for k in 1...approvals {
            let key = source.key(k)
            let enquiry = monthStart + key.unit(.enquiryTime) * Calendar.monthDays
            let delay = (low + key.unit(.assessment) * (high - low)) * Calendar.monthDays
            // Enquiries before the start (the pipeline in progress) approved before it are past.
            if enquiry + delay > 0 {
                calendar.schedule(enquiry + delay, .approval, target: Int32(approvalKeys.count))
                approvalKeys.append(key)
            }
        }
    }

    /// A new household is approved: like a current one (ages, approvals, skills) unless the
    /// recruitment mix sets them, with new places and home, all drawn from the approval's own
    /// `key` (`RecruitmentMix`).
    mutating func approveHousehold(key: RandomKey) {
        var household: Household
        let templates = start.population.households.count
        let template = templates == 0 ? -1 : min(templates - 1, Int(key.unit(.template) * Double(templates)))
        if template >= 0 {
            household = start.population.households[template]
        } else {
            household = Household(
                id: "H", provider: .inHouse, location: start.population.districts[0].centre, places: 1,
                ageRange: 0...17, approvals: [.shortTerm, .longTerm, .emergency])
        }
        let carer = recruitmentMix.draw(key)
        let district = carer.district
        household.location = start.scatterCentres[district].offset(
            miles: 6 * key.unit(.locationDistance).squareRoot(), bearingDegrees: key.unit(.locationBearing) * 360)
        household.district = start.population.districts[district].name
        household.id = HouseholdID("N\(households.count)")
        household.places = carer.places
        if let ages = carer.ages { household.ageRange = ages }
        if let approvals = carer.approvals { household.approvals = approvals }
        if let skills = carer.skills { household.skills = skills }
        household.occupied = 0
        household.status = .available
        household.residentAges = []
        households.append(SimHousehold(
            household: household, active: true, onHold: false, occupants: [], stayingPut: 0, stamp: 0,
            district: Int32(district)))
        households[households.count - 1].key = key
        vacancies.addHousehold()
        // A copy of the template but for its place, size and approvals (the district is named
        // after the district's own name above), so its codes are the template row's and the
        // district's.
        if template >= 0 {
            kernel.append(household, district: Int32(district), likeRow: template)
        } else {
            kernel.append(household, district: Int32(district))
        }
        let h = households.count - 1
        refreshVacancy(h)
        approvalsThisMonth += 1
        chargeApproval()
        scheduleResignation(h)
        scheduleHoldStart(h)
    }
}
