import Interchange
import Simulation
import CareModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The known rates a synthetic SSDA903 return is generated from.
///
/// Indexing: `[band]` follows `AgeBand.rawValue`; `[type]` follows `PlacementType.allCases`.
public struct SyntheticReturnSpec: Sendable {
    /// Episodes overlapping [from, to] are written; `to` is the extract day.
    public var from: CalendarDay
    public var to: CalendarDay
    /// Years simulated before `from`, so that the return opens with children already in care.
    public var burnInYears: Int = 18
    /// Expected entries (children) in the whole year ending on `to`, by age band at entry.
    public var entriesPerYear: [Double] = [60, 70, 70, 90, 30]
    /// Multiplicative change in entries per year, minus one.
    public var trendPerYear: Double = 0.03
    /// Mean years in care (exponential) by age band at entry; care also ends at 18.
    public var meanYearsInCare: [Double] = [2.0, 2.5, 3.5, 3.0, 1.2]
    /// Shares of entry groups of size 1, 2, 3 and 4 (brothers and sisters start together).
    public var siblingGroupSizeShares: [Double] = [0.70, 0.20, 0.07, 0.03]
    /// First placement type shares by age band at entry (also used to choose where a move goes).
    public var placementMix: [[Double]] = [
        // in_house, ifa, kinship, residential, supported, with_parents, adoption, other
        // (placed with parents and for adoption mostly arise as exit pathways, see below)
        [0.56, 0.20, 0.20, 0.00, 0.00, 0.02, 0.00, 0.02],
        [0.50, 0.25, 0.20, 0.01, 0.00, 0.02, 0.00, 0.02],
        [0.44, 0.30, 0.18, 0.05, 0.00, 0.01, 0.00, 0.02],
        [0.32, 0.35, 0.10, 0.17, 0.02, 0.01, 0.00, 0.03],
        [0.16, 0.20, 0.05, 0.15, 0.40, 0.01, 0.00, 0.03],
    ]
    /// Moves per year while in each placement type.
    public var moveRatePerYear: [Double] = [0.35, 0.40, 0.20, 0.70, 0.50, 0.30, 0.10, 0.60]
    /// Shape of a gamma frailty (mean 1) multiplying each child's move rates; 0 = none (every
    /// child of a placement type moves at the same rate).
    public var moveFrailtyShape: Double = 0
    /// Changes of legal status only, per year in care.
    public var legalStatusChangesPerYear: Double = 0.5
    /// Shares of non-ageing-out exits by destination (returned_home, adopted,
    /// special_guardianship, independent_living, other) by age band on leaving.
    public var destinationShares: [[Double]] = [
        [0.45, 0.30, 0.20, 0.00, 0.05],
        [0.45, 0.25, 0.25, 0.00, 0.05],
        [0.55, 0.05, 0.30, 0.00, 0.10],
        [0.70, 0.00, 0.15, 0.00, 0.15],
        [0.45, 0.00, 0.05, 0.35, 0.15],
    ]
    /// Exit pathways: share of children going home who are placed with parents (P1) first, and
    /// mean months of that placement; children adopted are placed for adoption (A3-A6) first
    /// for a mean of `placedForAdoptionMonths`.
    public var homeViaParentsShare: Double = 0.35
    public var withParentsMonths: Double = 8
    public var placedForAdoptionMonths: Double = 10
    /// Share of 14-17 year-old entries who are UASC.
    public var uascShareOfTeenEntries: Double = 0.2
    /// Children per year who only have short breaks (V3/V4), to be dropped by cleaning.
    public var shortBreakChildrenPerYear: Double = 10
    /// Share of episode rows written twice (duplicates cleaning must remove).
    public var duplicateRowShare: Double = 0.01
    /// Number of home-area postcode districts (within ~15 miles) and distant ones (25-120 miles).
    public var homeDistricts: Int = 30
    public var distantDistricts: Int = 20

    public init(from: CalendarDay, to: CalendarDay) {
        self.from = from
        self.to = to
    }
}

