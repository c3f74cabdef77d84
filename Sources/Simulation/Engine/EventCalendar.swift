/// What happens at an event; the payload's meaning depends on it.

enum EventKind: UInt8 {
    /// Month boundary: record the month, draw next month's arrivals and enquiries.
    case monthEnd
    /// A sibling group arrives (target = month x 8 + age band, stamp = its number k >= 1 in
    /// that month and band: together, its random key).
    case arrival
    /// A child leaves care (target = child, stamp = exit stamp).
    case exit
    /// A child moves to "placed for adoption" or "placed with parents" before leaving.
    case preExitMove
    /// A placement ends unplanned (target = child, stamp = placement stamp).
    case breakdown
    /// A family-finding meeting.
    case meeting
    /// A household resigns (target = household, stamp = household stamp).
    case resignation
    /// A household goes on hold / comes off hold.
    case holdStart, holdEnd
    /// A household from the recruitment pipeline is approved (target = index of its random key
    /// in `Replication.approvalKeys`).
    case approval
    /// A staying-put young person leaves (target = household, -1 = an agency place).
    case stayingPutEnd
    /// A timeline event takes effect (target = index in the scenario timeline).
    case timeline
    /// A child placed in an emergency or agency home is put forward for a planned move.
    case moveRequest
    /// A 16- or 17-year-old moves on to supported accommodation (target = child, stamp = exit stamp).
    case supportedMove
}

/// One scheduled event, as the calendar hands it back.

struct Event {
    var time: Double
    /// Insertion order, so that simultaneous events run first-scheduled first (determinism).
    var sequence: UInt64
    var kind: EventKind
    var target: Int32
    var stamp: UInt32
}

/// The future event list: a 4-ary min-heap on (time, sequence) over the events due soon, and
/// unsorted lists by period for those due later.
///
/// ## Design note
/// The order of pops is the total order on (time, sequence): ties broken by insertion order
/// make every run reproducible. Most events are scheduled months or years ahead (exits,
/// resignations), so a single heap would hold thousands and every pop would walk it out of
/// cache. Time is cut into periods of `periodDays`; an event due in a period after the current
/// one is appended to that period's list, and only when the heap runs dry do the next
/// non-empty period's events move into it (a calendar queue in front of one heap; Brown,
/// "Calendar queues", CACM 31(10), 1988). Every event in the heap is due in the current period
/// or earlier and every listed one later, so the heap's minimum is the calendar's; equal times
/// fall in one period, where the heap orders them by sequence. Events after the last period go
/// with the last period, and negative or NaN times, which have no period, straight to the heap.
///
/// The heap is 4-ary (half the depth of a binary heap); the keys it compares (the time's bits
/// made to sort as the time, and the sequence with the kind in its low byte: 16 bytes, compared
/// as one 128-bit number) sit in one array and the targets and
/// stamps (8 bytes) in another at the same positions, so the four siblings a pop compares span
/// 64 bytes. Listed events live in one pool of blocks of `blockSize` entries; a period's
/// events fill a chain of blocks (an unrolled linked list), so when the period starts its
/// events are read a block at a time, in a row, rather than one entry at a time through
/// memory (at national size a period holds many events), and made into the heap at
/// once (Floyd's bottom-up construction, O(n); Floyd, "Algorithm 245: Treesort 3", CACM 7(12),
/// 1964). Any heap of the same keys pops them in the same order, as the order is total. Only
/// the head of a chain may be part full; its count is kept beside the head in per-period arrays
/// (16 KB in all), so adding an event to a later period reads no block's state, which lies
/// scattered through a pool of megabytes at national size. Blocks emptied go on a stack and are
/// reused; nothing is allocated once the pool is large enough.
/// - Complexity: `schedule` O(1) amortised for a later period, else O(log4 h); `pop`
///   O(4 log4 h), h the events in the heap, plus O(1) per listed event when its period starts.

struct EventCalendar {
    /// What the heap orders by: the time, then `order` (the sequence number shifted left by 8
    /// bits, the kind in the low byte; sequences are unique, so the kind never decides).
    struct Key {
        /// The time's bits, made to sort as the time does (`init(time:order:)`).
        var timeBits: UInt64
        var order: UInt64

