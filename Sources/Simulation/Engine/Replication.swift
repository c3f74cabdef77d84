import CareModel
import Matching

/// What one replication produced.
package struct ReplicationResult: Sendable {
    /// `(months + 1) x KPI.allCases.count` values, month-major (month 0 = the start).
    package var monthly: [Double]
    /// New placements made during the run, by `PlacementType.index`.
    package var placementsByType: [Int]
    /// Total cost over the horizon in pounds.
    package var totalCost: Double
    /// Children who left care during the run and their total days in care, counting the time
    /// before the start date of those in care at the start.
    package var leavers: Int
    package var leaverDaysInCare: Double
    /// Live events processed (for throughput measurements): calendar entries that took effect;
    /// stale entries, discarded as soon as they are popped, are not counted.
    package var events: Int
    /// Every placement decision, when the replication was traced (else empty).
    package var trace: [PlacementDecision] = []
    /// Placement costs and recruitment spend month by month.
    package var money = RunMoney(months: 0)
    /// Every decision that placed a child or group with an agency, in residential care or
    /// in-house far from home, with the reason no in-house home near home was used, in time order.
    package var turnedAway: [TurnedAwayDecision] = []
}

/// One Monte Carlo replication of a scenario: the state of the county and the event loop.
///
/// ## Design note
/// A next-event simulation: every process (arrivals, exits, breakdowns, meetings, carers)
/// schedules its own future events on one calendar, and events that no longer apply (a
/// breakdown after the child has moved, a resignation after a hold) carry a stamp that is
/// checked instead of being removed. Every draw is computed from the run's key and the
/// identity of what it is about (the k-th group entering in a month and band, a child, a
/// household, a child's n-th placement; `RandomSource`), never taken from a shared stream, so
/// two scenarios run with the same seed see the same arrivals, the same stays and the same
/// carers' lives wherever they do not differ by design (common random numbers). All state lives in flat arrays of plain
/// structs indexed by integers; nothing is allocated per event except when a child arrives.
///
/// The state is composed of owned parts, each a plain struct in its own file stating and
/// checking its invariants: the child register (`ChildRegister`: children, groups and the lists
/// of who waits for what), the vacancy index (`VacancyIndex`), the family-finding meeting's notes
/// (`MeetingMarks`), the search buffers (`SearchBuffers`) and the kernel's view of the households
/// (`KernelState`). The joint plan's shortcut lives with the planner (`SeparateBests`). The
/// replication keeps the event loop, the households and the counters, and `invariantViolations`
/// recounts the whole state and runs every part's own check.
///
/// Helpers called from the event handlers on every search (`candidateHouseholds`,
/// `siblingGroup`, `waitingMembers`, `unitMates`, `householdsWithVacancy`) are declared
/// `mutating` although they only read: called from a mutating handler, a non-mutating method
/// made the compiler copy the whole replication (about 2 KB) onto the stack at every call.
struct Replication {
    let scenario: Scenario
    let start: PreparedStart
    let months: Int
    /// The run's random key: every draw is computed from it and the identity of what it is
    /// about (`RandomSource`).
    let runKey: RandomKey
    /// The keys of approvals scheduled from the recruitment pipeline (the approval event's target).
    var approvalKeys: [RandomKey] = []
    /// The kinds of household approvals bring.
    let recruitmentMix: RecruitmentMix
    /// The weights of `drawDestination` by age band (`AgeBand.rawValue`): home, adoption,
    /// special guardianship, other; built once, not at every draw.
    let destinationWeights: [[Double]]
    /// The weights of an entering group's planned request (short term, long term, parent and
    /// child) when the lead child is under one, and when older (no parent and child).
    let plannedRequestWeights: (underOne: [Double], older: [Double])

    var now = 0.0
    var month = 0
    var calendar = EventCalendar()
    /// Every child, their sibling groups and the lists of who waits for what (`ChildRegister`).
    var register = ChildRegister()
    var households = ContiguousArray<SimHousehold>()
    /// The households that can take a child now, by district (`VacancyIndex`).
    var vacancies = VacancyIndex()
    /// The matching kernel's view of every in-house household.
    var kernel = KernelState()
    /// Each child's home in the kernel's terms (latitude NaN = not computed yet).
    var kernelHomes = ContiguousArray<KernelHome>()
    /// Per-household notes of the current family-finding meeting (`MeetingMarks`).
    var meetingMarks = MeetingMarks()
    /// The arrays reused from one candidate search to the next (`SearchBuffers`).
    var buffers = SearchBuffers()
    /// The arrays of a family-finding meeting, reused from meeting to meeting.
    var meetingBuffers = MeetingBuffers()

