import CareModel
import Testing

@Test func placementTypesMapFromSSDA903Codes() {
    #expect(PlacementType(place: "U4", provider: "PR1") == .inHouseFoster)
    #expect(PlacementType(place: "U6", provider: "PR4") == .ifaFoster)
    #expect(PlacementType(place: "K2", provider: nil) == .residential)
    #expect(PlacementType(place: "ZZ", provider: nil) == .other)
    for type in PlacementType.allCases {
        for code in type.placeCodes {
            let provider = type.providerCodes.first
            #expect(PlacementType(place: code, provider: provider) == type)
        }
    }
}
