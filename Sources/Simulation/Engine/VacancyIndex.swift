import CareModel

/// The households that can take a child now, by district, each with the facts the candidate
/// search reads (`VacantHousehold`).
///
/// ## Layout
/// Each fact is a column (household, free places, youngest and oldest age approved,
/// approvals), and every district's list is a segment of `capacity` entries in each column
/// (district `d` owns entries `d * capacity ..< d * capacity + capacity`, its first `counts[d]`
/// used), so a search walks plain memory with no array per district to retain and tests
/// `chunk` entries with one vector comparison per fact (`gatherPassing`). A district whose
/// segment is full makes every segment twice as long, keeping each list's order.
///
/// ## Invariants
/// - `capacity` is a multiple of `chunk`, and every column holds `counts.count * capacity`
///   entries.
/// - A household is listed exactly when it takes children (`SimHousehold.takesChildren`), in its
///   own district's list; `slot[h]` is its position there, -1 when it is not listed.
/// - Entry `d * capacity + i` of the columns (`fact(_:)`) describes the i-th household of
///   district `d`'s list as it is now (its free places are rewritten by `update` whenever they
///   change).
/// - `epoch` changes whenever a household's usable places grow (a place freed or added), so a
///   search that found nothing need not be repeated while it is unchanged.
///
/// `violations(_:)` checks these against the households (tests run it after every event).
struct VacancyIndex {
    /// The entries a search tests at once: one vector of 32-bit lanes per fact.
    typealias Lanes = SIMD16<Int32>
    /// Segments are whole chunks of this many entries, so a search reads a list chunk by chunk
    /// (entries past the list's end masked out) without leaving its segment.
    static let chunk = Lanes.scalarCount

    /// The columns, district `d`'s list from `d * capacity` (see Layout): the household listed,
    /// its free places, the youngest and oldest ages it is approved for, its approvals' bits.
    private(set) var household: [Int32] = []
    private(set) var free: [Int32] = []
    private(set) var minAge: [Int32] = []
    private(set) var maxAge: [Int32] = []
    private(set) var approvals: [Int32] = []
    /// The number of households listed in each district.
    private(set) var counts: [Int32] = []
    /// The length of each district's segment of the columns.
    private(set) var capacity = 0
    /// Each household's position in its district's list, -1 when not listed.
    var slot: [Int32] = []
    /// Counts the times an in-house place was freed or added (wrapping).
    var epoch: Int32 = 0
    /// For each district, how many households it lists with each number of free places
    /// (`freeBins` counts per district, the last counting that many or more), so that whether
    /// any of them has enough places (`hasFree`) is known without reading the list.
    private(set) var freeCounts: [Int32] = []
    /// Free places counted separately in `freeCounts`: 0 ..< freeBins - 1, then the rest.
    static let freeBins = 8

    init() {}

    /// An empty index over `districts` districts, with room for at least `capacity` households
    /// in each (rounded up to whole chunks) before any segment grows.
    init(districts: Int, capacity: Int = 16) {
        self.capacity = (max(1, capacity) + Self.chunk - 1) / Self.chunk * Self.chunk
        counts = Array(repeating: 0, count: districts)
        freeCounts = Array(repeating: 0, count: districts * Self.freeBins)
        let entries = districts * self.capacity
        household = Array(repeating: -1, count: entries)
        free = Array(repeating: 0, count: entries)
        minAge = Array(repeating: 0, count: entries)
        maxAge = Array(repeating: 0, count: entries)
        approvals = Array(repeating: 0, count: entries)
    }

    /// The number of districts.
    var districtCount: Int { counts.count }

    /// Whether district `d` lists a household with at least `size` free places (when it lists
    /// none such, every household there fails a search for `size` places).
    /// - Complexity: O(`freeBins`).
    @inline(__always)
    func hasFree(_ size: Int32, in d: Int) -> Bool {
        let bins = Self.freeBins
        var bin = bins - 1
        let lowest = max(0, min(Int(size), bins - 1))
        while bin >= lowest {
            if freeCounts[d * bins + bin] > 0 { return true }
            bin -= 1
        }
        return false
    }