    var typeCount = [Int](repeating: 0, count: 8)
    var waitingCount = 0
    var ifaInUse = 0
    var ownBeds = 0
    var ownBedsUsed = 0
    var ownBedWeekly: Double
    var stayingPutCount = 0
    /// The sum of every household's `SimHousehold.counted` (kept by `refreshVacancy`).
    var placeCounts = PlaceCounts()
    /// The part of `placeCounts` from households recruited during the run (those after the
    /// starting population's), whose carers are paid the new carers' extra allowance.
    var recruitedPlaceCounts = PlaceCounts()
    var unitCounter: Int32 = 0

    // Flows during the current month.
    var entriesThisMonth = 0
    var exitsThisMonth = 0
    var approvalsThisMonth = 0
    var resignationsThisMonth = 0
    var leavingThisMonth = 0
    var movesThisMonth = 0

    // Levers the timeline changes.
    var entryLevel = 1.0
    var entryTrend: Double
    var extraEnquiries: [(until: Int, perMonth: Double, conversion: Double?)] = []
    var resignationFactor = 1.0
    var exitFactor = [Double](repeating: 1, count: 4)
    var ifaCapacity: Int

    var output: [Double]
    var placementsByType = [Int](repeating: 0, count: 8)
    var totalCost = 0.0
    /// Placement costs and recruitment spend month by month.
    var money: RunMoney
    var leavers = 0
    var leaverDaysInCare = 0.0
    var events = 0
    /// Tests set this to recount the whole state after every event.
    var checkInvariants = false
    /// The first inconsistencies found when `checkInvariants` is on, with the event kind.
    var violations: [String] = []
    /// Tests set this to compare every joint plan settled without `Matcher.plan`
    /// (`SeparateBests`, `SmallPlans`) with `Matcher.plan`'s, every meeting planned part by part
    /// with the whole meeting's plan, and every lone unit's best with every household's
    /// evaluation, and every plan read from the planner's placements with the kernel's code
    /// book against the matching engine's own plan; a difference is recorded in `violations`.
    var checkPlanShortcut = false
    /// Joint plans compared so far when `checkPlanShortcut` is on.
    var planShortcutChecks = 0
    /// Meetings planned part by part and compared with the whole meeting's plan so far when
    /// `checkPlanShortcut` is on (`checkMeetingParts`).
    var meetingPartChecks = 0
    /// Lone units' best households compared with every household's evaluation so far when
    /// `checkPlanShortcut` is on (`bestForLoneUnit`).
    var loneUnitChecks = 0
    /// Tests set this to evaluate every candidate of every in-house search with the reference
    /// evaluator and compare the household chosen with the best (`checkSearch`).
    var checkBestInHouse = false
    /// In-house searches compared so far when `checkBestInHouse` is on.
    var searchChecks = 0
    /// Tests set this to walk the planned-move and step-down lists to their ends at every
    /// meeting (as if no walk stopped early) and count the walks that would have stopped.
    var walkWholeLists = false
    /// Walks of those lists that stopped (or, with `walkWholeLists`, would have stopped) before
    /// their end.
    var listWalksStoppedEarly = 0
    /// Placement decisions, recorded when tracing (nil, the normal path: nothing is recorded).
    var trace: [PlacementDecision]? = nil
    /// Tests set this to keep, with each traced in-house decision, the unit and household seen.
    var traceSnapshots = false
    /// The run number written in trace rows.
    var traceRun = 0
    /// What set off the placements being made now, and whether they are a fallback (for the trace).
    var placingReason = PlacementReason.entry
    var placingFallback = false
    /// The reference evaluation of the in-house placement being made (for the trace).
    var pendingInHouse: PendingInHouse? = nil
    /// The placement decision under way, and the decisions turned away from in-house care so far.
    var turnAway = TurnAwayContext()
    var turnedAway: [TurnedAwayDecision] = []
    /// Whether turned-away decisions are recorded (tests switch it off to show that recording
    /// does not change a run).
    var recordsTurnedAway = true
    /// Tests set this to find every turned-away reason again with the reference evaluator
    /// (`recheckReason`); a difference is recorded in `violations`.
    var checkTurnAwayReasons = false
    /// Reasons found again so far when `checkTurnAwayReasons` is on.
    var turnAwayRechecks = 0
    /// Whether the starting households' identifiers differ from each other and from those
    /// given to approved households ("N" + index), so that `Matcher.plan`'s answers, which
    /// name households by identifier, map back to one household each.
    let householdIDsUnique: Bool

