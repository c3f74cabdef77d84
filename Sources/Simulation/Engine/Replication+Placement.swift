import CareModel

extension Replication {
    mutating func nextUnit() -> Int32 {
        unitCounter &+= 1
        return unitCounter
    }

    /// The random key of child `c`'s current placement (or of the time since the last one
    /// ended): the child's key and placement stamp, so each placement draws its own numbers.
    func placementKey(_ c: Int) -> RandomKey {
        register.children[c].key.key(.placement).key(UInt64(register.children[c].placementStamp))
    }

    /// The random key of the placement `put` will start next for child `c`.
    func nextPlacementKey(_ c: Int) -> RandomKey {
        register.children[c].key.key(.placement).key(UInt64(register.children[c].placementStamp &+ 1))
    }

    /// Puts waiting child `c` into a placement of `type` (with in-house `household`, or -1).
    ///
    /// `counting` is false for the starting snapshot (not a new placement, not a move), whose
    /// placements began on day `since` (before day 0): their move hazard is the one for a
    /// placement of that age.
    mutating func put(_ c: Int, type: PlacementType, household: Int, over20: Bool, unit: Int32, counting: Bool = true,
                      ownBed: Bool = false, since: Double? = nil) {
        if counting, recordsTurnedAway { recordTurnAway(c, type: type, far: over20) }
        var child = register.children[c]
        precondition(child.state == .waiting, "only a waiting child is placed")
        child.state = .placed
        waitingCount -= 1
        child.type = type
        child.household = Int32(household)
        child.over20 = over20
        child.unit = unit
        child.ownBed = ownBed
        let started = since ?? now
        child.placedDay = started
        child.placementStamp &+= 1
        child.recentStarts = since == nil ? (now, child.recentStarts.0, child.recentStarts.1) : (started, -.infinity, -.infinity)
        child.wantsMove = false
        let steps = scenario.moves.stepDown
        let key = child.key.key(.placement).key(UInt64(child.placementStamp))
        child.stepDownReady = false
        if steps.enabled, counting {
            if type == .residential, !child.needs.contains(.complex) || key.unit(.stepDownComplex) < 0.5 {
                child.stepDownReady = key.unit(.stepDown) < steps.residentialShare
            } else if type == .ifaFoster {
                child.stepDownReady = key.unit(.stepDown) < steps.ifaShare
            }
            if child.stepDownReady { register.stepDownList.append(child: c, stamp: child.placementStamp) }
        }
        let shape = scenario.moves.frailtyShape
        if shape > 0, child.frailty < 0 {
            var frailtyDraws = child.key.key(.frailty).generator()
            child.frailty = Draw.gamma(shape: shape, using: &frailtyDraws) / shape
        }
        register.children[c] = child
        register.refreshRow(c)
        typeCount[type.index] += 1
        if counting { placementsByType[type.index] += 1 }
        switch type {
        case .ifaFoster: ifaInUse += 1
        case .residential where ownBed: ownBedsUsed += 1
        default: break
        }
        if household >= 0 {
            households[household].occupants.append(Int32(c))
            refreshVacancy(household)
        }
        if counting, trace != nil { traceDecision(c, type: type, household: household, unit: unit) }
        // An unplanned ending, if it comes before the planned exit.
        var rate = scenario.moves.breakdownsEnabled ? scenario.moves.breakdownsPerYear[type] : 0
        if shape > 0 { rate *= child.frailty }
        if rate > 0 {
            let at: Double
            let u = key.unit(.breakdownTime)
            if scenario.moves.earlyMonths > 0, scenario.moves.earlyFactor > 1 {
                let h = Draw.exponential(mean: 1, quantile: u)
                at = now + scenario.moves.placementDays(unitDraw: h, perDay: rate / Calendar.yearDays, elapsed: now - started)
            } else {
                at = now + Draw.exponential(mean: Calendar.yearDays / rate, quantile: u)
            }
            if at < child.exitDay { calendar.schedule(at, .breakdown, target: Int32(c), stamp: child.placementStamp) }
        }
    }