    /// The `freeCounts` position of district `d`'s count of households with `free` places.
    @inline(__always)
    private func freeBin(_ d: Int, _ free: Int32) -> Int {
        d * Self.freeBins + max(0, min(Int(free), Self.freeBins - 1))
    }

    /// The number of entries in each column (every district's segment).
    var entryCount: Int { household.count }

    /// The positions in the columns of district `d`'s list.
    @inline(__always)
    func range(of d: Int) -> Range<Int> { d * capacity ..< d * capacity + Int(counts[d]) }

    /// The facts at position `k` of the columns.
    @inline(__always)
    func fact(_ k: Int) -> VacantHousehold {
        VacantHousehold(household: household[k], free: free[k], minAge: minAge[k], maxAge: maxAge[k], approvals: UInt8(truncatingIfNeeded: approvals[k]))
    }

    /// Writes `v` at position `k` of the columns.
    @inline(__always)
    private mutating func setFact(_ k: Int, _ v: VacantHousehold) {
        household[k] = v.household
        free[k] = v.free
        minAge[k] = v.minAge
        maxAge[k] = v.maxAge
        approvals[k] = Int32(v.approvals)
    }

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
            setFact(d * capacity + count, VacantHousehold(h, household))
            counts[d] += 1
            freeCounts[freeBin(d, Int32(usable))] += 1
        } else if !takes, position >= 0 {
            freeCounts[freeBin(d, free[d * capacity + position])] -= 1
            let lastIndex = d * capacity + Int(counts[d]) - 1
            let lastFacts = fact(lastIndex)
            counts[d] -= 1
            if Int(lastFacts.household) != h {
                setFact(d * capacity + position, lastFacts)
                slot[Int(lastFacts.household)] = Int32(position)
            }
            slot[h] = -1
        } else if takes {
            freeCounts[freeBin(d, free[d * capacity + position])] -= 1
            freeCounts[freeBin(d, Int32(usable))] += 1
            free[d * capacity + position] = Int32(usable)
        }
    }

    /// Doubles every district's segment, keeping each list as it is.
    /// - Complexity: O(districts x capacity).
    private mutating func grow() {
        let wider = capacity * 2
        func widened(_ column: [Int32], empty: Int32) -> [Int32] {
            var moved = Array(repeating: empty, count: counts.count * wider)
            for d in counts.indices {
                for i in 0 ..< Int(counts[d]) { moved[d * wider + i] = column[d * capacity + i] }
            }
            return moved
        }
        household = widened(household, empty: -1)
        free = widened(free, empty: 0)
        minAge = widened(minAge, empty: 0)
        maxAge = widened(maxAge, empty: 0)
        approvals = widened(approvals, empty: 0)
        capacity = wider
    }

    /// Writes to `kept`, in order, the households of the districts `order` lists (read in that
    /// order) that pass the candidate search's integer checks: not `excluded`, at least `size`
    /// free places, approved for ages `youngest` to `oldest` and for an approval among the bits
    /// of `approval`. Stops after the district that brings the number kept to `enough` or more;
    /// returns the number kept. A district with no household of `size` free places
    /// (`hasFree`) is passed over unread.
    ///
    /// Each list is read `chunk` entries at a time: the checks are one vector comparison per
    /// fact; a chunk where no lane passes is passed over after one test of the mask; otherwise
    /// the lanes that pass (those past the list's end masked out) become the bits of a mask,
    /// and only the set bits are visited, lowest first, so `kept` keeps each list's order.
    /// `kept` must have room for every entry of the districts read (`entryCount` is enough).
    /// - Complexity: O(districts read + chunks read + households kept), no allocation.
    func gatherPassing(
        into kept: UnsafeMutableBufferPointer<Int32>, order: ArraySlice<Int32>, excluded: Int32, size: Int32,
        youngest: Int32, oldest: Int32, approval: Int32, enough: Int
    ) -> Int {
        let laneIndex = Self.laneIndex, laneBit = Self.laneBit
        let excludedLanes = Lanes(repeating: excluded), sizeLanes = Lanes(repeating: size)
        let youngestLanes = Lanes(repeating: youngest), oldestLanes = Lanes(repeating: oldest)
        let approvalLanes = Lanes(repeating: approval), zero = Lanes()
        var total = 0
        withColumns { columns in
            for d in order {
                // A district with no household of `size` free places adds none.
                guard hasFree(size, in: Int(d)) else { continue }
                let first = Int(d) * capacity
                let count = Int(counts[Int(d)])
                var offset = 0
                while offset < count {
                    let at = first + offset
                    let pass = (laneIndex .< Lanes(repeating: Int32(count - offset)))
                        .& (Self.lanes(columns.household, at) .!= excludedLanes) .& (Self.lanes(columns.free, at) .>= sizeLanes)
                        .& (Self.lanes(columns.minAge, at) .<= youngestLanes) .& (Self.lanes(columns.maxAge, at) .>= oldestLanes)
                        .& ((Self.lanes(columns.approvals, at) & approvalLanes) .!= zero)
                    guard any(pass) else {
                        offset += Self.chunk
                        continue
                    }
                    var bits = UInt32(truncatingIfNeeded: zero.replacing(with: laneBit, where: pass).wrappedSum())
                    while bits != 0 {
                        kept[total] = columns.household[at + bits.trailingZeroBitCount]
                        total &+= 1
                        bits &= bits &- 1
                    }
                    offset += Self.chunk
                }
                if total >= enough { break }
            }
        }
        return total
    }

    /// The households of district `d`'s list other than `excluded`, read a chunk at a time as
    /// `gatherPassing` reads them, for the reason a unit was turned away
    /// (`Replication.bindingReason`): writes to `kept` the positions in the columns (for
    /// `fact(_:)`) of those approved for every age `youngest...oldest` with `size` free places
    /// (and sharing a bit with `approval`, unless it is 0), in list order, and says whether any
    /// fails the age range and whether any within it lacks the places. `kept` must have room for
    /// the district's list.
    /// - Complexity: O(chunks of the list + households kept), no allocation.
    func reasonScan(
        district d: Int, into kept: UnsafeMutableBufferPointer<Int32>, excluded: Int32, size: Int32, youngest: Int32,
        oldest: Int32, approval: Int32
    ) -> (kept: Int, failsAge: Bool, failsPlaces: Bool) {
        let laneIndex = Self.laneIndex, laneBit = Self.laneBit
        let excludedLanes = Lanes(repeating: excluded), sizeLanes = Lanes(repeating: size)
        let youngestLanes = Lanes(repeating: youngest), oldestLanes = Lanes(repeating: oldest)
        let approvalLanes = Lanes(repeating: approval), zero = Lanes()
        let testApproval = approval != 0
        var total = 0
        var anyFailsAge = SIMDMask<Lanes.MaskStorage>(repeating: false)
        var anyFailsPlaces = SIMDMask<Lanes.MaskStorage>(repeating: false)
        withColumns { columns in
            let first = d * capacity
            let count = Int(counts[d])
            var offset = 0
            while offset < count {
                let at = first + offset
                let listed = (laneIndex .< Lanes(repeating: Int32(count - offset))) .& (Self.lanes(columns.household, at) .!= excludedLanes)
                let ages = (Self.lanes(columns.minAge, at) .<= youngestLanes) .& (Self.lanes(columns.maxAge, at) .>= oldestLanes)
                let places = Self.lanes(columns.free, at) .>= sizeLanes
                anyFailsAge .|= listed .& .!ages
                anyFailsPlaces .|= listed .& ages .& .!places
                var pass = listed .& ages .& places
                if testApproval { pass .&= (Self.lanes(columns.approvals, at) & approvalLanes) .!= zero }
                var bits = UInt32(truncatingIfNeeded: zero.replacing(with: laneBit, where: pass).wrappedSum())
                while bits != 0 {
                    kept[total] = Int32(truncatingIfNeeded: at + bits.trailingZeroBitCount)
                    total &+= 1
                    bits &= bits &- 1
                }
                offset += Self.chunk
            }
        }
        return (total, any(anyFailsAge), any(anyFailsPlaces))
    }

    /// Lane i holds i: with a list's remaining length, masks the lanes past its end.
    private static var laneIndex: Lanes { Lanes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) }
    /// Lane i holds 2^i: summed where a mask is set, gives the mask's bits.
    private static var laneBit: Lanes { Lanes(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768) }

    /// The columns as raw buffers, valid inside `withColumns`.
    private struct ColumnBuffers {
        let household, free, minAge, maxAge, approvals: UnsafeBufferPointer<Int32>
    }

    /// The `chunk` entries of `column` from position `at`.
    @inline(__always)
    private static func lanes(_ column: UnsafeBufferPointer<Int32>, _ at: Int) -> Lanes {
        UnsafeRawPointer(column.baseAddress! + at).loadUnaligned(as: Lanes.self)
    }

    /// Calls `body` with the columns as raw buffers.
    @inline(__always)
    private func withColumns<R>(_ body: (ColumnBuffers) -> R) -> R {
        household.withUnsafeBufferPointer { household in
            free.withUnsafeBufferPointer { free in
                minAge.withUnsafeBufferPointer { minAge in
                    maxAge.withUnsafeBufferPointer { maxAge in
                        approvals.withUnsafeBufferPointer { approvals in
                            body(ColumnBuffers(household: household, free: free, minAge: minAge, maxAge: maxAge, approvals: approvals))
                        }
                    }
                }
            }
        }
    }

    /// The number of households listed.
    var count: Int { counts.reduce(0) { $0 + Int($1) } }

    /// Every way the index disagrees with `households` (empty when it agrees).
    /// - Complexity: O(households).
    func violations(_ households: ContiguousArray<SimHousehold>) -> [String] {
        var problems: [String] = []
        if slot.count != households.count { problems.append("vacancy index has \(slot.count) slots for \(households.count) households") }
        for column in [household, free, minAge, maxAge, approvals] where column.count != counts.count * capacity {
            problems.append("a vacancy column holds \(column.count) entries for \(counts.count) districts of \(capacity)")
        }
        if freeCounts.count != counts.count * Self.freeBins {
            problems.append("\(freeCounts.count) counts by free places for \(counts.count) districts of \(Self.freeBins)")
        }
        if capacity % Self.chunk != 0 { problems.append("vacancy segments of \(capacity) entries are not whole chunks of \(Self.chunk)") }
        for d in counts.indices where counts[d] < 0 || Int(counts[d]) > capacity {
            problems.append("district \(d) lists \(counts[d]) households in a segment of \(capacity)")
        }
        guard problems.isEmpty else { return problems }
        for d in counts.indices {
            var recount = [Int32](repeating: 0, count: Self.freeBins)
            for i in range(of: d) { recount[freeBin(0, free[i])] += 1 }
            if Array(freeCounts[d * Self.freeBins ..< (d + 1) * Self.freeBins]) != recount {
                problems.append("district \(d) counts households by free places as \(freeCounts[d * Self.freeBins ..< (d + 1) * Self.freeBins]), its list holds \(recount)")
            }
        }
        for h in households.indices where h < slot.count {
            let hh = households[h]
            let listed = slot[h] >= 0
            if listed != hh.takesChildren { problems.append("household \(h) vacancy index \(listed) but takes children \(hh.takesChildren)") }
            let d = Int(hh.district)
            if listed, d >= counts.count || Int(slot[h]) >= Int(counts[d]) || household[d * capacity + Int(slot[h])] != Int32(h) {
                problems.append("household \(h) slot is wrong")
            }
        }
        for d in counts.indices {
            for i in range(of: d) {
                let v = fact(i)
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

/// A household that can take children, as one entry of the vacancy index's columns holds it:
/// its free places (kept up to date by `VacancyIndex.update`) and its fixed approval facts.
struct VacantHousehold: Equatable {
    var household: Int32
    var free: Int32
    var minAge: Int32
    var maxAge: Int32
    var approvals: UInt8

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
