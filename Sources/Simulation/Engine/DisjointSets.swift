/// Elements 0..<count gathered into sets by `union`: which units of a family-finding meeting
/// are connected through households feasible for both (`Replication.planWaitingGroups`).
///
/// ## Design
/// A union-find forest with union by size and path halving (Tarjan, "Efficiency of a good but
/// not linear set union algorithm", JACM 22(2), 1975; Cormen et al., *Introduction to
/// Algorithms*, ch. 21). Each set is a tree whose root names it; `find` walks to the root,
/// pointing each node it passes at its grandparent; `union` hangs the smaller tree under the
/// larger. `sets` lists the sets in the order of their smallest elements, each in ascending
/// order, so the answer depends only on which elements are connected, not on the order of
/// the unions.
///
/// ## Invariants
/// - `parent[i] == i` exactly for roots; following `parent` from any element reaches a root.
/// - For a root `r`, `size[r]` is the number of elements in its tree.
struct DisjointSets {
    private(set) var parent: [Int32] = []
    private(set) var size: [Int32] = []

    /// Elements `0..<count`, each alone in its set.
    init(count: Int = 0) {
        parent = (0..<Int32(count)).map { $0 }
        size = [Int32](repeating: 1, count: count)
    }

    /// The number of elements.
    var count: Int { parent.count }

    /// Adds one element, alone in its set; returns it.
    /// - Complexity: O(1) amortised.
    @discardableResult
    mutating func add() -> Int {
        parent.append(Int32(parent.count))
        size.append(1)
        return parent.count - 1
    }

    /// The root of the set holding `element`.
    /// - Complexity: O(α(n)) amortised with `union` by size.
    mutating func find(_ element: Int) -> Int {
        var x = element
        while Int(parent[x]) != x {
            let grandparent = parent[Int(parent[x])]
            parent[x] = grandparent
            x = Int(grandparent)
        }
        return x
    }

    /// Puts the sets holding `a` and `b` together; true when they were apart.
    /// - Complexity: O(α(n)) amortised.
    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Bool {
        var ra = find(a), rb = find(b)
        guard ra != rb else { return false }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = Int32(ra)
        size[ra] += size[rb]
        return true
    }

    /// Every set, in the order of their smallest elements, each in ascending order.
    /// - Complexity: O(n α(n)).
    mutating func sets() -> [[Int]] {
        var slot = [Int](repeating: -1, count: count)
        var result: [[Int]] = []
        for element in 0..<count {
            let root = find(element)
            if slot[root] < 0 {
                slot[root] = result.count
                result.append([])
            }
            result[slot[root]].append(element)
        }
        return result
    }
}
