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
    /// Per household, its options (non-empty sets; "take nothing" is always allowed, weight 0).
    package var options: [[PackingOption]]

    package init(itemCount: Int, options: [[PackingOption]]) {
        self.itemCount = itemCount
        self.options = options
    }
}

/// One set of items a household could take, with its weight (a whole number).
package struct PackingOption: Sendable, Equatable {
    /// The items, each at most once.
    package var items: [Int32]
    package var weight: Double

    package init(items: [Int32], weight: Double) {
        self.items = items
        self.weight = weight
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

    /// Whether the value is proven optimal (the bound equals the value).
    package var isOptimal: Bool { bound <= value }
}