/// A generated return and the postcode-district centroids it uses.
public struct SyntheticReturn: Sendable {
    public var data: SSDA903Return
    /// Postcode district -> centroid.
    public var centroids: [(district: String, location: Location)]
    /// The first day of every period of care the generator started in [from, to], in the order
    /// generated: the true entries (`Calibration.isEntry`), one per child written. Short
    /// breaks are not care and are not among them.
    public var entries: [CalendarDay] = []
}

/// Writes a realistic SSDA903 return from known rates, for tests, demos and benchmarks.
///
/// ## Design note
/// Entries are a Poisson process per age band whose yearly means follow
/// L_b (1 + trend)^(k) for the year k years before `to` (exactly the model calibration fits).
/// Brothers and sisters enter as a group of 1-4 on one day, from one home district, into one
/// first placement (their ages drawn within the same band, so band levels stay exact). Each
/// period lasts an exponential time with the band's mean, cut at the 18th birthday (REC E17).
/// Within it, moves arrive at the current placement type's rate (the new type drawn from the
/// placement mix for the child's age then) and legal-status changes at their own rate, each
/// starting a new episode. Children adopted spend their last months placed for adoption, and
/// some of those going home their last months placed with parents (exit pathways). Codes follow the collection year: SEX 1/2 before 2024/25 and M/F
/// after; supported accommodation H5/P2 before 2024/25, K3 or P2 during it, K3 after; other
/// placements include Z11-Z14 from 2025/26. Episodes overlapping [from, to] are written, cut
/// at `to` (open episodes have blank DEC and REC); some rows are duplicated and some children
/// have short breaks only, so every cleaning rule has work to do.
public enum SyntheticReturnGenerator {
    /// Generates a return with `seed`.
    /// - Complexity: O(children x episodes per child).
    public static func generate(_ spec: SyntheticReturnSpec, seed: UInt64) -> SyntheticReturn {
        var rng = Xoshiro256StarStar(seed: seed)
        let districts = makeDistricts(spec, using: &rng)
        var out = SSDA903Return(files: ["header.csv", "episodes.csv", "uasc.csv"])
        var childNumber = 0
        var entries: [CalendarDay] = []
        let meanGroup = spec.siblingGroupSizeShares.enumerated().reduce(0.0) { $0 + Double($1.offset + 1) * $1.element } / max(1e-12, spec.siblingGroupSizeShares.reduce(0, +))
        let years = spec.burnInYears + spec.to.days(since: spec.from) / 365 + 2
        for k in 0..<years {
            let yearEnd = spec.to.adding(years: -k)
            let yearStart = spec.to.adding(years: -(k + 1))
            let length = yearEnd.days(since: yearStart)
            let factor = pow(1 + spec.trendPerYear, -Double(k))
            for band in AgeBand.allCases {
                let groups = Draw.poisson(mean: spec.entriesPerYear[band.rawValue] * factor / meanGroup, using: &rng)
                for _ in 0..<groups {
                    let start = yearStart.adding(days: 1 + Int(rng.nextUnit() * Double(length)))
                    let size = 1 + Draw.weightedIndex(spec.siblingGroupSizeShares, using: &rng)
                    let home = districts[Int(rng.nextUnit() * Double(spec.homeDistricts))].district
                    let firstType = PlacementType.allCases[Draw.weightedIndex(spec.placementMix[band.rawValue], using: &rng)]
                    let firstPostcode = placementDistrict(for: firstType, home: home, spec: spec, districts: districts, using: &rng)
                    for _ in 0..<size {
                        childNumber += 1
                        let age = band.ages.lowerBound + Int(rng.nextUnit() * Double(band.ages.count))
                        emitChild(id: childNumber, age: age, start: start, home: home, firstType: firstType,
                                  firstPostcode: firstPostcode, spec: spec, districts: districts, into: &out, entries: &entries, using: &rng)
                    }
                }
            }
        }
        emitShortBreakChildren(spec, districts: districts, startNumber: childNumber, into: &out, using: &rng)
        return SyntheticReturn(data: out, centroids: districts, entries: entries)
    }