        /// The key of an event at `time` (-0 taken as +0, so that the two tie, as they compare
        /// equal; a NaN time, which the simulator never schedules, sorts before or after every
        /// number by its sign bit).
        @inline(__always)
        init(time: Double, order: UInt64) {
            let bits = (time + 0.0).bitPattern
            // Non-negative times sort as their bits with the sign bit set; negative times as
            // their bits inverted (a larger magnitude is earlier), below every non-negative one.
            timeBits = bits & Self.signBit != 0 ? ~bits : bits | Self.signBit
            self.order = order
        }

        static let signBit: UInt64 = 1 << 63

        /// The time the key was made from.
        var time: Double {
            Double(bitPattern: timeBits & Self.signBit != 0 ? timeBits & ~Self.signBit : ~timeBits)
        }

        /// (time, order) as one number: one 128-bit comparison orders two keys, without a branch.
        @inline(__always)
        var rank: UInt128 { UInt128(timeBits) << 64 | UInt128(order) }
    }

    /// What an event is about, at the same position as its key.
    struct Payload {
        var target: Int32
        var stamp: UInt32
    }

    /// A listed event.
    struct Entry {
        var key: Key
        var payload: Payload
    }

    /// The length of a period in days.
    static let periodDays = 4.0
    /// The number of periods; the last holds every event due after the others.
    static let periodCount = 4096
    /// Entries in one block of the pool of listed events.
    static let blockSize = 4

    /// The heap: every pending event due in `current` or an earlier period.
    private(set) var keys: ContiguousArray<Key> = []
    private(set) var payloads: ContiguousArray<Payload> = []
    /// The pool of listed events: block `b` holds entries `b * blockSize ..< (b + 1) * blockSize`,
    /// all of them used except in the head of a chain (`headUsed`).
    private var pool: ContiguousArray<Entry> = []
    /// The block after each block in its period's chain (-1 ends a chain).
    private var nextBlock: ContiguousArray<Int32> = []
    /// The block each period's events are being added to (the head of its chain), -1 when none,
    /// and how many of its entries are used: the only block of a chain that may not be full, so
    /// adding an event reads these two small arrays rather than a block's state scattered
    /// through memory.
    private var heads: ContiguousArray<Int32>
    private var headUsed: ContiguousArray<UInt8>
    /// Blocks free for reuse, the last freed on top.
    private var freeBlocks: ContiguousArray<Int32> = []
    /// The period whose events are in the heap.
    private(set) var current = 0
    /// The number of listed events.
    private var laterCount = 0
    var nextSequence: UInt64 = 0

    init(capacity: Int = 256) {
        keys.reserveCapacity(capacity)
        payloads.reserveCapacity(capacity)
        heads = ContiguousArray(repeating: -1, count: Self.periodCount)
        headUsed = ContiguousArray(repeating: 0, count: Self.periodCount)
    }

