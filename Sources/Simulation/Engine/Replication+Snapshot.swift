import CareModel

extension Replication {
    /// Cost inflation factor at the current time.
    var inflation: Double { Double.pow1p(scenario.costs.annualInflation, now / Calendar.yearDays) }

    /// Pounds a week for everyone in care now (own children's home beds are paid used or not).
    func weeklyCost() -> Double {
        let costs = scenario.costs
        var total = 0.0
        for type in PlacementType.allCases {
            var count = typeCount[type.index]
            if type == .residential { count -= ownBedsUsed }
            total += Double(count) * costs.weekly[type]
        }
        total += Double(ownBeds) * ownBedWeekly + Double(stayingPutCount) * costs.stayingPutWeekly
        return total * inflation
    }

    /// Records the end-of-month KPIs into row `m` and resets the month's flows.
    /// - Complexity: O(children in care + households).
    mutating func record(month m: Int) {
        register.snapshotRows.withUnsafeBufferPointer { rows in
            register.inCare.removeAll { rows[Int($0)].state == .left }
        }
        // Children counted, and those at least 1, 5, 10 and 16 (`AgeBandThresholds`), counted in
        // the lanes of one vector by a vector comparison (a branch per band mispredicts often).
        var counted = 0
        var reached = SIMD4<Int64>()
        var placed = 0, over20 = 0, threePlus = 0
        // Children of groups of two or more all placed, and of those all in one unit.
        var inGroups = 0, together = 0
        let now = self.now
        let yearAgo = now - Calendar.yearDays
        let threshold = AgeBandThresholds.standard.days
        let thresholds = SIMD4(threshold.0, threshold.1, threshold.2, threshold.3)
        let one = SIMD4<Int64>(repeating: 1)
        // One pass over the compact snapshot rows (`ChildRegister.snapshotRows`) of the ~1,000
        // children in care, through raw buffers, without branches on the children's facts
        // (which follow no pattern a branch predictor could learn): every test is a 0 or 1 added.
        // Members of a group are consecutive in `inCare` (index order), so a group is the run of
        // rows with its number, closed when the next group's first row (or the end) is reached.
        register.snapshotRows.withUnsafeBufferPointer { rows in
            register.inCare.withUnsafeBufferPointer { ids in
                guard let first = ids.first else { return }
                // The group being read: its number, size so far, whether all its members read so
                // far are placed (1) and whether all are in its first member's unit (1).
                var group = rows[Int(first)].group
                var unit = rows[Int(first)].unit
                var size = 0, allPlaced = 1, sameUnit = 1
                for id in ids {
                    let row = rows[Int(id)]
                    let isPlaced = row.state == .placed ? 1 : 0
                    // The age band of `SimChild.age(at:)`, without dividing.
                    let ageDays = now - row.birthDay
                    counted &+= 1
                    reached.replace(with: reached &+ one, where: SIMD4(repeating: ageDays) .>= thresholds)
                    placed &+= isPlaced
                    over20 &+= isPlaced & (row.over20 ? 1 : 0)
                    // DfE measure: 3+ placements occupied during the year (the one at its start counts).
                    threePlus &+= isPlaced & (row.secondStart >= yearAgo ? 1 : 0) & (row.thirdStarted ? 1 : 0)
                    // A new group closes the one before: its members count if it had two or more, all placed.
                    let starts = row.group != group
                    let closes = (starts ? 1 : 0) & (size >= 2 ? 1 : 0) & allPlaced
                    inGroups &+= closes &* size
                    together &+= (closes & sameUnit) &* size
                    group = row.group
                    unit = starts ? row.unit : unit
                    size = starts ? 1 : size &+ 1
                    allPlaced = starts ? isPlaced : allPlaced & isPlaced
                    sameUnit = starts ? 1 : sameUnit & (row.unit == unit ? 1 : 0)
                }
                let closes = (size >= 2 ? 1 : 0) & allPlaced
                inGroups &+= closes &* size
                together &+= (closes & sameUnit) &* size
            }
        }
        let (fromOne, fromFive, fromTen, fromSixteen) = (Int(reached[0]), Int(reached[1]), Int(reached[2]), Int(reached[3]))
        let bands = [counted - fromOne, fromOne - fromFive, fromFive - fromTen, fromTen - fromSixteen, fromSixteen]
        var activeHouseholds = 0, approved = 0, available = 0, used = 0, vacancies = 0
        for h in households.indices where households[h].active {
            let places = households[h].places
            activeHouseholds += 1
            approved += places
            if !households[h].onHold {
                available += places
                used += min(households[h].occupied, places)
                vacancies += households[h].free
            }
        }
        func pct(_ a: Int, _ b: Int) -> Double { b > 0 ? 100 * Double(a) / Double(b) : 0 }
        let k = KPI.allCases.count
        let base = m * k
        func set(_ kpi: KPI, _ value: Double) { output[base + kpi.rawValue] = value }
        set(.childrenInCare, Double(register.inCare.count))
        set(.entries, Double(entriesThisMonth))
        set(.exits, Double(exitsThisMonth))
        for type in PlacementType.allCases { set(.placement(type), Double(typeCount[type.index])) }
        set(.waiting, Double(waitingCount))
        set(.households, Double(activeHouseholds))
        set(.approvedPlaces, Double(approved))
        set(.availablePlaces, Double(available))
        set(.vacancies, Double(vacancies))
        set(.utilisationPct, pct(used, available))
        let fostered = typeCount[PlacementType.inHouseFoster.index] + typeCount[PlacementType.ifaFoster.index]
        set(.inHouseSharePct, pct(typeCount[PlacementType.inHouseFoster.index], fostered))
        set(.over20MilesPct, pct(over20, placed))
        set(.siblingsTogetherPct, pct(together, inGroups))
        set(.moves3PlusPct, pct(threePlus, register.inCare.count))
        set(.weeklyCost, weeklyCost())
        set(.approvals, Double(approvalsThisMonth))
        set(.resignations, Double(resignationsThisMonth))
        set(.householdsLeaving, Double(leavingThisMonth))
        set(.stayingPut, Double(stayingPutCount))
        set(.moves, Double(movesThisMonth))
        set(.ageUnder1, Double(bands[0]))
        set(.age1To4, Double(bands[1]))
        set(.age5To9, Double(bands[2]))
        set(.age10To15, Double(bands[3]))
        set(.age16Plus, Double(bands[4]))
        entriesThisMonth = 0
        exitsThisMonth = 0
        approvalsThisMonth = 0
        resignationsThisMonth = 0
        leavingThisMonth = 0
        movesThisMonth = 0
    }
}
