/// A weighted set-packing problem over household configurations: each household takes at most
/// one of its options (a set of items with a weight), and each item is covered at most once.
///
/// The joint plan is such a problem: items are children, an option is a set of placement units
/// a household could take together, its weight the plan's objective for that set. Weights are
/// whole numbers held in `Double` (exact below 2^53), which lets the solver prune a branch as
/// soon as its bound is below the best plan found plus one.
package struct PackingProblem: Sendable {
    /// Items `0..<itemCount`.
    package var itemCount: Int
    /// Options of household h (non-empty sets; "take nothing" is always allowed, weight 0):
    /// `optionStart[h]..<optionStart[h + 1]`, stored flat (a county lists millions of options).
    package var optionStart: [Int]
    /// Items of option o: `items[itemStart[o]..<itemStart[o + 1]]`.
    package var itemStart: [Int]
    package var items: [Int32]
    package var weight: [Double]
    /// Level values of option o: `levelValues[k][o]` for `k < levelCount[o]` (0 beyond).
    package var levelValues: [[Double]]
    package var levelCount: [UInt8]
    /// Lexicographic levels, when not empty: per household the scales `A_k` such that each of
    /// its options weighs `sum_k A_k x levels[k] + the rest`, each level a whole number
    /// (children placed, minus split parts) and each `A_k` larger than any difference the
    /// later levels can make. The solver's bound then solves one LP per level (see
    /// `PackingRelaxation`). Empty: one level, the weight.
    package var levelScales: [[Double]]

    /// An empty problem with room for `households` households; each household's options are
    /// added with `append`, then `closeHousehold`.
    package init(itemCount: Int, households: Int, levelScales: [[Double]] = []) {
        self.itemCount = itemCount
        optionStart = [0]
        optionStart.reserveCapacity(households + 1)
        itemStart = [0]; items = []; weight = []; levelValues = []; levelCount = []
        self.levelScales = levelScales
    }

    package init(itemCount: Int, options: [[PackingOption]], levelScales: [[Double]] = []) {
        self.init(itemCount: itemCount, households: options.count, levelScales: levelScales)
        for list in options {
            for o in list { append(items: o.items, weight: o.weight, levels: o.levels) }
            closeHousehold()
        }
    }

    /// Adds an option to the household being filled (the first not yet closed).
    package mutating func append<Items: Sequence>(items set: Items, weight w: Double, levels: [Double]) where Items.Element == Int32 {
        items.append(contentsOf: set)
        itemStart.append(items.count)
        weight.append(w)
        while levelValues.count < levels.count { levelValues.append([Double](repeating: 0, count: weight.count - 1)) }
        for k in levelValues.indices { levelValues[k].append(k < levels.count ? levels[k] : 0) }
        levelCount.append(UInt8(levels.count))
    }

    /// Ends the current household's options.
    package mutating func closeHousehold() {
        optionStart.append(weight.count)
    }

    /// Households (closed so far).
    package var householdCount: Int { optionStart.count - 1 }

    /// Options of household `h` (global option numbers).
    package func optionRange(_ h: Int) -> Range<Int> { optionStart[h]..<optionStart[h + 1] }

    /// Option `o` as a value (for tests and small problems).
    package func option(_ o: Int) -> PackingOption {
        PackingOption(items: Array(items[itemStart[o]..<itemStart[o + 1]]), weight: weight[o],
                      levels: (0..<Int(levelCount[o])).map { levelValues[$0][o] })
    }

    /// Every household's options as values (for tests and small problems).
    package var options: [[PackingOption]] {
        (0..<householdCount).map { h in optionRange(h).map(option) }
    }
}

/// One set of items a household could take, with its weight (a whole number).
package struct PackingOption: Sendable, Equatable {
    /// The items, each at most once.
    package var items: [Int32]
    package var weight: Double
    /// The option's level values (whole numbers) when the problem has levels, else empty.
    package var levels: [Double]

    package init(items: [Int32], weight: Double, levels: [Double] = []) {
        self.items = items
        self.weight = weight
        self.levels = levels
    }
}

/// The solver's answer: the chosen option of each household, its value and a proven bound.
package struct PackingSolution: Sendable, Equatable {
    /// For each household, the index of its chosen option, or -1 for none.
    package var choice: [Int]
    /// The sum of the chosen options' weights.
    package var value: Double
    /// No packing has a larger value (a proven upper bound, whole number, >= `value`).
    package var bound: Double
    /// Branch-and-bound nodes explored (over all components).
    package var nodes: Int
    /// Per household: the slack (bound - value) of its connected component, given at the
    /// component's first household and 0 at the others; empty when every component is
    /// solved. A component's optimum is at most its value plus its slack.
    package var componentSlack: [Double] = []

    /// Whether the value is proven optimal (the bound equals the value).
    package var isOptimal: Bool { bound <= value }
}
