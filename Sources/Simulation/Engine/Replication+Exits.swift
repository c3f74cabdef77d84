import CareModel

extension Replication {
    /// Child `c` leaves care (if the event is still current).
    mutating func leave(_ c: Int, stamp: UInt32) {
        guard register.children[c].state != .left, register.children[c].exitStamp == stamp else { return discardStale() }
        let child = register.children[c]
        let household = Int(child.household)
        let wasType = child.type
        let wasPlaced = child.state == .placed
        vacate(c)
        waitingCount -= 1
        register.children[c].state = .left
        register.refreshRow(c)
        exitsThisMonth += 1
        // Snapshot children entered before day 0 (negative entry day): their whole time counts.
        leavers += 1
        leaverDaysInCare += now - child.entryDay
        guard wasPlaced else { return }
        let exits = scenario.exits
        if child.destination == .eighteen, wasType == .inHouseFoster || wasType == .ifaFoster,
            child.key.unit(.stayingPut) < exits.stayingPutProbability
        {
            let end = now + Draw.exponential(
                mean: exits.stayingPutYears * Calendar.yearDays, quantile: child.key.unit(.stayingPutYears))
            stayingPutCount += 1
            if household >= 0 {
                households[household].stayingPut += 1
                refreshVacancy(household)
                calendar.schedule(end, .stayingPutEnd, target: Int32(household))
            } else {
                ifaInUse += 1
                calendar.schedule(end, .stayingPutEnd, target: -1)
            }
        }
        if household >= 0, households[household].active, households[household].occupied == 0 {
            let p: Double
            switch child.destination {
            case .specialGuardianship: p = scenario.carers.leaveAfterSpecialGuardianship
            case .home: p = scenario.carers.leaveAfterReturnHome
            default: p = 0
            }
            if p > 0, child.key.unit(.carerLeaves) < p { householdLeaves(household) }
        }
    }

    /// Before leaving by adoption or to parents, the child moves to the adopters or home.
    mutating func preExitMove(_ c: Int, stamp: UInt32) {
        guard register.children[c].state == .placed, register.children[c].exitStamp == stamp else { return discardStale() }
        let type: PlacementType = register.children[c].destination == .adoption ? .adoption : .withParents
        guard register.children[c].type != type else { return }
        placingReason = .moveBeforeLeaving
        vacate(c)
        movesThisMonth += 1
        if let mate = preExitMate(c, type: type) {
            put(c, type: type, household: -1, over20: register.children[mate].over20, unit: register.children[mate].unit)
        } else {
            put(c, type: type, household: -1, over20: drawOver20(type, for: c), unit: nextUnit())
        }
    }

    /// A brother or sister of `c` with the same plan (leaving on the same day to the same
    /// destination) who has already moved to `type`: brothers and sisters going home or to
    /// adopters together live there together.
    mutating func preExitMate(_ c: Int, type: PlacementType) -> Int? {
        let group = register.groups[Int(register.children[c].group)]
        for s in Int(group.first)..<Int(group.first + group.count) where s != c {
            let sibling = register.children[s]
            if sibling.state == .placed, sibling.type == type, sibling.exitDay == register.children[c].exitDay,
                sibling.destination == register.children[c].destination
            {
                return s
            }
        }
        return nil
    }

    /// A 16- or 17-year-old in foster or residential care moves on to supported accommodation.
    mutating func moveToSupported(_ c: Int, stamp: UInt32) {
        guard register.children[c].state == .placed, register.children[c].exitStamp == stamp else { return discardStale() }
        switch register.children[c].type {
        case .inHouseFoster, .ifaFoster, .residential: break
        default: return
        }
        placingReason = .supportedMove
        vacate(c)
        movesThisMonth += 1
        put(c, type: .supported, household: -1, over20: drawOver20(.supported, for: c), unit: nextUnit())
    }

    /// A staying-put young person moves on, freeing the carer's place.
    mutating func stayingPutEnds(_ h: Int) {
        stayingPutCount -= 1
        if h < 0 {
            ifaInUse -= 1
            return
        }
        households[h].stayingPut -= 1
        refreshVacancy(h)
    }
}
