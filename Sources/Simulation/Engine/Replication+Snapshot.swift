import CareModel

extension Replication {
    /// How many entries ahead the monthly passes over the children and groups in care ask for
    /// the rows they will read (`Prefetch`): far enough that a row arrives from memory while the
    /// entries before it are counted, near enough that it is still cached when read.
    static let snapshotPrefetchDistance = 16

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

    /// Children of sibling groups of two or more in care (not left) who are all placed, and of
    /// those the children of groups all in one unit, read from the groups of two or more
    /// (`ChildRegister.siblingGroups`), which are listed until every member has left and are then
    /// dropped from the list.
    /// - Complexity: O(members of the groups listed).
    mutating func siblingGroupsPlaced() -> (inGroups: Int, together: Int) {
        var inGroups = 0, together = 0, kept = 0
        let listed = register.siblingGroups.count, prefetchDistance = Self.snapshotPrefetchDistance
        register.snapshotRows.withUnsafeBufferPointer { rows in
            for index in 0 ..< listed {
                // The group `prefetchDistance` on, and the first row of the one half as far on
                // (whose group entry was asked for then), are asked for ahead (`Prefetch`).
                if index + prefetchDistance < listed {
                    register.groups.withUnsafeBufferPointer { groups in
                        Prefetch.read(groups.baseAddress! + Int(register.siblingGroups[index + prefetchDistance]))
                    }
                }
                if index + prefetchDistance / 2 < listed {
                    let ahead = register.groups[Int(register.siblingGroups[index + prefetchDistance / 2])]
                    Prefetch.read(rows.baseAddress! + Int(ahead.first), bytes: Int(ahead.count) * MemoryLayout<SnapshotRow>.stride)
                }
                let g = register.siblingGroups[index]
                let group = register.groups[Int(g)]
                var size = 0, allPlaced = 1, sameUnit = 1
                var unit: Int32 = 0
                for c in Int(group.first) ..< Int(group.first + group.count) {
                    let row = rows[c]
                    guard row.state != .left else { continue }
                    if size == 0 { unit = row.unit }
                    sameUnit &= row.unit == unit ? 1 : 0
                    allPlaced &= row.state == .placed ? 1 : 0
                    size += 1
                }
                guard size > 0 else { continue }
                register.siblingGroups[kept] = g
                kept += 1
                let counts = (size >= 2 ? 1 : 0) & allPlaced
                inGroups += counts * size
                together += counts * sameUnit * size
            }
        }
        register.siblingGroups.removeSubrange(kept...)
        return (inGroups, together)
    }

    /// Records the end-of-month KPIs into row `m` and resets the month's flows.
    /// - Complexity: O(children in care + members of sibling groups in care).
    mutating func record(month m: Int) {
        // Children counted, and those at least 1, 5, 10 and 16 (`AgeBandThresholds`), counted in
        // the lanes of one vector by a vector comparison (a branch per band mispredicts often).
        var counted = 0
        var reached = SIMD4<Int64>()
        var placed = 0, over20 = 0, threePlus = 0
        let now = self.now
        let yearAgo = now - Calendar.yearDays
        let threshold = AgeBandThresholds.standard.days
        let thresholds = SIMD4(threshold.0, threshold.1, threshold.2, threshold.3)
        // One pass over the compact snapshot rows (`ChildRegister.snapshotRows`) of the children
        // listed in care, through raw buffers, without branches on the children's facts (which
        // follow no pattern a branch predictor could learn): every test is a 0 or 1 added, those
        // who left counting 0. The same pass compacts the list: every entry is written back at
        // the position of the children kept so far, which moves on only past a child in care.
        // The rows are read in the list's order but scattered through memory, so each pass asks
        // for the row `prefetchDistance` entries on (`Prefetch`).
        let listed = register.inCare.count
        let prefetchDistance = Self.snapshotPrefetchDistance
        register.snapshotRows.withUnsafeBufferPointer { rows in
            register.inCare.withUnsafeMutableBufferPointer { ids in
                for index in 0 ..< listed {
                    if index + prefetchDistance < listed { Prefetch.read(rows.baseAddress! + Int(ids[index + prefetchDistance])) }
                    let id = ids[index]
                    let row = rows[Int(id)]
                    let inCare = row.state != .left ? 1 : 0
                    ids[counted] = id
                    counted &+= inCare
                    let isPlaced = row.state == .placed ? 1 : 0
                    // The age band of `SimChild.age(at:)`, without dividing.
                    let ageDays = now - row.birthDay
                    reached.replace(with: reached &+ SIMD4(repeating: Int64(inCare)), where: SIMD4(repeating: ageDays) .>= thresholds)
                    placed &+= isPlaced
                    over20 &+= isPlaced & (row.over20 ? 1 : 0)
                    // DfE measure: 3+ placements occupied during the year (the one at its start counts).
                    threePlus &+= isPlaced & (row.secondStart >= yearAgo ? 1 : 0) & (row.thirdStarted ? 1 : 0)
                }
            }
        }
        register.inCare.removeSubrange(counted...)
        let (inGroups, together) = siblingGroupsPlaced()
        let (fromOne, fromFive, fromTen, fromSixteen) = (Int(reached[0]), Int(reached[1]), Int(reached[2]), Int(reached[3]))
        let bands = [counted - fromOne, fromOne - fromFive, fromFive - fromTen, fromTen - fromSixteen, fromSixteen]
        let places = placeCounts
        func pct(_ a: Int, _ b: Int) -> Double { b > 0 ? 100 * Double(a) / Double(b) : 0 }
        let k = KPI.allCases.count
        let base = m * k
        func set(_ kpi: KPI, _ value: Double) { output[base + kpi.rawValue] = value }
        set(.childrenInCare, Double(register.inCare.count))
        set(.entries, Double(entriesThisMonth))
        set(.exits, Double(exitsThisMonth))
        for type in PlacementType.allCases { set(.placement(type), Double(typeCount[type.index])) }
        set(.waiting, Double(waitingCount))
        set(.households, Double(places.households))
        set(.approvedPlaces, Double(places.approved))
        set(.availablePlaces, Double(places.available))
        set(.vacancies, Double(places.vacancies))
        set(.utilisationPct, pct(places.used, places.available))
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
