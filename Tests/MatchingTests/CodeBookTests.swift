import CareModel
import Testing
@testable import Matching

/// `CodeBook` and the kernel's columns built with it, against plain definitions.
@Suite struct CodeBookTests {
    /// Over thousands of random lookups of a few texts in random letter case, repeated and
    /// interleaved with their groups: equal texts (ignoring case) get equal codes, different
    /// texts different ones, blank and nil 0, and a group code is the code of its first letter.
    @Test func codesAreOnePerTextWhateverTheCaseAndTheOrder() {
        var rng = Xoshiro256StarStar(seed: 7)
        let words = ["London North", "london north", "Truro", "WBRI", "wbri", "MWBC", "ABAN", "Polish", "polish", "A", "a", "Ab"]
        for _ in 0..<200 {
            var book = CodeBook()
            // The reference: the code of each lowercased text, and of each group.
            var byText: [String: Int32] = [:]
            var byGroup: [String: Int32] = [:]
            for _ in 0..<60 {
                let roll = Int(rng.next() % 14)
                if roll >= words.count {
                    #expect(book.code(roll == words.count ? nil : "") == 0)
                    #expect(book.groupCode(nil) == 0)
                    continue
                }
                // Random case, and sometimes the previous text again.
                let text = String(words[roll].map { rng.next() % 2 == 0 ? Character($0.uppercased()) : Character($0.lowercased()) })
                let code = book.code(text)
                #expect(code > 0)
                if let known = byText[text.lowercased()] { #expect(code == known, "\(text)") } else { byText[text.lowercased()] = code }
                let group = book.groupCode(text)
                let letter = "#" + String(text.first!).lowercased()
                if let known = byGroup[letter] { #expect(group == known, "\(text)") } else { byGroup[letter] = group }
                #expect(book.code(text) == code)
            }
            // Different texts and different groups have different codes.
            #expect(Set(byText.values).count == byText.count)
            #expect(Set(byGroup.values).count == byGroup.count)
        }
    }

    /// Columns built at once equal columns built row by row with `append`, for random
    /// households whose texts repeat their neighbours' or not.
    @Test func columnsBuiltAtOnceEqualRowsAppendedOneByOne() {
        var rng = Xoshiro256StarStar(seed: 8)
        let districts = ["North", "south", "SOUTH", "East"], ethnicities = ["WBRI", "wbri", "MWBC", "BAFR", ""], languages = ["English", "Polish", "polish"]
        for trial in 0..<100 {
            var households: [Household] = []
            for i in 0..<(1 + trial % 30) {
                let repeatLast = i > 0 && rng.next() % 2 == 0
                households.append(Household(
                    id: HouseholdID("h\(i)"), provider: rng.next() % 3 == 0 ? .ifa : .inHouse,
                    location: Location(latitude: 50 + Double(rng.next() % 100) / 50, longitude: -3 + Double(rng.next() % 100) / 50),
                    district: repeatLast ? households[i - 1].district : (rng.next() % 5 == 0 ? nil : districts[Int(rng.next() % 4)]),
                    places: 1 + Int(rng.next() % 3), ageRange: 0...17, approvals: .longTerm,
                    ethnicity: repeatLast ? households[i - 1].ethnicity : ethnicities[Int(rng.next() % 5)],
                    language: rng.next() % 4 == 0 ? nil : languages[Int(rng.next() % 3)]))
            }
            var atOnceBook = CodeBook(), oneByOneBook = CodeBook()
            let atOnce = HouseholdColumns(households, codes: &atOnceBook)
            var oneByOne = HouseholdColumns([], codes: &oneByOneBook)
            for household in households { oneByOne.append(household, codes: &oneByOneBook) }
            #expect(atOnce.count == households.count && oneByOne.count == households.count)
            #expect(atOnce.latitude == oneByOne.latitude && atOnce.free == oneByOne.free && atOnce.approvals == oneByOne.approvals)
            #expect(atOnce.residentMeanAge == oneByOne.residentMeanAge && atOnce.inHouse == oneByOne.inHouse)
            // Codes are compared for equality only: the same households share codes either way.
            for a in households.indices {
                for b in households.indices {
                    #expect((atOnce.district[a] == atOnce.district[b]) == ((households[a].district?.lowercased() ?? "") == (households[b].district?.lowercased() ?? "")))
                    #expect((atOnce.ethnicity[a] == atOnce.ethnicity[b]) == ((households[a].ethnicity?.lowercased() ?? "") == (households[b].ethnicity?.lowercased() ?? "")))
                    #expect((atOnce.language[a] == atOnce.language[b]) == (oneByOne.language[a] == oneByOne.language[b]))
                }
            }
        }
    }
}
