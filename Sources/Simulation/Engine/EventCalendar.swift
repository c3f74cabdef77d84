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

/// One scheduled event: a plain struct so the calendar is a flat array.

struct Event {
    var time: Double
    /// Insertion order, so that simultaneous events run first-scheduled first (determinism).
    var sequence: UInt64
    var kind: EventKind
    var target: Int32
    var stamp: UInt32
}

/// The future event list: a 4-ary min-heap on (time, sequence).
///
/// ## Design note
/// A heap over a flat array of 32-byte structs keeps O(log n) insert and pop with no
/// allocation per event, and ties broken by insertion order make every run reproducible: the
/// order of pops is the total order on (time, sequence), whatever the heap's shape. Four
/// children per node halve the depth of a binary heap, so a pop (the hot operation: every
/// event, stale ones included) does half the levels, each comparing four siblings that sit
/// in one or two cache lines.
/// - Complexity: `schedule` O(log4 n), `pop` O(4 log4 n).

struct EventCalendar {
    var heap: ContiguousArray<Event> = []
    var nextSequence: UInt64 = 0

    init(capacity: Int = 1024) { heap.reserveCapacity(capacity) }

    var count: Int { heap.count }
    var isEmpty: Bool { heap.isEmpty }

    @inline(__always)
    static func before(_ a: Event, _ b: Event) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }

    /// Adds an event.
    mutating func schedule(_ time: Double, _ kind: EventKind, target: Int32 = 0, stamp: UInt32 = 0) {
        let event = Event(time: time, sequence: nextSequence, kind: kind, target: target, stamp: stamp)
        nextSequence &+= 1
        heap.append(event)
        var i = heap.count - 1
        heap.withUnsafeMutableBufferPointer { h in
            while i > 0 {
                let parent = (i - 1) >> 2
                guard Self.before(event, h[parent]) else { break }
                h[i] = h[parent]
                i = parent
            }
            h[i] = event
        }
    }

    /// The earliest event's time, if any.
    var nextTime: Double? { heap.first?.time }

    /// Removes and returns the earliest event.
    mutating func pop() -> Event? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if heap.isEmpty { return top }
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = 0
            while true {
                let first = 4 * i + 1
                if first >= n { break }
                var child = first
                let end = min(first + 4, n)
                var k = first + 1
                while k < end {
                    if Self.before(h[k], h[child]) { child = k }
                    k += 1
                }
                guard Self.before(h[child], last) else { break }
                h[i] = h[child]
                i = child
            }
            h[i] = last
        }
        return top
    }
}
