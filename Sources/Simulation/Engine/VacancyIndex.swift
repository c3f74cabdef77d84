import CareModel

/// The households that can take a child now, by district, each with the facts the candidate
/// search reads (`VacantHousehold`).
///
/// ## Layout
/// One contiguous array holds every district's list in a segment of `capacity` entries
/// (district `d` owns `facts[d * capacity ..< d * capacity + capacity]`, its first `counts[d]`
/// entries used), so a search walks plain memory with no array per district to retain. A
/// district whose segment is full makes every segment twice as long, keeping each list's order.
///
/// ## Invariants
/// - A household is listed exactly when it takes children (`SimHousehold.takesChildren`), in its
///   own district's list; `slot[h]` is its position there, -1 when it is not listed.
/// - `facts[d * capacity + i]` describes the i-th household of district `d`'s list as it is now
///   (its free places are rewritten by `update` whenever they change).
/// - `epoch` changes whenever a household's usable places grow (a place freed or added), so a
///   search that found nothing need not be repeated while it is unchanged.
///
/// `violations(_:)` checks the first two against the households (tests run it after every event).
struct VacancyIndex {
    /// Every district's list, district `d` from `d * capacity` (see Layout).
    private(set) var facts: [VacantHousehold] = []
    /// The number of households listed in each district.
    private(set) var counts: [Int32] = []
    /// The length of each district's segment of `facts`.
    private(set) var capacity = 0
    /// Each household's position in its district's list, -1 when not listed.
    var slot: [Int32] = []
    /// Counts the times an in-house place was freed or added (wrapping).
    var epoch: Int32 = 0

    init() {}

    /// An empty index over `districts` districts, with room for `capacity` households in each
    /// before any segment grows.
    init(districts: Int, capacity: Int = 16) {
        self.capacity = max(1, capacity)
        counts = Array(repeating: 0, count: districts)
        facts = Array(repeating: VacantHousehold.empty, count: districts * self.capacity)
    }

    /// The number of districts.
    var districtCount: Int { counts.count }

    /// The positions in `facts` of district `d`'s list.
    @inline(__always)
    func range(of d: Int) -> Range<Int> { d * capacity ..< d * capacity + Int(counts[d]) }

    /// Makes room for the next household (not listed until `update` finds it can take a child).
    mutating func addHousehold() { slot.append(-1) }

    /// Lists household `h` (or takes it off) by whether it takes children now, with its free
    /// places, and records those places in `household.lastFree`.
    /// - Complexity: O(1), amortised (a full segment doubles every segment).
    @inline(__always)
    mutating func update(_ h: Int, _ household: inout SimHousehold) {
        let takes = household.takesChildren
        let position = Int(slot[h])
        let d = Int(household.district)
        let usable = takes ? household.free : 0
        if usable > household.lastFree { epoch &+= 1 }
        household.lastFree = usable
        if takes, position < 0 {
            if Int(counts[d]) == capacity { grow() }
            let count = Int(counts[d])
            slot[h] = Int32(count)
            facts[d * capacity + count] = VacantHousehold(h, household)
            counts[d] += 1
        } else if !takes, position >= 0 {
            let lastIndex = d * capacity + Int(counts[d]) - 1
            let lastFacts = facts[lastIndex]
            counts[d] -= 1
            if Int(lastFacts.household) != h {
                facts[d * capacity + position] = lastFacts
                slot[Int(lastFacts.household)] = Int32(position)
            }
            slot[h] = -1
        } else if takes {
            facts[d * capacity + position].free = Int32(usable)
        }
    }

    /// Doubles every district's segment, keeping each list as it is.
    /// - Complexity: O(districts x capacity).
    private mutating func grow() {
        let wider = capacity * 2
        var moved = Array(repeating: VacantHousehold.empty, count: counts.count * wider)
        for d in counts.indices {
            for i in 0 ..< Int(counts[d]) { moved[d * wider + i] = facts[d * capacity + i] }
        }
        facts = moved
        capacity = wider
    }

    /// The number of households listed.
    var count: Int { counts.reduce(0) { $0 + Int($1) } }

    /// Every way the index disagrees with `households` (empty when it agrees).
    /// - Complexity: O(households).
    func violations(_ households: ContiguousArray<SimHousehold>) -> [String] {
        var problems: [String] = []
        if slot.count != households.count { problems.append("vacancy index has \(slot.count) slots for \(households.count) households") }
        if facts.count != counts.count * capacity { problems.append("vacancy facts hold \(facts.count) entries for \(counts.count) districts of \(capacity)") }
        for d in counts.indices where counts[d] < 0 || Int(counts[d]) > capacity {
            problems.append("district \(d) lists \(counts[d]) households in a segment of \(capacity)")
        }
        guard problems.isEmpty else { return problems }
        for h in households.indices where h < slot.count {
            let hh = households[h]
            let listed = slot[h] >= 0
            if listed != hh.takesChildren { problems.append("household \(h) vacancy index \(listed) but takes children \(hh.takesChildren)") }
            let d = Int(hh.district)
            if listed, d >= counts.count || Int(slot[h]) >= Int(counts[d]) || facts[d * capacity + Int(slot[h])].household != Int32(h) {
                problems.append("household \(h) slot is wrong")
            }
        }
        for d in counts.indices {
            for i in range(of: d) {
                let v = facts[i]
                let h = Int(v.household)
                if h < 0 || h >= households.count {
                    problems.append("district \(d) facts \(i) describe household \(h), not a household")
                    continue
                }
                if Int(households[h].district) != d { problems.append("household \(h) listed in district \(d), lives in \(households[h].district)") }
                if h < slot.count, d * capacity + Int(slot[h]) != i { problems.append("district \(d) facts \(i) describe household \(h), whose slot is \(slot[h])") }
                if v != VacantHousehold(h, households[h]) {
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

    /// An unused entry of a district's segment.
    static let empty = VacantHousehold(household: -1, free: 0, minAge: 0, maxAge: 0, approvals: 0)

    init(household: Int32, free: Int32, minAge: Int32, maxAge: Int32, approvals: UInt8) {
        self.household = household
        self.free = free
        self.minAge = minAge
        self.maxAge = maxAge
        self.approvals = approvals
    }

    init(_ h: Int, _ household: SimHousehold) {
        self.household = Int32(h)
        free = Int32(household.takesChildren ? household.free : 0)
        minAge = Int32(household.minAge)
        maxAge = Int32(household.maxAge)
        approvals = household.approvals
    }
}