    /// Takes placed child `c` out of their placement (back to waiting, or about to leave).
    mutating func vacate(_ c: Int) {
        var child = register.children[c]
        guard child.state == .placed else { return }
        typeCount[child.type.index] -= 1
        switch child.type {
        case .ifaFoster: ifaInUse -= 1
        case .residential where child.ownBed: ownBedsUsed -= 1
        default: break
        }
        if child.household >= 0 {
            let h = Int(child.household)
            if let at = households[h].occupants.firstIndex(of: Int32(c)) { households[h].occupants.remove(at: at) }
            refreshVacancy(h)
        }
        child.state = .waiting
        child.household = -1
        child.ownBed = false
        child.placementStamp &+= 1
        child.waitingSince = now
        register.children[c] = child
        register.refreshRow(c)
        waitingCount += 1
    }

    /// Whether a fresh draw puts child `c`'s next placement, of `type`, over 20 miles from home
    /// (the uniform of the placement about to start; brothers and sisters placed together share
    /// the first one's).
    func drawOver20(_ type: PlacementType, for c: Int) -> Bool {
        let p: Double
        switch type {
        case .ifaFoster: p = scenario.ifa.over20MilesProbability
        case .kinship: p = scenario.findingHomes.kinshipOver20MilesProbability
        case .residential: p = scenario.residential.externalOver20MilesProbability
        case .supported: p = scenario.supported.over20MilesProbability
        case .inHouseFoster: p = 0.1
        case .adoption: p = 0.3
        case .withParents: p = 0
        case .other: p = 0.5
        }
        return nextPlacementKey(c).unit(.over20) < p
    }

    /// The waiting members of group `g`.
    /// - Complexity: O(group size), one allocation.
    mutating func waitingMembers(_ g: Int) -> [Int] {
        let group = register.groups[g]
        return members(of: group) { register.children[$0].state == .waiting }
    }

    /// The children of `group` for which `isMember` holds, in index order, in an array allocated
    /// once at the group's size (`filter` would grow it as it goes, allocating again).
    @inline(__always)
    func members(of group: SimGroup, where isMember: (Int) -> Bool) -> [Int] {
        var found: [Int] = []
        found.reserveCapacity(Int(group.count))
        for c in Int(group.first) ..< Int(group.first + group.count) where isMember(c) { found.append(c) }
        return found
    }

    /// Decides how an entering group is looked after: the order of preference.
    mutating func route(group g: Int, urgent: Bool) {
        placingReason = .entry
        let members = waitingMembers(g)
        beginDecision(members, .notSought)
        let find = scenario.findingHomes
        // The youngest member's age (the first of equal ones, as `min()` would give), 0 for none.
        var minAge = 0.0
        for (i, c) in members.enumerated() {
            let age = register.children[c].age(at: now)
            if i == 0 || age < minAge { minAge = age }
        }
        let complexTeen = members.contains { register.children[$0].needs.contains(.complex) && register.children[$0].age(at: now) >= 10 }
        // The route's draws are the first child's (one uniform per decision, read whether or not
        // the decision is reached).
        let routeKey = register.children[members[0]].key.key(.route)
        if routeKey.unit(0) < find.otherProbability {
            let unit = nextUnit()
            for c in members { put(c, type: .other, household: -1, over20: drawOver20(.other, for: c), unit: unit) }
            return
        }
        let band = AgeBand(age: Int(register.children[members[0]].age(at: now)))
        if find.kinshipEnabled, routeKey.unit(1) < find.kinshipProbability[band] {
            let unit = nextUnit()
            let over20 = drawOver20(.kinship, for: members[0])
            for c in members { put(c, type: .kinship, household: -1, over20: over20, unit: unit) }
            return
        }
        if scenario.supported.enabled, minAge >= Double(find.supportedFromAge), !complexTeen,
            routeKey.unit(2) < find.supportedProbability
        {
            let unit = nextUnit()
            let over20 = drawOver20(.supported, for: members[0])
            for c in members { put(c, type: .supported, household: -1, over20: over20, unit: unit) }
            return
        }
        let residentialDraw = routeKey.unit(3)
        if complexTeen, residentialDraw < find.residentialForComplexProbability {
            placeResidential(members)
            return
        }
        if !complexTeen, minAge >= 10, residentialDraw < find.residentialProbability10Plus {
            placeResidential(members)
            return
        }
        if urgent {
            placeUrgently(members, excluding: -1)
        } else {
            register.waitingGroups.append(Int32(g))
        }
    }

