import CareModel
import Testing
@testable import Simulation

/// `RequestList` against a plain array over thousands of random sequences of requests and
/// walks: each walk reads a random number of the live entries from the front, keeps a random
/// choice of them, may append requests while it walks (dropped at its end), and stops; the
/// list's live entries must then be the kept ones followed by the unread ones, in order.
@Test func requestListWalksMatchAPlainList() {
    var rng = Xoshiro256StarStar(seed: 903)
    var compactions = 0, longest = 0
    for _ in 0..<3000 {
        var list = RequestList()
        var model: [RequestList.Entry] = []
        var next: Int32 = 0
        for _ in 0..<Int.random(in: 1...60, using: &rng) {
            if Bool.random(using: &rng) {
                for _ in 0..<Int.random(in: 1...6, using: &rng) {
                    list.append(child: Int(next), stamp: UInt32(next % 7))
                    model.append(RequestList.Entry(child: next, stamp: UInt32(next % 7)))
                    next += 1
                }
            } else {
                let positions = list.positions
                let reading = Int.random(in: 0...positions.count, using: &rng)
                var kept = positions.lowerBound, read = positions.lowerBound
                var keptEntries: [RequestList.Entry] = []
                for index in positions.prefix(reading) {
                    read = index + 1
                    let entry = list[index]
                    if Int.random(in: 0..<3, using: &rng) > 0 {
                        list[kept] = entry
                        kept += 1
                        keptEntries.append(entry)
                    }
                    if Int.random(in: 0..<10, using: &rng) == 0 {
                        list.append(child: -1, stamp: 0)
                    }
                }
                let startBefore = list.positions.lowerBound
                list.endWalk(read: read, kept: kept, end: positions.upperBound)
                if list.positions.lowerBound < startBefore { compactions += 1 }
                model = keptEntries + model[reading...]
            }
            #expect(Array(list.live) == model)
            #expect(list.count == model.count && list.isEmpty == model.isEmpty)
            longest = max(longest, list.entries.count)
        }
    }
    // The dead front was dropped now and then.
    #expect(compactions > 100, "\(compactions) compactions, longest array \(longest)")
}