    init(scenario: Scenario, start: PreparedStart, months: Int, rng: Xoshiro256StarStar) {
        self.scenario = scenario
        self.start = start
        self.months = months
        var base = rng
        runKey = RandomKey(drawingFrom: &base)
        entryTrend = scenario.entries.annualTrend
        ifaCapacity = scenario.ifa.capacity
        ownBeds = scenario.residential.ownBeds
        ownBedWeekly = scenario.costs.ownHomeWeeklyPerBed
        output = [Double](repeating: 0, count: (months + 1) * KPI.allCases.count)
        money = RunMoney(months: months)
        householdIDsUnique = start.householdIDsUnique
        destinationWeights = AgeBand.allCases.map { band in
            let d = scenario.exits.destinations[band]
            return [d.home, d.adoption, d.specialGuardianship, d.other]
        }
        let mix = scenario.entries.plannedRequests
        plannedRequestWeights = ([mix.shortTerm, mix.longTerm, mix.parentAndChild], [mix.shortTerm, mix.longTerm, 0])
        recruitmentMix = RecruitmentMix(scenario.carers.recruitment, districts: start.population.districts.map(\.name),
                                        carerWeights: start.carerWeights)
        // Room for the starting children and half as many entrants again as expected, so the arrays
        // of children (120-byte structs) are rarely copied to grow.
        let entrantsPerYear = scenario.entries.enabled ? scenario.entries.perYearByAgeBand.values.reduce(0, +) : 0
        let expected = start.population.children.count + Int(min(1e6, max(0, entrantsPerYear) * 1.5 * Double(months) / 12))
        register.reserveCapacity(expected)
        register.inCare.reserveCapacity(2 * start.population.children.count + 64)
    }

    /// Runs the replication to the horizon and returns its monthly KPIs.
    mutating func run() -> ReplicationResult {
        setUp()
        record(month: 0)
        for (index, event) in scenario.timeline.enumerated() where event.startMonth == 0 { applyTimeline(index) }
        let meetingGap = scenario.findingHomes.meetingsPerWeek > 0 ? 7 / scenario.findingHomes.meetingsPerWeek : 0
        if months > 0 {
            calendar.schedule(Calendar.monthDays, .monthEnd)
            startMonth(0)
            if meetingGap > 0 { calendar.schedule(meetingGap / 2, .meeting) }
        }
        let end = Double(months) * Calendar.monthDays
        while let event = calendar.pop() {
            if event.time > end + 1e-9 { break }
            now = event.time
            // Counted here; a handler that finds its entry stale takes it back (`discardStale`).
            events += 1
            if let next = calendar.upcoming { prefetchRecords(of: next.kind, target: next.target) }
            switch event.kind {
            case .monthEnd:
                month += 1
                accrueCost(days: Calendar.monthDays)
                record(month: month)
                if month >= months { return result() }
                calendar.schedule(Double(month + 1) * Calendar.monthDays, .monthEnd)
                startMonth(month)
            case .arrival:
                arrive(band: AgeBand(rawValue: Int(event.target) % 8)!, month: Int(event.target) / 8, number: Int(event.stamp))
            case .exit: leave(Int(event.target), stamp: event.stamp)
            case .preExitMove: preExitMove(Int(event.target), stamp: event.stamp)
            case .breakdown: breakdown(Int(event.target), stamp: event.stamp)
            case .meeting:
                familyFindingMeeting()
                calendar.schedule(now + meetingGap, .meeting)
            case .resignation: resign(Int(event.target), stamp: event.stamp)
            case .holdStart: holdStart(Int(event.target), stamp: event.stamp)
            case .holdEnd: holdEnd(Int(event.target), stamp: event.stamp)
            case .approval: approveHousehold(key: approvalKeys[Int(event.target)])
            case .stayingPutEnd: stayingPutEnds(Int(event.target))
            case .timeline: applyTimeline(Int(event.target))
            case .moveRequest: requestMove(Int(event.target), stamp: event.stamp)
            case .supportedMove: moveToSupported(Int(event.target), stamp: event.stamp)
            }
            if checkInvariants, violations.isEmpty {
                let found = invariantViolations()
                if !found.isEmpty { violations = ["after \(event.kind) at day \(now):"] + found }
            }
        }
        return result()
    }

    /// Drops the event being handled from the count: its calendar entry no longer applies (the
    /// stamp is out of date or the child or household has moved on), so nothing happens.
    mutating func discardStale() { events -= 1 }

    func result() -> ReplicationResult {
        ReplicationResult(
            monthly: output, placementsByType: placementsByType, totalCost: totalCost,
            leavers: leavers, leaverDaysInCare: leaverDaysInCare, events: events, trace: trace ?? [], money: money,
            turnedAway: turnedAway)
    }

    /// Draws the month's arrivals and enquiries.
    mutating func startMonth(_ m: Int) {
        scheduleArrivals(month: m)
        scheduleRecruitment(month: m)
    }

    /// Adds the cost of `days` at the current state to the running total.
    mutating func accrueCost(days: Double) {
        let cost = weeklyCost() * days / 7
        totalCost += cost
        chargeMonth(month, days: days, placementCost: cost)
    }
}