    /// Finds a home at once: the best feasible in-house home, else an agency or residential home.
    mutating func placeUrgently(_ members: [Int], excluding: Int) {
        guard !members.isEmpty else { return }
        beginDecision(members, .searched, excluding: excluding)
        if let best = bestInHouse(for: members, excluding: excluding) {
            placeInHouse(members, household: best.household, miles: best.miles)
            let bridging = placementKey(members[0]).unit(.bridging) < scenario.findingHomes.emergencyMoveProbability
            if bridging || best.score < scenario.findingHomes.poorFitScore { scheduleMoveRequests(members) }
            return
        }
        fallback(members, wantsMove: true)
    }

    /// Places `members` together with in-house household `h`.
    mutating func placeInHouse(_ members: [Int], household h: Int, miles: Double) {
        if trace != nil { traceInHouse(members, household: h) }
        beginDecision(members, .inHouse, excluding: h)
        let unit = nextUnit()
        for c in members {
            let distance = members.count == 1 ? miles : register.children[c].home.distanceMiles(to: households[h].location)
            put(c, type: .inHouseFoster, household: h, over20: distance > KPI.farFromHomeMiles, unit: unit)
        }
    }

    /// When no in-house home is found: supported 16+, agency, or residential care.
    mutating func fallback(_ members: [Int], wantsMove: Bool) {
        guard !members.isEmpty else { return }
        placingFallback = true
        defer { placingFallback = false }
        let find = scenario.findingHomes
        let allOld = members.allSatisfy { register.children[$0].age(at: now) >= Double(find.supportedFromAge) }
        let complex = members.contains { register.children[$0].needs.contains(.complex) }
        if allOld, !complex, scenario.supported.enabled {
            let unit = nextUnit()
            let over20 = drawOver20(.supported, for: members[0])
            for c in members { put(c, type: .supported, household: -1, over20: over20, unit: unit) }
            return
        }
        if scenario.ifa.enabled, ifaInUse + members.count <= ifaCapacity {
            let unit = nextUnit()
            let over20 = drawOver20(.ifaFoster, for: members[0])
            for c in members { put(c, type: .ifaFoster, household: -1, over20: over20, unit: unit) }
            if wantsMove { scheduleMoveRequests(members) }
            return
        }
        for c in members {
            if scenario.ifa.enabled, ifaInUse < ifaCapacity {
                put(c, type: .ifaFoster, household: -1, over20: drawOver20(.ifaFoster, for: c), unit: nextUnit())
                if wantsMove { scheduleMoveRequests([c]) }
            } else if scenario.supported.enabled, register.children[c].age(at: now) >= Double(find.supportedFromAge) {
                put(c, type: .supported, household: -1, over20: drawOver20(.supported, for: c), unit: nextUnit())
            } else {
                placeResidential([c])
            }
        }
    }

    /// Residential care: the council's own beds first, then the external market.
    mutating func placeResidential(_ members: [Int]) {
        for c in members {
            let u = nextPlacementKey(c).unit(.over20)
            if ownBedsUsed < ownBeds {
                let over20 = u < scenario.residential.ownOver20MilesProbability
                put(c, type: .residential, household: -1, over20: over20, unit: nextUnit(), ownBed: true)
            } else {
                let over20 = u < scenario.residential.externalOver20MilesProbability
                put(c, type: .residential, household: -1, over20: over20, unit: nextUnit())
            }
        }
    }

    /// Puts members forward for a planned move after the configured delay.
    mutating func scheduleMoveRequests(_ members: [Int]) {
        let delay = scenario.findingHomes.plannedMoveAfterDays
        for c in members {
            calendar.schedule(now + delay, .moveRequest, target: Int32(c), stamp: register.children[c].placementStamp)
        }
    }

    mutating func requestMove(_ c: Int, stamp: UInt32) {
        guard register.children[c].state == .placed, register.children[c].placementStamp == stamp else { return discardStale() }
        register.children[c].wantsMove = true
        register.moveRequests.append(child: c, stamp: stamp)
    }