    static func makeDistricts(_ spec: SyntheticReturnSpec, using rng: inout Xoshiro256StarStar) -> [(district: String, location: Location)] {
        let centre = Location(latitude: 51.86, longitude: -2.24)
        var list: [(String, Location)] = []
        for i in 0..<spec.homeDistricts {
            list.append(("HD\(i + 1)", centre.offset(miles: 15 * rng.nextUnit().squareRoot(), bearingDegrees: 360 * rng.nextUnit())))
        }
        for i in 0..<spec.distantDistricts {
            list.append(("FD\(i + 1)", centre.offset(miles: 25 + 95 * rng.nextUnit(), bearingDegrees: 360 * rng.nextUnit())))
        }
        return list
    }

    /// The share of placements of each type made far from the home area.
    static func distantShare(_ type: PlacementType) -> Double {
        switch type {
        case .inHouseFoster, .withParents: 0.03
        case .kinship: 0.15
        case .ifaFoster: 0.35
        case .residential: 0.55
        case .supported: 0.25
        case .adoption: 0.30
        case .other: 0.40
        }
    }

    static func placementDistrict(for type: PlacementType, home: String, spec: SyntheticReturnSpec, districts: [(district: String, location: Location)], using rng: inout Xoshiro256StarStar) -> String {
        if type == .withParents { return home }
        if spec.distantDistricts > 0 && Draw.bernoulli(distantShare(type), using: &rng) {
            return districts[spec.homeDistricts + Int(rng.nextUnit() * Double(spec.distantDistricts))].district
        }
        return districts[Int(rng.nextUnit() * Double(spec.homeDistricts))].district
    }

    /// PLACE and PLACE_PROVIDER codes for a placement type starting on `day` (code era aware).
    static func codes(for type: PlacementType, on day: CalendarDay, using rng: inout Xoshiro256StarStar) -> (place: String, provider: String) {
        let u = rng.nextUnit()
        switch type {
        case .inHouseFoster: return (u < 0.6 ? "U6" : u < 0.95 ? "U4" : "U5", u < 0.9 ? "PR1" : "PR2")
        case .ifaFoster: return (u < 0.6 ? "U6" : u < 0.95 ? "U4" : "U5", u < 0.85 ? "PR4" : "PR5")
        case .kinship: return (u < 0.6 ? "U3" : u < 0.95 ? "U1" : "U2", "PR1")
        case .residential: return (u < 0.4 ? "R1" : u < 0.95 ? "K2" : "K1", u < 0.3 ? "PR1" : "PR4")
        case .supported:
            if day >= SSDA903Codes.year2025Start { return ("K3", "PR4") }
            if day >= SSDA903Codes.year2024Start { return (u < 0.7 ? "K3" : "P2", "PR4") }
            return (u < 0.6 ? "H5" : "P2", "PR4")
        case .withParents: return ("P1", "PR0")
        case .adoption: return (u < 0.5 ? "A4" : u < 0.8 ? "A6" : "A5", "PR1")
        case .other:
            if day >= SSDA903Codes.year2025Start && u < 0.5 { return (["Z11", "Z12", "Z13", "Z14"][Int(u * 8)], "PR4") }
            return (["R2", "R5", "S1", "T1", "Z1"][Int(u * 5) % 5], "PR4")
        }
    }

    static let recByDestination: [[String]] = [["E4A", "E4A", "E4B"], ["E11", "E12"], ["E45", "E46", "E41"], ["E5", "E6", "E13"], ["E8", "E3", "E9"]]
    static let legalStatuses = ["C1", "C2", "J2", "V2", "E1", "L1"]

