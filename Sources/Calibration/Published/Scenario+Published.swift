import CareModel
import Foundation
import Interchange
import Simulation

extension Scenario {
    /// The county baseline's exit rate a year per child in care: its stays were fitted to the
    /// county's published 2021-2024 flows, 1,226 ceased over 3,270 child-years (mean of the
    /// 31 March counts either side), 0.375 a year.
    public static let baselineExitRatePerYear = 1226.0 / 3270.0

    /// The county baseline's mainstream share of Ofsted's fostering households and places (which
    /// include family and friends carers): 215 of 305 households, 325 of 570 places.
    static let mainstreamHouseholdShare = 215.0 / 305.0
    static let mainstreamPlaceShare = 325.0 / 570.0

    /// A starting scenario from a council's published figures alone, with a comment in each
    /// section naming the source line of every number (`hearth calibrate --published`).
    ///
    /// ## Design note
    /// - Start: the latest 31 March position (count; age bands and placements of that year when
    ///   published, else the baseline's shares), starting the next day. DfE foster placements
    ///   are split between in-house, agency and relatives & friends as in the county baseline
    ///   (287 : 163 : 111) because the LA tables' provider split is not read; the share over 20
    ///   miles from home scales the baseline's per-type shares to the published total.
    /// - Entries: the latest year's starters, split by age at entry as in the baseline; an
    ///   annual trend when the log-linear fit over the last (up to) four years has a slope more
    ///   than twice its standard error (else none), clipped to +-15% a year.
    /// - Exits: the mean over the last (up to) four years of ceased / mean of the 31 March
    ///   counts either side; the baseline's mean stays are scaled by 0.375 / that rate (exit
    ///   hazards scale with 1 / mean stay, so this matches the overall rate to first order).
    /// - Carers (Ofsted): in-house households and places from the latest approved households and
    ///   places times the baseline's mainstream shares; deregistrations / households as the
    ///   resignation rate; half the households approved in a year (the county's 30 of 60 in
    ///   2019 were family and friends) as mainstream approvals, through the baseline's conversion.
    /// Figures not published keep the county baseline's values, and the comments say so.
    public static func fromPublished(_ f: PublishedFigures, name: String) throws(InvalidInput) -> (scenario: Scenario, comments: [String: String]) {
        guard let year = f.years(.childrenInCare).last, let total = f.figure(.childrenInCare, year: year) else {
            throw InvalidInput([InputProblem(file: "published figures", line: nil, message: "no figure for children looked after on 31 March for \(f.council): expected the DfE's LA table with a 'CLA on 31 March' total")])
        }
        func cite(_ figure: PublishedFigures.Figure) -> String { "\(figureText(figure.value)) (\(figure.source))" }
        var s = Scenario()
        s.name = name
        s.base = nil
        s.startDate = String(format: "%04d-04-01", year)
        var startNotes: [String] = ["children_in_care: \(cite(total)) on 31 March \(year)"]

        // Start: the 31 March position.
        var profile = CountyProfile.default
        profile.name = "\(f.council), 31 March \(year) (published figures)"
        profile.childrenInCare = Int(total.value.rounded())
        let ageMeasures: [(PublishedFigures.Measure, AgeBand)] = [
            (.ageUnder1, .underOne), (.age1To4, .oneToFour), (.age5To9, .fiveToNine), (.age10To15, .tenToFifteen), (.age16Plus, .sixteenPlus),
        ]
        let ages = ageMeasures.compactMap { m, band in f.figure(m, year: year).map { (band, $0) } }
        if ages.count == ageMeasures.count {
            profile.ageBandWeights = Dictionary(uniqueKeysWithValues: ages.map { ($0.0.key, $0.1.value) })
            startNotes.append("age_band_weights: " + ages.map { "\($0.0.key) \(cite($0.1))" }.joined(separator: ", "))
        } else {
            startNotes.append("age_band_weights: not all published for \(year): the county baseline's shares")
        }
        let placementYear = f.years(.fosterPlacements).last { $0 <= year }
        if let py = placementYear, let foster = f.figure(.fosterPlacements, year: py) {
            let scale = total.value / (f.figure(.childrenInCare, year: py)?.value ?? total.value)
            func count(_ m: PublishedFigures.Measure) -> PublishedFigures.Figure? { f.figure(m, year: py) }
            let fosterSplit = [("in_house", 287.0), ("ifa", 163.0), ("kinship", 111.0)]
            var weights: [String: Double] = [:]
            for (key, w) in fosterSplit { weights[key] = foster.value * scale * w / 561 }
            var notes = ["foster \(cite(foster)) split in-house : agency : relatives & friends as the baseline's 287 : 163 : 111"]
            let others: [(PublishedFigures.Measure, String)] = [
                (.residentialPlacements, "residential"), (.supportedPlacements, "supported"), (.placedForAdoption, "adoption"),
                (.placedWithParents, "with_parents"), (.otherPlacements, "other"),
            ]
            var known = foster.value
            for (m, key) in others {
                if let figure = count(m) {
                    weights[key] = figure.value * scale
                    known += figure.value
                    notes.append("\(key) \(cite(figure))")
                }
            }
            if count(.otherPlacements) == nil {
                let base = f.figure(.childrenInCare, year: py)?.value ?? total.value
                weights["other"] = max(0, base - known) * scale
                notes.append("other: the rest of the \(figureText(base)) (\(figureText(max(0, base - known))))")
            }
            for (_, key) in others where weights[key] == nil { weights[key] = 0 }
            profile.placementWeights = weights
            startNotes.append("placement_weights (31 March \(py)\(py == year ? "" : ", scaled to \(year)'s total")): " + notes.joined(separator: ", "))
        } else {
            startNotes.append("placement_weights: not published: the county baseline's shares")
        }
        if let far = f.figure(.over20Miles, year: year) ?? placementYear.flatMap({ f.figure(.over20Miles, year: $0) }),
            let all = f.figure(.childrenInCare, year: far.year), all.value > 0
        {
            let target = far.value / all.value
            let weights = profile.placementWeights
            let mean = weights.reduce(0.0) { $0 + $1.value * (profile.over20MilesShare[$1.key] ?? 0) } / max(1, weights.values.reduce(0, +))
            if mean > 0 {
                profile.over20MilesShare = profile.over20MilesShare.mapValues { min(0.95, $0 * target / mean) }
                startNotes.append("over_20_miles_share: the baseline's shares by type scaled to \(figureText(100 * target))% (\(cite(far)) of \(figureText(all.value)))")
            }
        }
        s.start.county = profile

        // Entries.
        var entryNotes: [String] = []
        let startedYears = f.years(.started).filter { $0 <= year + 1 }
        if let last = startedYears.last, let latest = f.figure(.started, year: last) {
            let factor = latest.value / s.entries.perYearByAgeBand.values.reduce(0, +)
            s.entries.perYearByAgeBand = s.entries.perYearByAgeBand.scaled(by: factor)
            entryNotes.append("per_year_by_age_band: \(cite(latest)) started in the year to 31 March \(last), split by age at entry as the county baseline (50 / 40 / 40 / 76 / 88)")
            let recent = startedYears.suffix(4).compactMap { f.figure(.started, year: $0) }
            if let fit = Self.logLinearTrend(recent.map { (Double($0.year), $0.value) }) {
                let shows = recent.count >= 3 && abs(fit.slope) > 2 * fit.standardError
                s.entries.annualTrend = shows ? min(0.15, max(-0.15, exp(fit.slope) - 1)) : 0
                entryNotes.append(
                    "annual_trend: \(shows ? figureText(100 * s.entries.annualTrend) + "% a year" : "none") (log-linear fit over " + recent.map { "\($0.year) \(cite($0))" }.joined(separator: ", ")
                        + ": \(figureText(100 * (exp(fit.slope) - 1)))% a year, s.e. \(figureText(100 * fit.standardError))%, a trend is used when the slope is more than twice its standard error)")
            }
        } else {
            entryNotes.append("no 'started during the year' figure: the county baseline's 294 a year")
        }

        // Exits.
        var exitNotes: [String] = []
        let rates = f.years(.ceased).filter { $0 <= year + 1 }.suffix(4).compactMap { y -> (rate: Double, note: String)? in
            guard let ceased = f.figure(.ceased, year: y), let before = f.figure(.childrenInCare, year: y - 1), let after = f.figure(.childrenInCare, year: y) else { return nil }
            let rate = ceased.value / ((before.value + after.value) / 2)
            return (rate, "\(y) \(cite(ceased)) ceased over the mean of \(cite(before)) and \(cite(after)) = \(figureText(rate))")
        }
        if !rates.isEmpty {
            let rate = rates.reduce(0.0) { $0 + $1.rate } / Double(rates.count)
            let factor = Self.baselineExitRatePerYear / rate
            s.exits.meanYearsByAgeBand = s.exits.meanYearsByAgeBand.scaled(by: factor)
            exitNotes.append("exit rate \(figureText(rate)) a year per child in care (" + rates.map(\.note).joined(separator: ", ")
                + "); mean_years_by_age_band: the county baseline's x \(figureText(factor)) (its 0.375 / this rate)")
        } else {
            exitNotes.append("no ceased figures with 31 March counts either side: the county baseline's stays")
        }

        // Carers.
        var carerNotes: [String] = []
        if let householdsYear = f.years(.fosterHouseholds).last, let households = f.figure(.fosterHouseholds, year: householdsYear) {
            profile.inHouseHouseholds = Int((households.value * mainstreamHouseholdShare).rounded())
            var placeNote = "in_house_places: the baseline's \(profile.inHousePlaces) (no places published)"
            if let places = f.figure(.fosterPlaces, year: householdsYear) {
                profile.inHousePlaces = max(profile.inHouseHouseholds, Int((places.value * mainstreamPlaceShare).rounded()))
                placeNote = "in_house_places \(profile.inHousePlaces): \(cite(places)) approved places x \(figureText(mainstreamPlaceShare))"
            }
            s.start.county = profile
            carerNotes.append("in_house_households \(profile.inHouseHouseholds): \(cite(households)) approved households (31 March \(householdsYear), incl. family and friends) x the baseline's mainstream share \(figureText(mainstreamHouseholdShare)); \(placeNote)")
            if let leaving = f.figure(.deregistrations, year: householdsYear) ?? f.years(.deregistrations).last.flatMap({ f.figure(.deregistrations, year: $0) }), households.value > 0 {
                s.carers.resignationsPerHouseholdPerYear = leaving.value / households.value
                carerNotes.append("resignations_per_household_per_year \(figureText(s.carers.resignationsPerHouseholdPerYear)): \(cite(leaving)) deregistered / \(figureText(households.value)) households")
            } else {
                carerNotes.append("resignations: no deregistrations published (suppressed is missing, not zero): the baseline's 0.14 a household a year")
            }
        } else {
            carerNotes.append("no Ofsted fostering figures: the county baseline's carers")
        }
        if let approvedYear = f.years(.householdsApproved).last, let approved = f.figure(.householdsApproved, year: approvedYear) {
            let mainstream = approved.value * 0.5
            s.carers.recruitment.enquiriesPerMonth = mainstream / 12 / s.carers.recruitment.conversion
            carerNotes.append("recruitment.enquiries_per_month \(figureText(s.carers.recruitment.enquiriesPerMonth)): half of \(cite(approved)) households approved in the year to 31 March \(approvedYear) are mainstream, at the baseline's conversion \(s.carers.recruitment.conversion)")
        }
        s.description = "Starting scenario for \(f.council) from its published figures (DfE children looked after LA tables, Ofsted Fostering in England), 31 March \(year) position; rates not published keep the county baseline's. Sources line by line in each section's comment."
        var comments: [String: String] = [
            "start": startNotes.joined(separator: "; "), "entries": entryNotes.joined(separator: "; "), "exits": exitNotes.joined(separator: "; "),
        ]
        if !carerNotes.isEmpty { comments["carers"] = carerNotes.joined(separator: "; ") }
        return (s, comments)
    }

    /// A figure as written in comments: whole numbers bare, others to two decimals.
    static func figureText(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e12 ? String(Int(x)) : String(format: "%.2f", x)
    }

    /// Least-squares slope of ln(value) on year, with its standard error (nil for fewer than 2
    /// points or a non-positive value). With 2 points the standard error is infinite.
    static func logLinearTrend(_ points: [(year: Double, value: Double)]) -> (slope: Double, standardError: Double)? {
        guard points.count >= 2, points.allSatisfy({ $0.value > 0 }) else { return nil }
        let n = Double(points.count)
        let xs = points.map(\.year), ys = points.map { log($0.value) }
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        let sxx = xs.reduce(0.0) { $0 + ($1 - mx) * ($1 - mx) }
        guard sxx > 0 else { return nil }
        let slope = zip(xs, ys).reduce(0.0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
        guard points.count > 2 else { return (slope, .infinity) }
        let residual = zip(xs, ys).reduce(0.0) { let e = $1.1 - my - slope * ($1.0 - mx); return $0 + e * e }
        return (slope, (residual / (n - 2) / sxx).squareRoot())
    }
}


extension ByAgeBand<Double> {
    /// Every band's value times `factor`.
    func scaled(by factor: Double) -> ByAgeBand<Double> {
        Self(values: values.map { $0 * factor })
    }
}
