/// Where a child in care lives, in the categories councils report and plan with.
///
/// Each type maps to the SSDA903 `PLACE` codes (and, for foster care, `PLACE_PROVIDER` codes)
/// that make it up; see `../shared/reference/ssda903.md`.
public enum PlacementType: String, CaseIterable, Sendable, Codable, Comparable {
    /// Foster care with the council's own carers (U4-U6 with PR1-PR3).
    case inHouseFoster = "in_house"
    /// Foster care through an independent fostering agency (U4-U6 with PR4/PR5).
    case ifaFoster = "ifa"
    /// Relatives and friends ("connected persons", U1-U3).
    case kinship = "kinship"
    /// Children's homes and secure units (R1, K2, K1).
    case residential = "residential"
    /// Semi-independent or supported accommodation (H5, P2, K3).
    case supported = "supported"
    /// Placed with parents (P1).
    case withParents = "with_parents"
    /// Placed for adoption (A3-A6).
    case adoption = "adoption"
    /// Everything else (R2, R3, R5, S1, P3, T0-T4, Z1, Z11-Z14 and unknown codes).
    case other = "other"

    /// The SSDA903 PLACE codes of this type (foster types share U4-U6; the provider decides).
    public var placeCodes: [String] {
        switch self {
        case .inHouseFoster, .ifaFoster: ["U4", "U5", "U6"]
        case .kinship: ["U1", "U2", "U3"]
        case .residential: ["R1", "K2", "K1"]
        case .supported: ["H5", "P2", "K3"]
        case .withParents: ["P1"]
        case .adoption: ["A3", "A4", "A5", "A6"]
        case .other: ["R2", "R3", "R5", "S1", "P3", "T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14"]
        }
    }

    /// The PLACE_PROVIDER codes that select this type among the foster codes; empty otherwise.
    public var providerCodes: [String] {
        switch self {
        case .inHouseFoster: ["PR1", "PR2", "PR3"]
        case .ifaFoster: ["PR4", "PR5"]
        default: []
        }
    }

    /// Maps an SSDA903 PLACE code and PLACE_PROVIDER code to a placement type.
    ///
    /// Foster codes (U4-U6) with a missing or unknown provider count as in-house, the
    /// conservative reading for sufficiency. Unknown PLACE codes map to `.other`.
    public init(place: String, provider: String?) {
        let code = place.uppercased()
        if ["U4", "U5", "U6"].contains(code) {
            let p = provider?.uppercased() ?? ""
            self = PlacementType.ifaFoster.providerCodes.contains(p) ? .ifaFoster : .inHouseFoster
            return
        }
        self = PlacementType.allCases.first { $0.placeCodes.contains(code) } ?? .other
    }

    /// Whether this is family-based foster care with a fostering household (in-house or IFA).
    public var isFoster: Bool { self == .inHouseFoster || self == .ifaFoster }

    /// The label used in tables and reports.
    public var label: String {
        switch self {
        case .inHouseFoster: "in-house foster"
        case .ifaFoster: "IFA foster"
        case .kinship: "relatives & friends"
        case .residential: "residential"
        case .supported: "supported / semi-independent"
        case .withParents: "placed with parents"
        case .adoption: "placed for adoption"
        case .other: "other"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