    /// One child's period of care from `start`, written as episodes where they overlap the window.
    static func emitChild(id: Int, age: Int, start: CalendarDay, home: String, firstType: PlacementType, firstPostcode: String,
                          spec: SyntheticReturnSpec, districts: [(district: String, location: Location)],
                          into out: inout SSDA903Return, entries: inout [CalendarDay], using rng: inout Xoshiro256StarStar) {
        let dob = start.adding(years: -age).adding(days: -Int(rng.nextUnit() * 364))
        let eighteen = dob.adding(years: 18)
        let band = AgeBand(age: age).rawValue
        let duration = Draw.exponential(mean: spec.meanYearsInCare[band] * 365.25, using: &rng)
        var end = start.adding(days: max(1, Int(duration.rounded())))
        var rec: String
        var pathway: (start: CalendarDay, type: PlacementType)?
        if end >= eighteen {
            end = eighteen
            rec = "E17"
        } else {
            let destination = Draw.weightedIndex(spec.destinationShares[AgeBand(age: end.age(bornOn: dob)).rawValue], using: &rng)
            let codes = recByDestination[destination]
            rec = codes[Int(rng.nextUnit() * Double(codes.count))]
            var months = 0.0
            if destination == 1 {
                months = Draw.exponential(mean: spec.placedForAdoptionMonths, using: &rng)
                pathway = (end, .adoption)
            } else if destination == 0 && Draw.bernoulli(spec.homeViaParentsShare, using: &rng) {
                months = Draw.exponential(mean: spec.withParentsMonths, using: &rng)
                pathway = (end, .withParents)
            }
            if let p = pathway {
                let begins = end.adding(days: -max(1, Int((months * 365.25 / 12).rounded())))
                pathway = begins > start ? (begins, p.type) : nil
            }
        }
        guard start <= spec.to && end >= spec.from else { return }
        // Build episodes: moves and legal-status changes as competing exponential clocks.
        struct Piece { var start: CalendarDay; var rne: ReasonNewEpisode; var ls: String; var type: PlacementType; var place: String; var provider: String; var post: String; var reason: String? }
        var pieces: [Piece] = []
        var type = firstType
        var (place, provider) = codes(for: type, on: start, using: &rng)
        var ls = legalStatuses[Int(rng.nextUnit() * Double(legalStatuses.count))]
        pieces.append(Piece(start: start, rne: .started, ls: ls, type: type, place: place, provider: provider, post: firstPostcode, reason: nil))
        var day = Double(start.dayNumber)
        let frailty = spec.moveFrailtyShape > 0 ? Draw.gamma(shape: spec.moveFrailtyShape, using: &rng) / spec.moveFrailtyShape : 1
        let limit = Double(min(pathway?.start ?? end, spec.to.adding(days: 1)).dayNumber)
        while true {
            let moveRate = frailty * spec.moveRatePerYear[PlacementType.allCases.firstIndex(of: type)!] / 365.25
            let lsRate = spec.legalStatusChangesPerYear / 365.25
            let total = moveRate + lsRate
            guard total > 0 else { break }
            day += Draw.exponential(mean: 1 / total, using: &rng)
            let next = CalendarDay(dayNumber: Int32(day.rounded(.up)))
            guard Double(next.dayNumber) < limit, next > pieces.last!.start else {
                if Double(next.dayNumber) >= limit { break } else { continue }
            }
            if rng.nextUnit() * total < moveRate {
                let bandNow = AgeBand(age: next.age(bornOn: dob)).rawValue
                type = PlacementType.allCases[Draw.weightedIndex(spec.placementMix[bandNow], using: &rng)]
                (place, provider) = codes(for: type, on: next, using: &rng)
                let post = placementDistrict(for: type, home: home, spec: spec, districts: districts, using: &rng)
                let u = rng.nextUnit()
                let rne: ReasonNewEpisode = u < 0.8 ? .placementAndCarer : u < 0.9 ? .placementSameCarer : u < 0.95 ? .legalStatusPlacementAndCarer : .legalStatusAndPlacement
                if rne == .legalStatusPlacementAndCarer || rne == .legalStatusAndPlacement {
                    ls = legalStatuses[Int(rng.nextUnit() * Double(legalStatuses.count))]
                }
                let reasons = ["CARPL", "CARPL", "CREQB", "CREQO", "CLOSE", "LAREQ", "CHILD", "OTHER"]
                pieces.append(Piece(start: next, rne: rne, ls: ls, type: type, place: place, provider: provider, post: post, reason: reasons[Int(rng.nextUnit() * 8)]))
            } else {
                var newLS = ls
                while newLS == ls { newLS = legalStatuses[Int(rng.nextUnit() * Double(legalStatuses.count))] }
                ls = newLS
                let last = pieces.last!
                pieces.append(Piece(start: next, rne: .legalStatus, ls: ls, type: last.type, place: last.place, provider: last.provider, post: last.post, reason: nil))
            }
        }
        if let p = pathway, p.start <= spec.to, p.start > pieces.last!.start {
            let (place, provider) = codes(for: p.type, on: p.start, using: &rng)
            let post = p.type == .withParents ? home : placementDistrict(for: p.type, home: home, spec: spec, districts: districts, using: &rng)
            pieces.append(Piece(start: p.start, rne: .placementAndCarer, ls: ls, type: p.type, place: place, provider: provider, post: post, reason: "CARPL"))
        }
        let child = "C\(id)"
        let fileIndex = 1
        var lastYearWritten: CalendarDay?
        let need = "N\(1 + Int(rng.nextUnit() * 8))"
        for (i, piece) in pieces.enumerated() {
            let pieceEnd = i + 1 < pieces.count ? pieces[i + 1].start : end
            guard piece.start <= spec.to, pieceEnd >= spec.from else { continue }
            let open = pieceEnd > spec.to
            let episode = SSDA903Episode(
                child: child, start: piece.start, reasonNew: piece.rne, legalStatus: piece.ls, categoryOfNeed: need,
                place: piece.place, provider: piece.provider, end: open ? nil : pieceEnd,
                reasonEnded: open ? nil : (i + 1 < pieces.count ? "X1" : rec), reasonPlaceChange: piece.reason,
                homePostcode: home, placementPostcode: piece.post, urn: nil,
                source: RowSource(file: fileIndex, line: out.episodes.count + 2))
            out.episodes.append(episode)
            if Draw.bernoulli(spec.duplicateRowShare, using: &rng) {
                var copy = episode
                copy.source.line = out.episodes.count + 2
                out.episodes.append(copy)
            }
            lastYearWritten = open ? spec.to : pieceEnd
        }
        guard lastYearWritten != nil else { return }
        if start >= spec.from { entries.append(start) }
        let sex: Sex = rng.nextUnit() < 0.55 ? .male : .female
        out.headers.append(SSDA903Header(child: child, sex: sex, dob: dob, ethnic: "WBRI", mother: sex == .female && age >= 15 && rng.nextUnit() < 0.05 ? "1" : "0",
                                         source: RowSource(file: 0, line: out.headers.count + 2)))
        if age >= 14 && Draw.bernoulli(spec.uascShareOfTeenEntries, using: &rng) {
            out.uasc.append(SSDA903UASC(child: child, sex: sex, dob: dob, ceased: nil, source: RowSource(file: 2, line: out.uasc.count + 2)))
        }
    }

