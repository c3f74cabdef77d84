import CareModel
import Testing

@Test func ageBandsCoverEveryAge() {
    #expect((0...17).map { AgeBand(age: $0) }.map(\.rawValue) == [0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4])
    for band in AgeBand.allCases { #expect(band.ages.allSatisfy { AgeBand(age: $0) == band }) }
}
