import CareModel

extension Replication {
    /// Every way the state can be inconsistent, recounted from scratch (empty when consistent).
    ///
    /// Checks that each child is in exactly one state, that the running counters (children by
    /// placement type, waiting, agency places, own beds, staying put) match a recount, that every
    /// in-house child is among their household's occupants and no household holds more children
    /// than places plus staying-put young people, and the parts' own invariants (the child
    /// register, the vacancy index, the meeting's notes). Used by tests after every event.
    /// - Complexity: O(children + households).
    func invariantViolations() -> [String] {
        var problems: [String] = []
        var types = [Int](repeating: 0, count: 8)
        var waiting = 0, ifa = 0, own = 0
        var occupants = [Int](repeating: 0, count: households.count)
        var inCareCount = 0
        for (c, child) in register.children.enumerated() {
            switch child.state {
            case .left:
                if child.household >= 0 { problems.append("child \(c) left but still has household \(child.household)") }
            case .waiting:
                waiting += 1
                inCareCount += 1
                if child.household >= 0 { problems.append("waiting child \(c) has household \(child.household)") }
            case .placed:
                inCareCount += 1
                types[child.type.index] += 1
                if child.type == .ifaFoster { ifa += 1 }
                if child.type == .residential && child.ownBed { own += 1 }
                if child.type == .inHouseFoster {
                    let h = Int(child.household)
                    if h < 0 {
                        // Only children of the starting snapshot may lack a known household.
                        if child.placedDay >= 0 { problems.append("in-house child \(c) placed during the run without a household") }
                    } else {
                        occupants[h] += 1
                        if !households[h].occupants.contains(Int32(c)) { problems.append("child \(c) not among household \(h)'s occupants") }
                    }
                } else if child.household >= 0 {
                    problems.append("child \(c) of type \(child.type) has household \(child.household)")
                }
            }
        }
        if types != typeCount { problems.append("placement counts \(typeCount) != recount \(types)") }
        if waiting != waitingCount { problems.append("waiting \(waitingCount) != recount \(waiting)") }
        if own != ownBedsUsed { problems.append("own beds used \(ownBedsUsed) != recount \(own)") }
        let ifaStayingPut = ifaInUse - ifa
        if ifaStayingPut < 0 { problems.append("agency places in use \(ifaInUse) < agency children \(ifa)") }
        var stayingPut = ifaStayingPut
        var recounted = PlaceCounts(), recruitedRecount = PlaceCounts()
        for h in households.indices {
            let hh = households[h]
            stayingPut += Int(hh.stayingPut)
            if hh.occupants.count != occupants[h] { problems.append("household \(h) lists \(hh.occupants.count) occupants, recount \(occupants[h])") }
            if Set(hh.occupants).count != hh.occupants.count { problems.append("household \(h) lists a child twice") }
            if hh.occupants.count + Int(hh.stayingPut) > hh.places {
                problems.append("household \(h) holds \(hh.occupants.count) children and \(hh.stayingPut) staying put in \(hh.places) places")
            }
            if now < hh.viewValidUntil {
                let built = builtView(h).view
                if hh.household.occupied != built.occupied || hh.household.status != built.status
                    || hh.household.residentAges != built.residentAges {
                    problems.append("household \(h)'s view stands until day \(hh.viewValidUntil) but differs from one built now")
                }
            }
            let counts = PlaceCounts(hh)
            recounted += counts
            if h >= start.population.households.count { recruitedRecount += counts }
            if hh.counted != counts { problems.append("household \(h)'s counted places are out of date") }
        }
        if recounted != placeCounts { problems.append("running place counts \(placeCounts) != recount \(recounted)") }
        if recruitedRecount != recruitedPlaceCounts {
            problems.append("running place counts of recruited households \(recruitedPlaceCounts) != recount \(recruitedRecount)")
        }
        problems += vacancies.violations(households)
        problems += kernel.districtBounds.violations(districts: households.map(\.district), columns: kernel.columns)
        problems += meetingMarks.violations()
        if stayingPut != stayingPutCount { problems.append("staying put \(stayingPutCount) != recount \(stayingPut)") }
        let listedInCare = register.inCare.filter { register.children[Int($0)].state != .left }.count
        if listedInCare != inCareCount { problems.append("in-care list has \(listedInCare), recount \(inCareCount)") }
        problems += register.violations()
        return problems
    }
}
