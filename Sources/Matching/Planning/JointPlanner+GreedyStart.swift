extension JointPlanner {
    /// A packing made greedily from the configuration table, to start the search: each whole
    /// unit in input order (whole units share no child) joins the household where its
    /// configuration with the units already there adds the most score counted per child (each
    /// adds the same children); -1 for a household left empty. Split parts are not placed.
    ///
    /// For a meeting of many units it starts the search about as well as the two baselines
    /// (`Matcher.placeInRounds`, `Matcher.placeGreedily`), which rescan the households with the
    /// kernel, at a fraction of their cost (`Matcher.tableStartUnits`).
    /// - Complexity: O(feasible pairs x configurations' entries of a household), no kernel scan.
    func greedyStart() -> [Int] {
        let hCount = engine.households.count
        var choice = [Int](repeating: -1, count: hCount)
        var unitsThere = [[Int32]](repeating: [], count: hCount)
        /// Configuration `q` of household `h`: its score counted per child.
        func childCents(_ h: Int, _ q: Int) -> Int {
            configurations.range(h, q).reduce(0) { $0 + Int(configurations.cents[$1]) * lister.size[Int(configurations.units[$1])] }
        }
        for u in engine.units.indices where !engine.units[u].isSplitPart {
            var best: (h: Int, q: Int, gain: Int)? = nil
            for pair in pairs[u] {
                let h = Int(pair.h)
                var wanted = unitsThere[h]
                wanted.append(Int32(u))
                wanted.sort()
                guard let q = configurations.firstIndex(of: h, units: wanted) else { continue }
                let gain = childCents(h, q) - (choice[h] >= 0 ? childCents(h, choice[h]) : 0)
                if best.map({ gain > $0.gain }) ?? true { best = (h, q, gain) }
            }
            guard let best else { continue }
            choice[best.h] = best.q
            unitsThere[best.h].append(Int32(u))
            unitsThere[best.h].sort()
        }
        return choice
    }
}
