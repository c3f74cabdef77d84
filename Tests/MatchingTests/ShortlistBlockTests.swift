import CareModel
import Matching
import Testing

/// Shortlists made a block at a time (as `hearth match` writes them) are the shortlists made
/// all at once, in the same order, whatever the block size.
@Test(arguments: [1, 7, 64])
func shortlistBlocksAreTheWholeShortlistsInOrder(blockSize: Int) {
    var rng = Xoshiro256StarStar(seed: 2_026 + UInt64(blockSize))
    let groups = SiblingGroup.groups(of: RandomCounty.children(150, rng: &rng))
    let households = RandomCounty.households(60, rng: &rng)
    let whole = Matcher.shortlists(groups: groups, households: households, policy: .default, top: 4).map { "\($0)" }
    var blocks: [[String]] = []
    Matcher.forEachShortlistBlock(groups: groups, households: households, policy: .default, top: 4, blockSize: blockSize) {
        blocks.append($0.map { "\($0)" })
    }
    #expect(blocks.count == (groups.count + blockSize - 1) / blockSize)
    #expect(blocks.allSatisfy { $0.count <= blockSize })
    #expect(blocks.flatMap { $0 } == whole)
    // Some units have candidates and some only near misses, so both paths are compared.
    let lists = Matcher.shortlists(groups: groups, households: households, policy: .default, top: 4)
    #expect(lists.contains { !$0.candidates.isEmpty } && lists.contains { $0.candidates.isEmpty && !$0.nearMisses.isEmpty })
}