    /// Child `c` and the brothers and sisters living with them (same placement), in index order.
    /// - Complexity: O(group size), one allocation.
    mutating func unitMates(_ c: Int) -> [Int] {
        let group = register.groups[Int(register.children[c].group)]
        let unit = register.children[c].unit
        return members(of: group) { $0 == c || (register.children[$0].state == .placed && register.children[$0].unit == unit) }
    }

    /// A placement ends (breakdown or planned move): the child, with brothers and sisters living
    /// with them, needs a new home at once. With `moves.destinations` for the type moved from,
    /// the new type is drawn from them (`placeAfterMove`); otherwise the urgent search.
    mutating func breakdown(_ c: Int, stamp: UInt32) {
        guard register.children[c].state == .placed, register.children[c].placementStamp == stamp else { return discardStale() }
        placingReason = .placementEnded
        let previous = Int(register.children[c].household)
        let from = register.children[c].type
        let members = unitMates(c)
        for m in members {
            vacate(m)
            movesThisMonth += 1
        }
        beginDecision(members, .notSought, excluding: previous)
        if scenario.moves.hasDestinations(from) {
            let band = AgeBand(age: Int(register.children[c].age(at: now)))
            var draws = placementKey(c).key(.moveDestination).generator()
            let to = scenario.moves.drawDestination(from: from, band: band, using: &draws)
            placeAfterMove(members, type: to, excluding: previous)
            return
        }
        let allOld = members.allSatisfy { register.children[$0].age(at: now) >= Double(scenario.findingHomes.supportedFromAge) }
        if allOld, scenario.supported.enabled, placementKey(c).unit(.moveToSupported) < 0.5 {
            let unit = nextUnit()
            let over20 = drawOver20(.supported, for: c)
            for m in members { put(m, type: .supported, household: -1, over20: over20, unit: unit) }
            return
        }
        placeUrgently(members, excluding: previous)
    }

    /// Places `members` (after a move) in a home of `type`: in-house carers through the
    /// matching engine (`placeUrgently`, which falls back to an agency, then residential care),
    /// an agency home while the market has room, residential care (own beds first), supported
    /// accommodation for 16-17s, and relatives and friends, parents, adopters or other settings
    /// directly. A destination that cannot take them (no agency room, under 16 for supported,
    /// relatives and friends or supported switched off) falls back to the urgent search, the
    /// usual order of preference.
    mutating func placeAfterMove(_ members: [Int], type: PlacementType, excluding: Int) {
        let canTake: Bool
        switch type {
        case .inHouseFoster:
            placeUrgently(members, excluding: excluding)
            return
        case .residential:
            placeResidential(members)
            return
        case .ifaFoster:
            canTake = scenario.ifa.enabled && ifaInUse + members.count <= ifaCapacity
        case .supported:
            let from = Double(scenario.findingHomes.supportedFromAge)
            canTake = scenario.supported.enabled && members.allSatisfy { register.children[$0].age(at: now) >= from }
        case .kinship:
            canTake = scenario.findingHomes.kinshipEnabled
        case .withParents, .adoption, .other:
            canTake = true
        }
        guard canTake else {
            placeUrgently(members, excluding: excluding)
            return
        }
        let unit = nextUnit()
        let over20 = drawOver20(type, for: members[0])
        for m in members { put(m, type: type, household: -1, over20: over20, unit: unit) }
    }

    /// Moves external residential children into free own beds.
    mutating func moveIntoOwnBeds() {
        guard scenario.residential.ownHomeStepDown, ownBedsUsed < ownBeds else { return }
        placingReason = .ownBed
        for child in register.inCare where ownBedsUsed < ownBeds {
            let c = Int(child)
            guard register.children[c].state == .placed, register.children[c].type == .residential, !register.children[c].ownBed,
                now - register.children[c].placedDay >= 30 else { continue }
            vacate(c)
            movesThisMonth += 1
            beginDecision([c], .notSought)
            let over20 = nextPlacementKey(c).unit(.over20) < scenario.residential.ownOver20MilesProbability
            put(c, type: .residential, household: -1, over20: over20, unit: nextUnit(), ownBed: true)
        }
    }
}