    /// Children who only ever have short breaks (LS V3/V4): cleaning must drop them.
    static func emitShortBreakChildren(_ spec: SyntheticReturnSpec, districts: [(district: String, location: Location)], startNumber: Int,
                                       into out: inout SSDA903Return, using rng: inout Xoshiro256StarStar) {
        let days = spec.to.days(since: spec.from)
        let count = Draw.poisson(mean: spec.shortBreakChildrenPerYear * Double(days) / 365.25, using: &rng)
        for k in 0..<count {
            let child = "C\(startNumber + k + 1)"
            let first = spec.from.adding(days: Int(rng.nextUnit() * Double(days)))
            let dob = first.adding(years: -(5 + Int(rng.nextUnit() * 10)))
            var day = first
            let home = districts[Int(rng.nextUnit() * Double(spec.homeDistricts))].district
            for _ in 0..<(1 + Int(rng.nextUnit() * 4)) where day < spec.to {
                let end = min(day.adding(days: 2), spec.to)
                out.episodes.append(SSDA903Episode(child: child, start: day, reasonNew: .started, legalStatus: rng.nextUnit() < 0.5 ? "V3" : "V4",
                                                   categoryOfNeed: "N1", place: "U6", provider: "PR1", end: end, reasonEnded: "E8",
                                                   homePostcode: home, placementPostcode: home,
                                                   source: RowSource(file: 1, line: out.episodes.count + 2)))
                day = day.adding(days: 30 + Int(rng.nextUnit() * 60))
            }
            out.headers.append(SSDA903Header(child: child, sex: rng.nextUnit() < 0.5 ? .male : .female, dob: dob, mother: "0",
                                             source: RowSource(file: 0, line: out.headers.count + 2)))
        }
    }
}
