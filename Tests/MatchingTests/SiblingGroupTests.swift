import CareModel
import Testing

@Test func siblingGroupsKeepInputOrderAndSingles() {
    let home = Location(latitude: 51.8, longitude: -2.2)
    let children = [
        Child(id: "A", groupID: "G1", age: 5, sex: .male, home: home, placement: .shortTerm),
        Child(id: "B", age: 9, sex: .female, home: home, placement: .shortTerm),
        Child(id: "C", groupID: "G1", age: 7, sex: .female, home: home, placement: .shortTerm),
    ]
    let groups = SiblingGroup.groups(of: children)
    #expect(groups.map(\.childIDs) == [["A", "C"], ["B"]])
    #expect(groups[0].ageRange == 5...7)
}
