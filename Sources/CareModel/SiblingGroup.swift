/// The unit that is placed: brothers and sisters together, or one child on their own.
public struct SiblingGroup: Hashable, Sendable, Codable {
    /// The group's id; for a child on their own, the child's id is used.
    public var id: GroupID
    /// The children, in input order. Never empty.
    public var children: [Child]

    public init(id: GroupID, children: [Child]) {
        precondition(!children.isEmpty, "a sibling group has at least one child")
        self.id = id
        self.children = children
    }

    /// A unit of one child.
    public init(single child: Child) {
        self.init(id: GroupID(child.id.rawValue), children: [child])
    }

    /// How many places the group needs.
    public var size: Int { children.count }
    public var childIDs: [ChildID] { children.map(\.id) }
    /// The youngest and oldest child's ages.
    /// - Complexity: O(children), no allocation (the matching engine reads it for every pair).
    public var ageRange: ClosedRange<Int> {
        var youngest = children[0].age, oldest = youngest
        for i in children.indices.dropFirst() {
            youngest = min(youngest, children[i].age)
            oldest = max(oldest, children[i].age)
        }
        return youngest...oldest
    }
    /// Every need of any child in the group.
    public var needs: Needs { children.reduce(into: Needs()) { $0.formUnion($1.needs) } }
    /// Whether the input allows splitting the group (any child marked `may_split`).
    public var maySplit: Bool { children.count > 1 && children.contains(where: \.maySplit) }
    /// The longest wait of any child in the group.
    /// - Complexity: O(children), no allocation.
    public var daysWaiting: Int {
        var longest = children[0].daysWaiting
        for i in children.indices.dropFirst() { longest = max(longest, children[i].daysWaiting) }
        return longest
    }
    /// The request of the group: the first child's (siblings share a plan; readers check this).
    public var placement: PlacementRequest { children[0].placement }

    /// Groups children by `groupID`, keeping first-appearance order; children without a group
    /// each form their own unit.
    /// - Complexity: O(n) expected; each group's children are copied once, into an array of
    ///   their exact number.
    public static func groups(of children: [Child]) -> [SiblingGroup] {
        // Each unit: its group id (nil for a child on their own) and its children's positions.
        var units: [(id: GroupID?, members: [Int])] = []
        var unitOf: [GroupID: Int] = [:]
        for (i, child) in children.enumerated() {
            guard let id = child.groupID else {
                units.append((nil, [i]))
                continue
            }
            if let u = unitOf[id] {
                units[u].members.append(i)
            } else {
                unitOf[id] = units.count
                units.append((id, [i]))
            }
        }
        return units.map { unit in
            guard let id = unit.id else { return SiblingGroup(single: children[unit.members[0]]) }
            return SiblingGroup(id: id, children: unit.members.map { children[$0] })
        }
    }
}
