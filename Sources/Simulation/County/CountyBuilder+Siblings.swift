import CareModel

extension CountyBuilder {
    /// Placement types in which brothers and sisters can live all together in the snapshot.
    /// Semi-independent accommodation and children's homes are left out: nationally 93% and 78%
    /// of children there live apart from a brother or sister (Children's Commissioner for
    /// England, "Siblings in Care", 2023).
    static let togetherTypes: Set<PlacementType> = [.inHouseFoster, .ifaFoster, .kinship, .adoption, .withParents, .other]

    /// Links children already in care into groups of brothers and sisters.
    ///
    /// `siblingShareInCare` of the children (unaccompanied asylum seekers excepted) are put in
    /// groups of 2-5 drawn with `siblingGroupSizeWeights`; for each size, the profile's share of
    /// groups (`siblingsApartShareBySize`, rounded to whole groups) live apart and the rest all
    /// together. A group living together shares one placement type that allows it
    /// (`togetherTypes`; in-house groups of at most 3, the most places a household has) and
    /// `placeFostered` gives it one household; a group living apart is any children. Brothers
    /// and sisters are within 3 years of age per place in the group of the first one drawn,
    /// and share the first one's family home. Ages and placement types, hence the published
    /// counts, are unchanged: only who is related to whom is drawn.
    /// - Complexity: O(c + g·18·t) for c children, g groups and t placement types (children are
    ///   bucketed by placement type and age).
    func formSiblingGroups(_ children: inout [ChildInCare], using rng: inout some RandomNumberGenerator) {
        let wanted = Int((Double(children.count) * profile.siblingShareInCare).rounded())
        guard wanted >= 2, profile.siblingGroupSizeWeights.contains(where: { $0 > 0 }) else { return }
        var sizes: [Int] = []
        var total = 0
        while wanted - total >= 2 {
            let size = min(wanted - total, 2 + Draw.weightedIndex(profile.siblingGroupSizeWeights, using: &rng))
            sizes.append(size)
            total += size
        }
        // Whole numbers of groups living together, per size; the largest groups are formed first.
        var groups: [(size: Int, together: Bool)] = []
        for size in Set(sizes).sorted(by: >) {
            let count = sizes.filter { $0 == size }.count
            let apart = profile.siblingsApartShareBySize.indices.contains(size - 2) ? profile.siblingsApartShareBySize[size - 2] : 1
            let together = Int((Double(count) * (1 - apart)).rounded())
            var flags = Array(repeating: true, count: together) + Array(repeating: false, count: count - together)
            flags.shuffle(using: &rng)
            groups += flags.map { (size, $0) }
        }
        var buckets = Buckets(children)
        var number = 0
        for group in groups {
            var members: [Int] = []
            for _ in 0..<30 {
                guard let lead = buckets.randomMember(using: &rng) else { break }
                let type = children[lead].placement
                if group.together, !Self.togetherTypes.contains(type) || (type == .inHouseFoster && group.size > 3) { continue }
                let age = children[lead].child.age
                let window = max(0, age - 3 * (group.size - 1))...min(17, age + 3 * (group.size - 1))
                let types = group.together ? [type] : PlacementType.allCases
                buckets.remove(lead)
                var picked = [lead]
                while picked.count < group.size, let next = buckets.randomMember(types: types, ages: window, using: &rng) {
                    buckets.remove(next)
                    picked.append(next)
                }
                if picked.count == group.size {
                    members = picked
                    break
                }
                for m in picked { buckets.insert(m) }  // too few of the right age and type: try another
            }
            guard !members.isEmpty else { continue }
            number += 1
            let id = GroupID("S" + pad(number, 4))
            let lead = children[members[0]].child
            for m in members {
                children[m].child.groupID = id
                children[m].child.home = lead.home
                children[m].child.district = lead.district
                children[m].livesWithSiblings = group.together
            }
        }
    }
}

/// Children not yet in a sibling group, bucketed by placement type and single year of age,
/// with O(1) removal (swap with the bucket's last) and draws weighted by bucket size.
private struct Buckets {
    var members: [[Int]]  // [type * 18 + age] -> child indices
    var slot: [Int: (bucket: Int, position: Int)] = [:]
    var count = 0

    init(_ children: [ChildInCare]) {
        members = Array(repeating: [], count: PlacementType.allCases.count * 18)
        for (index, c) in children.enumerated() where !c.child.needs.contains(.uasc) {
            insert(index, bucket: Self.bucket(c.placement, c.child.age))
        }
    }

    static func bucket(_ type: PlacementType, _ age: Int) -> Int {
        (PlacementType.allCases.firstIndex(of: type) ?? 0) * 18 + min(17, max(0, age))
    }

    mutating func insert(_ index: Int, bucket: Int) {
        slot[index] = (bucket, members[bucket].count)
        members[bucket].append(index)
        count += 1
    }

    /// Puts back a child removed earlier (its bucket is remembered).
    mutating func insert(_ index: Int) {
        if let bucket = removedBucket[index] { insert(index, bucket: bucket) }
    }

    var removedBucket: [Int: Int] = [:]

    mutating func remove(_ index: Int) {
        guard let (bucket, position) = slot[index] else { return }
        let last = members[bucket].removeLast()
        if last != index {
            members[bucket][position] = last
            slot[last] = (bucket, position)
        }
        slot[index] = nil
        removedBucket[index] = bucket
        count -= 1
    }

    /// Any remaining child, uniformly.
    func randomMember(using rng: inout some RandomNumberGenerator) -> Int? {
        guard count > 0 else { return nil }
        var target = Draw.integer(in: 0...(count - 1), using: &rng)
        for bucket in members {
            if target < bucket.count { return bucket[target] }
            target -= bucket.count
        }
        return nil
    }

    /// A remaining child of one of `types` aged within `ages`, uniformly among them.
    func randomMember(types: [PlacementType], ages: ClosedRange<Int>, using rng: inout some RandomNumberGenerator) -> Int? {
        let chosen = types.flatMap { type in ages.map { Self.bucket(type, $0) } }
        let total = chosen.reduce(0) { $0 + members[$1].count }
        guard total > 0 else { return nil }
        var target = Draw.integer(in: 0...(total - 1), using: &rng)
        for bucket in chosen {
            if target < members[bucket].count { return members[bucket][target] }
            target -= members[bucket].count
        }
        return nil
    }
}
