import CareModel

/// The households that can take a child now, by district, each with the facts the candidate
/// search reads (`VacantHousehold`) in a compact list beside it.
///
/// ## Invariants
/// - A household is listed exactly when it takes children (`SimHousehold.takesChildren`), in its
///   own district's list; `slot[h]` is its position there, -1 when it is not listed.
/// - `facts[d][i]` describes household `byDistrict[d][i]` as it is now (its free places are
///   rewritten by `update` whenever they change).
/// - `epoch` changes whenever a household's usable places grow (a place freed or added), so a
///   search that found nothing need not be repeated while it is unchanged.
///
/// `violations(_:)` checks the first two against the households (tests run it after every event).
struct VacancyIndex {
    /// The households that can take a child, by district.
    var byDistrict: [[Int32]] = []
    /// Each household's position in its district's list, -1 when not listed.
    var slot: [Int32] = []
    /// `byDistrict` with each household's candidate-search facts (same order).
    var facts: [[VacantHousehold]] = []
    /// Counts the times an in-house place was freed or added (wrapping).
    var epoch: Int32 = 0

    init() {}

    /// An empty index over `districts` districts.
    init(districts: Int) {
        byDistrict = Array(repeating: [], count: districts)
        facts = Array(repeating: [], count: districts)
    }

    /// Makes room for the next household (not listed until `update` finds it can take a child).
    mutating func addHousehold() { slot.append(-1) }

    /// Lists household `h` (or takes it off) by whether it takes children now, with its free
    /// places, and records those places in `household.lastFree`.
    /// - Complexity: O(1).
    @inline(__always)
    mutating func update(_ h: Int, _ household: inout SimHousehold) {
        let takes = household.takesChildren
        let position = Int(slot[h])
        let d = Int(household.district)
        let usable = takes ? household.free : 0
        if usable > household.lastFree { epoch &+= 1 }
        household.lastFree = usable
        if takes, position < 0 {
            slot[h] = Int32(byDistrict[d].count)
            byDistrict[d].append(Int32(h))
            facts[d].append(VacantHousehold(h, household))
        } else if !takes, position >= 0 {
            let last = byDistrict[d].removeLast()
            let lastFacts = facts[d].removeLast()
            if Int(last) != h {
                byDistrict[d][position] = last
                facts[d][position] = lastFacts
                slot[Int(last)] = Int32(position)
            }
            slot[h] = -1
        } else if takes {
            facts[d][position].free = Int32(usable)
        }
    }

    /// The number of households listed.
    var count: Int { byDistrict.reduce(0) { $0 + $1.count } }

    /// Every way the index disagrees with `households` (empty when it agrees).
    /// - Complexity: O(households).
    func violations(_ households: ContiguousArray<SimHousehold>) -> [String] {
        var problems: [String] = []
        if slot.count != households.count { problems.append("vacancy index has \(slot.count) slots for \(households.count) households") }
        if facts.count != byDistrict.count { problems.append("vacancy facts for \(facts.count) districts, index for \(byDistrict.count)") }
        for h in households.indices where h < slot.count {
            let hh = households[h]
            let listed = slot[h] >= 0
            if listed != hh.takesChildren { problems.append("household \(h) vacancy index \(listed) but takes children \(hh.takesChildren)") }
            if listed, byDistrict[Int(hh.district)][Int(slot[h])] != Int32(h) { problems.append("household \(h) slot is wrong") }
        }
        for (d, list) in byDistrict.enumerated() where d < facts.count {
            if facts[d].count != list.count { problems.append("district \(d) lists \(list.count) households and \(facts[d].count) facts") }
            for (i, v) in facts[d].enumerated() where i < list.count {
                if v.household != list[i] { problems.append("district \(d) facts \(i) describe household \(v.household), listed \(list[i])") }
                let h = Int(v.household)
                if h >= 0, h < households.count, v != VacantHousehold(h, households[h]) {
                    problems.append("candidate facts of household \(h) are out of date: \(v)")
                }
            }
        }
        return problems
    }
}

/// A household that can take children, as the candidate search reads it: its free places
/// (kept up to date by `VacancyIndex.update`) and its fixed approval facts.
struct VacantHousehold: Equatable {
    var household: Int32
    var free: Int32
    var minAge: Int32
    var maxAge: Int32
    var approvals: UInt8

    init(_ h: Int, _ household: SimHousehold) {
        self.household = Int32(h)
        free = Int32(household.takesChildren ? household.free : 0)
        minAge = Int32(household.minAge)
        maxAge = Int32(household.maxAge)
        approvals = household.approvals
    }
}