    /// Empties the calendar, keeping the memory of its heap and pool: afterwards it is as a
    /// new calendar (no event, the first period current, sequence numbers from 0).
    /// - Complexity: O(periods + blocks).
    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        payloads.removeAll(keepingCapacity: true)
        pool.removeAll(keepingCapacity: true)
        nextBlock.removeAll(keepingCapacity: true)
        freeBlocks.removeAll(keepingCapacity: true)
        for period in heads.indices { heads[period] = -1 }
        current = 0
        laterCount = 0
        nextSequence = 0
    }

    var count: Int { keys.count + laterCount }
    var isEmpty: Bool { count == 0 }

    /// The period of `time`: -1 for a negative or NaN time, the last period for any time after it.
    @inline(__always)
    static func period(of time: Double) -> Int {
        let p = time / periodDays  // exact: a power of two
        guard p >= 0 else { return -1 }
        return p < Double(periodCount - 1) ? Int(p) : periodCount - 1
    }

    @inline(__always)
    static func before(_ a: Key, _ b: Key) -> Bool { a.rank < b.rank }

    /// Adds an event.
    mutating func schedule(_ time: Double, _ kind: EventKind, target: Int32 = 0, stamp: UInt32 = 0) {
        let key = Key(time: time, order: nextSequence << 8 | UInt64(kind.rawValue))
        let payload = Payload(target: target, stamp: stamp)
        nextSequence &+= 1
        let period = Self.period(of: time)
        guard period > current else { return push(key, payload) }
        let entry = Entry(key: key, payload: payload)
        var block = Int(heads[period])
        let used = Int(headUsed[period])
        if block >= 0, used < Self.blockSize {
            pool[block * Self.blockSize + used] = entry
            headUsed[period] = UInt8(used + 1)
        } else {
            // The period's first block, or its block is full: a fresh block heads its chain.
            let full = Int32(block)
            if let free = freeBlocks.popLast() {
                block = Int(free)
                nextBlock[block] = full
                pool[block * Self.blockSize] = entry
            } else {
                block = nextBlock.count
                nextBlock.append(full)
                pool.append(contentsOf: repeatElement(entry, count: Self.blockSize))
            }
            heads[period] = Int32(block)
            headUsed[period] = 1
        }
        laterCount += 1
    }

    /// Adds an event to the heap.
    @inline(__always)
    private mutating func push(_ key: Key, _ payload: Payload) {
        keys.append(key)
        payloads.append(payload)
        var i = keys.count - 1
        keys.withUnsafeMutableBufferPointer { k in
            payloads.withUnsafeMutableBufferPointer { p in
                while i > 0 {
                    let parent = (i - 1) >> 2
                    guard Self.before(key, k[parent]) else { break }
                    k[i] = k[parent]
                    p[i] = p[parent]
                    i = parent
                }
                k[i] = key
                p[i] = payload
            }
        }
    }

    /// Moves the next non-empty period's events into the (empty) heap, which is then built
    /// bottom-up: each parent, from the last to the root, sifted down below its children.
    private mutating func advance() {
        repeat { current += 1 } while heads[current] < 0
        var block = heads[current]
        heads[current] = -1
        var used = Int(headUsed[current])
        while block >= 0 {
            let first = Int(block) * Self.blockSize
            for slot in first ..< first + used {
                keys.append(pool[slot].key)
                payloads.append(pool[slot].payload)
            }
            laterCount -= used
            freeBlocks.append(block)
            block = nextBlock[Int(block)]
            used = Self.blockSize  // every block after the head is full
        }
        let n = keys.count
        guard n > 1 else { return }
        keys.withUnsafeMutableBufferPointer { k in
            payloads.withUnsafeMutableBufferPointer { p in
                var parent = (n - 2) >> 2
                while parent >= 0 {
                    Self.siftDown(k, p, k[parent], p[parent], into: parent, count: n)
                    parent -= 1
                }
            }
        }
    }

    /// Puts `key` and `payload` in the subtree rooted at `start` (whose own entry is overwritten;
    /// its children's subtrees being heaps already), moving each child that comes before it up
    /// a level, so that the subtree is a heap.
    /// - Complexity: O(4 log4 n).
    @inline(__always)
    private static func siftDown(
        _ k: UnsafeMutableBufferPointer<Key>, _ p: UnsafeMutableBufferPointer<Payload>, _ key: Key, _ payload: Payload,
        into start: Int, count n: Int
    ) {
        var i = start
        while true {
            let first = 4 * i + 1
            if first >= n { break }
            var child = first
            var childKey = k[first]
            let end = min(first + 4, n)
            var j = first + 1
            while j < end {
                let candidate = k[j]
                if before(candidate, childKey) {
                    child = j
                    childKey = candidate
                }
                j += 1
            }
            guard before(childKey, key) else { break }
            k[i] = childKey
            p[i] = p[child]
            i = child
        }
        k[i] = key
        p[i] = payload
    }

    /// The kind and target of the event `pop` will return next, when it is in the heap already
    /// (nil when the heap is empty: the next event then waits in a later period's list).
    /// - Complexity: O(1).
    @inline(__always)
    var upcoming: (kind: EventKind, target: Int32)? {
        guard let key = keys.first, let kind = EventKind(rawValue: UInt8(truncatingIfNeeded: key.order)) else { return nil }
        return (kind, payloads[0].target)
    }

    /// Removes and returns the earliest event.
    mutating func pop() -> Event? {
        if keys.isEmpty {
            guard laterCount > 0 else { return nil }
            advance()
        }
        let topKey = keys[0]
        let topPayload = payloads[0]
        let lastKey = keys.removeLast()
        let lastPayload = payloads.removeLast()
        if !keys.isEmpty {
            let n = keys.count
            keys.withUnsafeMutableBufferPointer { k in
                payloads.withUnsafeMutableBufferPointer { p in Self.siftDown(k, p, lastKey, lastPayload, into: 0, count: n) }
            }
        }
        return Event(
            time: topKey.time, sequence: topKey.order >> 8, kind: EventKind(rawValue: UInt8(truncatingIfNeeded: topKey.order))!,
            target: topPayload.target, stamp: topPayload.stamp)
    }
}
