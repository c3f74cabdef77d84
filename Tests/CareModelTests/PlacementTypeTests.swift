import CareModel
import Testing

/// PlacementType against every PLACE and PLACE_PROVIDER code in the SSDA903 reference
/// (`shared/reference/ssda903.md`), written out here from that document.
@Suite struct PlacementTypeTests {
    /// PLACE codes other than foster care, with the type the reference gives them.
    static let nonFoster: [(String, PlacementType)] = [
        ("U1", .kinship), ("U2", .kinship), ("U3", .kinship),  // relative or friend
        ("A3", .adoption), ("A4", .adoption), ("A5", .adoption), ("A6", .adoption),  // placed for adoption
        ("P1", .withParents),
        ("R1", .residential), ("K2", .residential), ("K1", .residential),  // children's homes, secure unit
        ("H5", .supported), ("P2", .supported), ("K3", .supported),  // semi-independent / supported
        ("R2", .other), ("R3", .other), ("R5", .other), ("S1", .other), ("T0", .other), ("T1", .other),
        ("T2", .other), ("T3", .other), ("T4", .other), ("Z1", .other),
        ("P3", .other), ("Z11", .other), ("Z12", .other), ("Z13", .other), ("Z14", .other),  // residential employment; 2025/26 other
    ]
    static let fosterCodes = ["U4", "U5", "U6"]
    /// PR1 own authority, PR2 other authority, PR3 other public: in-house; PR4 private and
    /// PR5 voluntary: IFA. PR0 (parent), blank or unknown providers count as in-house.
    static let providers: [(String?, PlacementType)] = [
        ("PR1", .inHouseFoster), ("PR2", .inHouseFoster), ("PR3", .inHouseFoster),
        ("PR4", .ifaFoster), ("PR5", .ifaFoster),
        ("PR0", .inHouseFoster), (nil, .inHouseFoster), ("", .inHouseFoster), ("PR9", .inHouseFoster),
    ]

    @Test func everyNonFosterPlaceCodeMapsWhateverTheProvider() {
        for (code, type) in Self.nonFoster {
            for (provider, _) in Self.providers {
                #expect(PlacementType(place: code, provider: provider) == type, "\(code) \(provider ?? "nil")")
            }
            #expect(PlacementType(place: code.lowercased(), provider: nil) == type, "\(code) lower-case")
        }
    }

    @Test func fosterCodesSplitByProvider() {
        for code in Self.fosterCodes {
            for (provider, type) in Self.providers {
                #expect(PlacementType(place: code, provider: provider) == type, "\(code) \(provider ?? "nil")")
                #expect(PlacementType(place: code.lowercased(), provider: provider?.lowercased()) == type)
            }
        }
    }

    @Test func unknownCodesAreOther() {
        for code in ["", "X9", "U7", "R4", "Q1", "U", "K"] {
            #expect(PlacementType(place: code, provider: "PR4") == .other, "\(code)")
        }
    }

