/// Drops, while a plan's feasible pairs are scored, the lone options that no best plan needs:
/// a unit alone in a household that only ever takes one unit, when enough households at least
/// as good for it are sure to have room; most of them are dropped on the kernel's score alone,
/// without the reference evaluator.
///
/// ## Design note
/// A household whose configurations each hold a single unit (one free place, or one feasible
/// unit) takes a unit alone, at a weight fixed whatever else the plan does. For a unit `u`,
/// take a set `W` of such households where `u` is feasible (the *witnesses*) such that,
/// between them, the units they could take hold fewer than `|W|` distinct children other than
/// `u`'s. In any plan placing `u` in another such household `h` one witness is then empty:
/// each witness used holds at least one of those children, and no child is placed twice.
/// Moving `u` there is allowed (`u` alone is one of its configurations) and, when `u` scores
/// no less there than in `h`, places the same children with the same split parts at no
/// lower score, so the plan's weight does not fall. Some best plan therefore uses none of
/// `u`'s options scoring no more than its worst witness, and dropping them keeps the
/// optimum's value and every bound on it (an exchange argument: the options dropped are
/// dominated columns of the packing).
///
/// Witnesses are taken best kernel score first, each confirmed by the reference evaluator,
/// until the children they could take number fewer than they do. An option whose kernel
/// score, plus `toleranceCents`, is no more than the worst witness's score scores no more than
/// it by the reference evaluator too, so it is dropped unevaluated (unless every pair is to be
/// counted); the others are evaluated, and kept when they score more than the worst witness.
/// A household is a witness only when it keeps every feasible unit in its list (no more than
/// `enough`, so the planner never cuts it as crowded; only the cap on all configurations
/// together, far beyond a meeting's size, could, and the plan is then not proven anyway) and
/// every unit of the plan is in one block of kernel lists (so its units are all known).
struct LoneOptionScreen {
    /// Whether each household takes one unit at a time and keeps them all (may be a witness).
    let lone: [Bool]
    /// The units in the kernel's lists at household h: `unitsAt[unitsStart[h] ..< unitsStart[h + 1]]`.
    let unitsStart: [Int]
    let unitsAt: [Int32]
    /// Each unit's children: `childList[childStart[u] ..< childStart[u + 1]]`.
    let childStart: [Int]
    let childList: [Int32]
    /// How far, in hundredths of a point, a kernel score on the widened screen may lie from
    /// the reference score of the same unit alone in the household.
    let toleranceCents: Double

    /// The screen for kernel lists `lists` of units `0 ..< lists.count` (grid positions), over
    /// households with `free` places each, which may keep up to `enough` feasible units uncut;
    /// kernel scores from a distance limit of `limitMiles` (already widened).
    /// - Complexity: O(households + kernel pairs).
    init(lists: [[(h: Int32, score: Double)]], free: [Int], enough: Int, limitMiles: Double,
         childStart: [Int], childList: [Int32]) {
        var start = [Int](repeating: 0, count: free.count + 1)
        for list in lists { for candidate in list { start[Int(candidate.h) + 1] += 1 } }
        lone = free.indices.map { h in
            let units = start[h + 1]
            return units > 0 && units <= enough && (free[h] <= 1 || units == 1)
        }
        for h in free.indices { start[h + 1] += start[h] }
        var at = [Int32](repeating: 0, count: start[free.count])
        var next = start
        for (u, list) in lists.enumerated() {
            for candidate in list {
                at[next[Int(candidate.h)]] = Int32(u)
                next[Int(candidate.h)] += 1
            }
        }
        unitsStart = start
        unitsAt = at
        self.childStart = childStart
        self.childList = childList
        toleranceCents = Self.toleranceCents(limitMiles: limitMiles)
    }

    /// Twice the kernel's tested difference from the reference evaluator (0.05 points and
    /// 0.001 per mile, `KernelTests`) at `limitMiles`, plus 0.1 points for the widened limit's
    /// shift of the distance criterion (under 0.1% of the score).
    static func toleranceCents(limitMiles: Double) -> Double { 2 * (5 + 0.1 * limitMiles) + 10 }

    /// Unit `u`'s feasible pairs (household and score in hundredths without age fit and split
    /// penalty) from its kernel candidates, with the number of them the reference evaluator
    /// confirmed. `confirm` is the reference evaluator's `pairCents`; `aloneCents` the score
    /// of `u` alone in a household from that. Every candidate that is not lone is confirmed; the
    /// lone ones as the design note says. With `countsEveryPair` every candidate is confirmed
    /// (the count is then every feasible pair; the same pairs are kept). `counted` is scratch
    /// of one entry per child, -1 or another unit's number on entry.
    /// - Complexity: O(candidates x witnesses) plus the reference evaluations and, for the
    ///   witnesses, the children of the units of their lists; the walk stops once those
    ///   children outnumber the lone candidates.
    func pairs(of u: Int, candidates: [(h: Int32, score: Double)], countsEveryPair: Bool, counted: inout [Int],
               confirm: (Int32) -> Int32?, aloneCents: (Int32, Int32) -> Int) -> (pairs: [(h: Int32, baseCents: Int32)], confirmed: Int) {
        var found: [(h: Int32, baseCents: Int32)] = []
        found.reserveCapacity(candidates.count)
        var confirmed = 0
        var loneOnes: [(h: Int32, score: Double)] = []
        for candidate in candidates {
            if lone[Int(candidate.h)] { loneOnes.append(candidate); continue }
            guard let base = confirm(candidate.h) else { continue }
            confirmed += 1
            found.append((candidate.h, base))
        }
        guard !loneOnes.isEmpty else { return (found, confirmed) }
        for e in childStart[u] ..< childStart[u + 1] { counted[Int(childList[e])] = u }
        // Witnesses, best kernel score first (ties by position), until their units hold fewer
        // other children: each the best of those left, moved to the front (a few are needed,
        // so this costs less than sorting them all).
        var witnesses = 0, others = 0, worstWitness = Int.max
        var next = 0
        while next < loneOnes.count && (witnesses == 0 || others >= witnesses) {
            var best = next
            for i in (next + 1) ..< loneOnes.count {
                let a = loneOnes[i], b = loneOnes[best]
                if a.score > b.score || (a.score == b.score && a.h < b.h) { best = i }
            }
            loneOnes.swapAt(next, best)
            let h = loneOnes[next].h
            next += 1
            guard let base = confirm(h) else { continue }
            confirmed += 1
            found.append((h, base))
            witnesses += 1
            worstWitness = min(worstWitness, aloneCents(h, base))
            for v in unitsAt[unitsStart[Int(h)] ..< unitsStart[Int(h) + 1]] {
                for e in childStart[Int(v)] ..< childStart[Int(v) + 1] where counted[Int(childList[e])] != u {
                    counted[Int(childList[e])] = u
                    others += 1
                }
            }
            // As many others as options: no set of them is a witness set.
            if others >= loneOnes.count { break }
        }
        guard witnesses > 0 && others < witnesses else {
            // No witness set: every other lone option is kept.
            for candidate in loneOnes[next...] {
                guard let base = confirm(candidate.h) else { continue }
                confirmed += 1
                found.append((candidate.h, base))
            }
            return (found, confirmed)
        }
        // The rest: only those that may score more than the worst witness are kept.
        for candidate in loneOnes[next...] {
            if !countsEveryPair && candidate.score * 100 + toleranceCents <= Double(worstWitness) { continue }
            guard let base = confirm(candidate.h) else { continue }
            confirmed += 1
            if aloneCents(candidate.h, base) > worstWitness { found.append((candidate.h, base)) }
        }
        return (found, confirmed)
    }
}
