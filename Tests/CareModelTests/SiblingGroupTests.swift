import CareModel
import Testing

/// `SiblingGroup.groups` against a brute-force grouping, and the group's derived facts.
@Suite struct SiblingGroupTests {
    static func child(_ id: String, group: String? = nil, age: Int = 5, needs: Needs = [], days: Int = 0, maySplit: Bool = false, placement: PlacementRequest = .longTerm) -> Child {
        Child(
            id: ChildID(id), groupID: group.map { GroupID($0) }, age: age, sex: .female,
            home: Location(latitude: 51.8, longitude: -2.2), placement: placement, needs: needs,
            daysWaiting: days, maySplit: maySplit)
    }

    /// Brute force: for each child in order, if its unit was not yet started, collect every
    /// later child of the same group by a full scan.
    static func bruteForce(_ children: [Child]) -> [[ChildID]] {
        var units: [[ChildID]] = []
        var used = Set<Int>()
        for i in children.indices where !used.contains(i) {
            guard let group = children[i].groupID else {
                units.append([children[i].id])
                used.insert(i)
                continue
            }
            let members = children.indices.filter { children[$0].groupID == group }
            used.formUnion(members)
            units.append(members.map { children[$0].id })
        }
        return units
    }

    @Test func groupsMatchBruteForceOnRandomInputs() {
        var rng = Xoshiro256StarStar(seed: 31)
        for trial in 0..<300 {
            let count = Draw.integer(in: 0...30, using: &rng)
            let children = (0..<count).map { i in
                Self.child("C\(trial)-\(i)", group: Draw.bernoulli(0.6, using: &rng) ? "G\(Draw.integer(in: 0...5, using: &rng))" : nil)
            }
            let groups = SiblingGroup.groups(of: children)
            #expect(groups.map(\.childIDs) == Self.bruteForce(children))
            #expect(groups.reduce(0) { $0 + $1.size } == children.count)
            for group in groups {
                if let shared = group.children[0].groupID {
                    #expect(group.id == shared)
                } else {
                    #expect(group.size == 1 && group.id.rawValue == group.children[0].id.rawValue)
                }
            }
        }
    }

    @Test func aLoneChildWhoseIdIsAGroupIdStaysApart() {
        let children = [Self.child("G1"), Self.child("C2", group: "G1"), Self.child("C3", group: "G1")]
        #expect(SiblingGroup.groups(of: children).map(\.childIDs) == [["G1"], ["C2", "C3"]])
    }

    @Test func derivedFacts() {
        let group = SiblingGroup(id: "G", children: [
            Self.child("A", group: "G", age: 12, needs: .trauma, days: 40),
            Self.child("B", group: "G", age: 3, needs: [.disability, .trauma], days: 90, maySplit: true),
            Self.child("C", group: "G", age: 7, days: 10),
        ])
        #expect(group.size == 3)
        #expect(group.ageRange == 3...12)
        #expect(group.needs == [.trauma, .disability])
        #expect(group.daysWaiting == 90)
        #expect(group.maySplit)
        #expect(group.placement == .longTerm)
        #expect(group.childIDs == ["A", "B", "C"])
        // One child marked may_split cannot split a unit of one.
        #expect(!SiblingGroup(single: Self.child("D", maySplit: true)).maySplit)
        #expect(!SiblingGroup(id: "H", children: [Self.child("E"), Self.child("F")]).maySplit)
    }
}
