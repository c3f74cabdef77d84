import CareModel
import Testing
@testable import Simulation

/// Interleaved schedules and pops: each pop must be the earliest pending event, ties broken by
/// scheduling order (checked against a brute-force minimum over the pending list).
@Test func calendarPopsEarliestPendingEventWithTiesFirstScheduledFirst() {
    var rng = Xoshiro256StarStar(seed: 7)
    for trial in 0..<20 {
        var calendar = EventCalendar()
        var pending: [(time: Double, order: Int)] = []
        var mismatches = 0
        for i in 0..<(300 + 10 * trial) {
            let time = Double(Int(rng.nextUnit() * 30))
            calendar.schedule(time, .arrival, target: Int32(i))
            pending.append((time, i))
            if rng.nextUnit() < 0.4 {
                let e = calendar.pop()!
                let best = pending.indices.min { pending[$0].time < pending[$1].time || (pending[$0].time == pending[$1].time && pending[$0].order < pending[$1].order) }!
                if Int(e.target) != pending[best].order || e.time != pending[best].time { mismatches += 1 }
                pending.remove(at: best)
            }
        }
        while let e = calendar.pop() {
            let best = pending.indices.min { pending[$0].time < pending[$1].time || (pending[$0].time == pending[$1].time && pending[$0].order < pending[$1].order) }!
            if Int(e.target) != pending[best].order { mismatches += 1 }
            pending.remove(at: best)
        }
        #expect(mismatches == 0)
        #expect(pending.isEmpty)
    }
}

@Test func calendarMatchesStableSortWhenFilledFirst() {
    var rng = Xoshiro256StarStar(seed: 11)
    var calendar = EventCalendar()
    var reference: [(Double, Int)] = []
    for i in 0..<5000 {
        let time = (rng.nextUnit() * 100).rounded() / 4
        calendar.schedule(time, .exit, target: Int32(i))
        reference.append((time, i))
    }
    let expected = reference.sorted { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }.map(\.1)
    var got: [Int] = []
    while let e = calendar.pop() { got.append(Int(e.target)) }
    #expect(got == expected)
}

/// Times across the calendar's periods, after its last period and negative, scheduled and
/// popped interleaved (an event scheduled after a pop is often due before the one popped, in a
/// period already passed): each pop must be the earliest pending event by (time, scheduling
/// order), as a brute-force minimum over the pending list says.
@Test func calendarPopsInOrderAcrossPeriodsAndBeyondTheLast() {
    var rng = Xoshiro256StarStar(seed: 23)
    let lastPeriodStart = EventCalendar.periodDays * Double(EventCalendar.periodCount - 1)
    for trial in 0..<8 {
        var calendar = EventCalendar()
        var pending: [(time: Double, order: Int)] = []
        var mismatches = 0
        func earliest() -> Int {
            pending.indices.min { pending[$0].time < pending[$1].time || (pending[$0].time == pending[$1].time && pending[$0].order < pending[$1].order) }!
        }
        let total = 1500 + 100 * trial
        for i in 0..<total {
            let u = rng.nextUnit()
            let time = u < 0.6 ? (rng.nextUnit() * 400).rounded() / 4  // whole and quarter days, many ties
                : u < 0.9 ? (rng.nextUnit() * 1.5 * lastPeriodStart).rounded()  // a third of them after the last period
                : u < 0.97 ? Double(Int(rng.nextUnit() * 3)) * EventCalendar.periodDays  // period boundaries
                : -(rng.nextUnit() * 10).rounded() - 1  // negative
            calendar.schedule(time, .exit, target: Int32(i))
            pending.append((time, i))
            if rng.nextUnit() < 0.45 {
                let e = calendar.pop()!
                let best = earliest()
                if Int(e.target) != pending[best].order || e.time != pending[best].time || e.kind != .exit { mismatches += 1 }
                pending.remove(at: best)
            }
            if calendar.count != pending.count { mismatches += 1 }
        }
        while let e = calendar.pop() {
            let best = earliest()
            if Int(e.target) != pending[best].order { mismatches += 1 }
            pending.remove(at: best)
        }
        #expect(mismatches == 0)
        #expect(pending.isEmpty)
        #expect(calendar.isEmpty)
    }
}

/// A key's 128-bit rank orders keys as (time, order) does by comparing doubles, over times of
/// every sign and size (zeros of both signs, subnormals, infinities, and times that tie), and
/// gives back the time it was made from (+0 for -0).
@Test func keyRankOrdersAsTheTimeThenTheOrder() {
    var rng = Xoshiro256StarStar(seed: 29)
    let special: [Double] = [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .infinity, -.infinity,
                             .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, -1, 4, 16_384]
    func time() -> Double {
        switch Int(rng.nextUnit() * 4) {
        case 0: return special[Int(rng.nextUnit() * Double(special.count))]
        case 1: return (rng.nextUnit() * 40).rounded() / 4 - 3
        case 2: return (rng.nextUnit() - 0.5) * 1e6
        default: return Double(bitPattern: UInt64(rng.nextUnit() * 0x7FE0_0000_0000_0000)) * (rng.nextUnit() < 0.5 ? -1 : 1)
        }
    }
    var wrong = 0, compared = 0
    for _ in 0..<20_000 {
        let (ta, tb) = (time(), time())
        let (oa, ob) = (UInt64(rng.nextUnit() * 8), UInt64(rng.nextUnit() * 8))
        let a = EventCalendar.Key(time: ta, order: oa), b = EventCalendar.Key(time: tb, order: ob)
        let expected = ta < tb || (ta == tb && oa < ob)
        if EventCalendar.before(a, b) != expected { wrong += 1 }
        if a.time != ta || a.time.sign == .minus && ta == 0 { wrong += 1 }
        compared += 1
    }
    #expect(compared == 20_000)
    #expect(wrong == 0)
}
