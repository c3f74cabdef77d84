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

    /// `AgeBand(age:).rawValue` for whole ages 0...24, looked up in the monthly pass.
    static let ageBandIndex: [Int] = (0...24).map { AgeBand(age: $0).rawValue }

    /// Records the end-of-month KPIs into row `m` and resets the month's flows.
    /// - Complexity: O(children in care + households).
    mutating func record(month m: Int) {
        register.inCare.removeAll { register.children[Int($0)].state == .left }
        var bands = [Int](repeating: 0, count: 5)
        var placed = 0, over20 = 0, threePlus = 0
        var inGroups = 0, together = 0
        let now = self.now
        let yearAgo = now - Calendar.yearDays
        let bandOfAge = Self.ageBandIndex
        // Read through raw buffers: one pass over ~1,000 children a month, field by field.
        register.children.withUnsafeBufferPointer { kids in
            register.inCare.withUnsafeBufferPointer { ids in
                bands.withUnsafeMutableBufferPointer { bands in
                    var i = 0
                    let n = ids.count
                    while i < n {
                        let c = Int(ids[i])
                        let group = kids[c].group
                        // Members of a group are consecutive in `inCare` (index order).
                        var j = i
                        var allPlaced = true
                        var sameUnit = true
                        let unit = kids[c].unit
                        while j < n {
                            let k = Int(ids[j])
                            guard kids[k].group == group else { break }
                            let age = Int(kids[k].age(at: now))
                            bands[age >= 0 && age < bandOfAge.count ? bandOfAge[age] : AgeBand(age: age).rawValue] += 1
                            if kids[k].state == .placed {
                                placed += 1
                                if kids[k].over20 { over20 += 1 }
                                // DfE measure: 3+ placements occupied during the year (the one at its start counts).
                                if kids[k].recentStarts.1 >= yearAgo, kids[k].recentStarts.2 > -.infinity { threePlus += 1 }
                            } else {
                                allPlaced = false
                            }
                            if kids[k].unit != unit { sameUnit = false }
                            j += 1
                        }
                        if j - i >= 2, allPlaced {
                            inGroups += j - i
                            if sameUnit { together += j - i }
                        }
                        i = j
                    }
                }
            }
        }
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