    @Test func listedCodesAgreeWithTheMapping() {
        var seen: [String: PlacementType] = [:]
        for type in PlacementType.allCases {
            for code in type.placeCodes {
                let provider = type.isFoster ? type.providerCodes.first : nil
                #expect(PlacementType(place: code, provider: provider) == type, "\(type) \(code)")
                if !type.isFoster { #expect(seen.updateValue(type, forKey: code) == nil, "\(code) listed twice") }
            }
            #expect(type.providerCodes.isEmpty != type.isFoster)
        }
        // Every code of the reference is listed by exactly the type it maps to.
        let listed = Set(PlacementType.allCases.flatMap(\.placeCodes))
        #expect(listed == Set(Self.nonFoster.map(\.0) + Self.fosterCodes))
        #expect(Set(PlacementType.inHouseFoster.providerCodes + PlacementType.ifaFoster.providerCodes) == ["PR1", "PR2", "PR3", "PR4", "PR5"])
    }

    @Test func rawValuesAreTheSummaryKeys() {
        // interfaces.md: placements_by_type counts in_house, ifa, kinship, residential, supported, other.
        for key in ["in_house", "ifa", "kinship", "residential", "supported", "other"] {
            #expect(PlacementType(rawValue: key) != nil, "\(key)")
        }
        #expect(PlacementType.allCases.sorted() == PlacementType.allCases)
    }
}

/// The DfE reporting bands: under 1, 1-4, 5-9, 10-15, 16+.
@Suite struct AgeBandTests {
    @Test func boundaries() {
        let expected: [(Int, AgeBand)] = [
            (-1, .underOne), (0, .underOne), (1, .oneToFour), (4, .oneToFour), (5, .fiveToNine), (9, .fiveToNine),
            (10, .tenToFifteen), (15, .tenToFifteen), (16, .sixteenPlus), (17, .sixteenPlus), (18, .sixteenPlus), (25, .sixteenPlus),
        ]
        for (age, band) in expected { #expect(AgeBand(age: age) == band, "age \(age)") }
    }

    @Test func bandsPartitionTheAgesInCare() {
        var covered: [Int] = []
        for band in AgeBand.allCases {
            covered += Array(band.ages)
            for age in band.ages { #expect(AgeBand(age: age) == band) }
        }
        #expect(covered == Array(0...17))
        #expect(AgeBand.allCases.map(\.description) == ["under 1", "1-4", "5-9", "10-15", "16+"])
        #expect(AgeBand.allCases.map(\.key) == ["under_1", "1_4", "5_9", "10_15", "16_plus"])
        #expect(AgeBand.allCases.sorted() == AgeBand.allCases)
    }
}

/// Needs, Skills and Approvals: tokens as in interfaces.md, one bit each.
@Suite struct TokenSetTests {
    @Test func tokensAreThoseOfTheSpecification() {
        #expect(Needs.tokens.map(\.1) == ["disability", "complex", "trauma", "uasc", "exploitation_risk", "solo"])
        #expect(Skills.tokens.map(\.1) == ["disability", "complex", "trauma", "uasc", "teenagers"])
        #expect(Approvals.tokens.map(\.1) == ["short_term", "long_term", "emergency", "respite", "parent_and_child"])
    }

    func checkBitsAndParsing<T: TokenSet>(_ type: T.Type) {
        var union = T()
        for (member, token) in T.tokens {
            #expect(member.rawValue.nonzeroBitCount == 1, "\(token)")
            #expect(union.isDisjoint(with: member), "\(token) shares a bit")
            union.formUnion(member)
            #expect(T(token: token) == member)
            #expect(T(token: token.uppercased()) == nil)  // readers lower-case first
            #expect(member.tokenList == [token] && member.count == 1)
        }
        #expect(T(token: "") == nil && T(token: "unknown") == nil && T(token: T.tokens[0].1 + " ") == nil)
        // Every subset lists its tokens in file order and parses back from them.
        for raw in 0...Int(union.rawValue) where UInt8(raw) & ~union.rawValue == 0 {
            let set = T(rawValue: UInt8(raw))
            let tokens = set.joinedTokens.split(separator: ";").map(String.init)
            #expect(tokens == T.tokens.filter { set.contains($0.0) }.map(\.1))
            #expect(tokens.reduce(into: T()) { $0.formUnion(T(token: $1)!) } == set)
            #expect(set.count == tokens.count)
        }
    }

    @Test func bitsAreDistinctAndTokensRoundTrip() {
        checkBitsAndParsing(Needs.self)
        checkBitsAndParsing(Skills.self)
        checkBitsAndParsing(Approvals.self)
    }

    @Test func eachPlacementRequestNeedsTheApprovalOfTheSameName() {
        for request in PlacementRequest.allCases {
            #expect(request.requiredApproval == Approvals(token: request.rawValue))
        }
    }
}
