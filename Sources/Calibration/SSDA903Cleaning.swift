import Interchange
import Simulation
import CareModel

/// Cleaning a return and rebuilding each child's periods of care and placements.
///
/// ## Design note
/// Rows are grouped by CHILD and each child's episodes sorted by DECOM (then by file and line,
/// so later files win ties deterministically). One pass then applies the rules, each reported
/// per row in `CleaningReport`:
/// 1. rows that cannot be modelled are dropped: episodes of a child missing from the Header
///    table, DEC before DECOM, DECOM before DOB or at 18 or over;
/// 2. short breaks (LS V3/V4) are dropped: they are respite, not population in care;
/// 3. identical rows (every field but the line equal) are dropped as duplicates;
/// 4. two different rows with the same CHILD and DECOM: the later-read one supersedes the earlier
///    (a closed version beats an open one, so yearly files can be stacked);
/// 5. overlaps: an episode starting before the previous one ends truncates the earlier one to
///    end on the later one's DECOM (REC becomes X1 unless the later one starts a new period);
/// 6. consecutive episodes that only change legal status (RNE = L, same placement, no gap) are
///    merged into one.
/// Periods of care then start at RNE = S and end at the first DEC whose REC is not X1. An X1
/// followed by a gap, or a period that starts with another RNE, is read sensibly and noted.
/// A period's start is *observed* (it is an entry to care, see `Calibration.isEntry`) when its
/// first episode is RNE = S, when it follows an earlier period of the child, or when it starts
/// on or after `observedFrom`, the first day of the years the return observes in full (a child
/// not in the return the day before such a start was not looked after that day, whatever RNE says).
/// Guarantees: periods and placements of a child never overlap, every input row is either used
/// or appears in the report, and the result does not depend on the order of rows within files.
public enum SSDA903Cleaning {
    /// Cleans `data` and returns the children's histories (sorted by CHILD) and the report.
    /// - Complexity: O(n log n) in the number of episodes.
    public static func histories(from data: SSDA903Return, observedFrom: CalendarDay? = nil) -> (histories: [CareHistory], report: CleaningReport) {
        var report = CleaningReport()
        for issue in data.readIssues { report.add(issue.file, issue.line, issue.column, issue.action, issue.reason) }
        report.headerRows = data.rowsRead?.header ?? data.headers.count
        report.episodeRows = data.rowsRead?.episodes ?? data.episodes.count
        report.uascRows = data.rowsRead?.uasc ?? data.uasc.count

        // Header: one row per child.
        var headerIndex: [String: Int] = [:]
        headerIndex.reserveCapacity(data.headers.count)
        for (i, h) in data.headers.enumerated() {
            if let j = headerIndex[h.child] {
                let first = data.headers[j]
                let at = "\(data.file(of: first.source)):\(first.source.line)"
                if first.sex == h.sex && first.dob == h.dob {
                    report.add(data.file(of: h.source), h.source.line, "CHILD", .duplicate, "child \(h.child) already in the Header table at \(at)")
                } else {
                    report.add(data.file(of: h.source), h.source.line, first.dob != h.dob ? "DOB" : "SEX", .dropped, "child \(h.child) appears again with a different \(first.dob != h.dob ? "DOB" : "SEX"): the row at \(at) is used")
                }
            } else {
                headerIndex[h.child] = i
            }
        }
        var uascChildren = Set<String>()
        for u in data.uasc {
            if headerIndex[u.child] == nil {
                report.add(data.file(of: u.source), u.source.line, "CHILD", .noted, "UASC child \(u.child) has no Header row")
            }
            uascChildren.insert(u.child)
        }

        // Group episodes by child, dropping rows that cannot be modelled.
        var buckets: [[Int]] = Array(repeating: [], count: data.headers.count)
        for (i, e) in data.episodes.enumerated() {
            let file = data.file(of: e.source)
            guard let h = headerIndex[e.child] else {
                report.add(file, e.source.line, "CHILD", .dropped, "child \(e.child) is not in the Header table")
                continue
            }
            if let end = e.end, end < e.start {
                report.add(file, e.source.line, "DEC", .dropped, "DEC \(end) is before DECOM \(e.start)")
                continue
            }
            let dob = data.headers[h].dob
            if e.start < dob {
                report.add(file, e.source.line, "DECOM", .dropped, "DECOM \(e.start) is before the child's DOB \(dob)")
                continue
            }
            if e.start.age(bornOn: dob) >= 18 {
                report.add(file, e.source.line, "DECOM", .dropped, "the child is 18 or over on DECOM \(e.start)")
                continue
            }
            if e.isShortBreak {
                report.add(file, e.source.line, "LS", .dropped, "short break (LS \(e.legalStatus)): respite is not modelled as care")
                continue
            }
            buckets[h].append(i)
        }

        var histories: [CareHistory] = []
        histories.reserveCapacity(headerIndex.count)
        var cleaned: [SSDA903Episode] = []
        for (h, indices) in buckets.enumerated() where !indices.isEmpty {
            let header = data.headers[h]
            guard headerIndex[header.child] == h else { continue }
            cleaned.removeAll(keepingCapacity: true)
            let sorted = indices.sorted {
                let a = data.episodes[$0], b = data.episodes[$1]
                return (a.start, a.source) < (b.start, b.source)
            }
            for e in deduplicate(sorted.map { data.episodes[$0] }, data: data, report: &report) {
                append(e, to: &cleaned, data: data, report: &report)
            }
            report.episodesUsed += cleaned.count
            let periods = buildPeriods(cleaned, data: data, observedFrom: observedFrom, report: &report)
            guard !periods.isEmpty else { continue }
            histories.append(CareHistory(child: header.child, sex: header.sex, dob: header.dob,
                                         isUASC: uascChildren.contains(header.child),
                                         motherField: header.mother, periods: periods))
        }
        histories.sort { $0.child < $1.child }
        report.childrenUsed = histories.count
        return (histories, report)
    }

    /// Rules 3 and 4 over one child's episodes sorted by DECOM: one row per DECOM.
    static func deduplicate(_ sorted: [SSDA903Episode], data: SSDA903Return, report: inout CleaningReport) -> [SSDA903Episode] {
        var kept: [SSDA903Episode] = []
        kept.reserveCapacity(sorted.count)
        for e in sorted {
            let file = data.file(of: e.source)
            guard let previous = kept.last, previous.start == e.start else {
                kept.append(e)
                continue
            }
            let at = "\(data.file(of: previous.source)):\(previous.source.line)"
            if previous.sameContent(as: e) {
                report.add(file, e.source.line, nil, .duplicate, "the same episode as \(at)")
            } else if previous.end != nil && e.end == nil {
                report.add(file, e.source.line, "DECOM", .superseded, "same CHILD and DECOM as \(at), which is closed and is used instead")
            } else {
                report.add(data.file(of: previous.source), previous.source.line, "DECOM", .superseded, "same CHILD and DECOM as \(file):\(e.source.line), which is used instead")
                kept[kept.count - 1] = e
            }
        }
        return kept
    }

    /// Adds `e` (the next by DECOM, with a later DECOM than any kept) applying rules 5 and 6.
    static func append(_ e: SSDA903Episode, to kept: inout [SSDA903Episode], data: SSDA903Return, report: inout CleaningReport) {
        let file = data.file(of: e.source)
        guard var previous = kept.last else {
            kept.append(e)
            return
        }
        let at = "\(data.file(of: previous.source)):\(previous.source.line)"
        if previous.end == nil || previous.end! > e.start {
            let was = previous.end.map { "DEC \($0)" } ?? "open"
            report.add(data.file(of: previous.source), previous.source.line, "DEC", .truncated, "\(was), but the next episode (\(file):\(e.source.line)) starts on \(e.start): ended then")
            previous.end = e.start
            if e.reasonNew != .started || previous.reasonEnded == nil { previous.reasonEnded = "X1" }
            kept[kept.count - 1] = previous
        }
        if e.reasonNew == .legalStatus, previous.end == e.start, previous.reasonEnded == "X1",
            previous.place == e.place, previous.provider == e.provider, previous.placementPostcode == e.placementPostcode
        {
            report.add(file, e.source.line, "RNE", .merged, "change of legal status only (\(previous.legalStatus) to \(e.legalStatus)): joined to the episode at \(at)")
            previous.end = e.end
            previous.reasonEnded = e.reasonEnded
            previous.legalStatus = e.legalStatus
            kept[kept.count - 1] = previous
            return
        }
        kept.append(e)
    }

    /// Splits a child's cleaned episodes into periods of care with their placements.
    static func buildPeriods(_ episodes: [SSDA903Episode], data: SSDA903Return, observedFrom: CalendarDay? = nil, report: inout CleaningReport) -> [PeriodOfCare] {
        var periods: [PeriodOfCare] = []
        var current: PeriodOfCare?
        for (k, e) in episodes.enumerated() {
            let file = data.file(of: e.source)
            let spell = PlacementSpell(start: e.start, end: e.end, type: e.placementType, place: e.place, provider: e.provider,
                                       postcode: e.placementPostcode, homePostcode: e.homePostcode,
                                       reasonChange: k == 0 ? nil : e.reasonPlaceChange)
            if var period = current, period.end == nil || period.end == e.start {
                // Continuing the period (the previous episode ended X1 on this DECOM).
                if e.reasonNew == .started {
                    report.add(file, e.source.line, "RNE", .noted, "RNE S on the day the previous episode ended X1: read as a continuation of the period")
                }
                let last = period.placements.count - 1
                if e.reasonNew.isPlacementChange || e.place != period.placements[last].place || e.provider != period.placements[last].provider {
                    var spellWithReason = spell
                    if !e.reasonNew.isPlacementChange {
                        report.add(file, e.source.line, "PLACE", .noted, "PLACE or PLACE_PROVIDER changes but RNE is \(e.reasonNew.rawValue): read as a placement change")
                        spellWithReason.reasonChange = e.reasonPlaceChange
                    }
                    period.placements[last].end = e.start
                    period.placements.append(spellWithReason)
                } else {
                    period.placements[last].end = e.end
                }
                period.end = e.end
                period.reasonEnded = e.reasonEnded
                if let end = e.end, e.reasonEnded != "X1" {
                    periods.append(period)
                    current = nil
                    _ = end
                } else {
                    current = period
                }
                continue
            }
            if let period = current {
                // The previous episode ended X1 but nothing starts that day.
                let last = episodes[k - 1]
                report.add(data.file(of: last.source), last.source.line, "REC", .noted, "REC X1 but the next episode starts \(e.start.days(since: period.end!)) days later: read as the end of the period")
                periods.append(period)
                current = nil
            }
            let observed = e.reasonNew == .started
            let inObservedYears = observedFrom.map { e.start >= $0 } ?? false
            if !observed && !periods.isEmpty {
                report.add(file, e.source.line, "RNE", .noted, "a new period after \(periods.last!.end.map(\.description) ?? "?") starts with RNE \(e.reasonNew.rawValue): read as RNE S")
            } else if !observed && inObservedYears {
                report.add(file, e.source.line, "RNE", .noted, "the child's first episode starts with RNE \(e.reasonNew.rawValue) inside the years the return observes in full: read as RNE S (a new period of care)")
            }
            var spellFirst = spell
            spellFirst.reasonChange = nil
            let period = PeriodOfCare(start: e.start, end: e.end, reasonEnded: e.reasonEnded,
                                      startObserved: observed || !periods.isEmpty || inObservedYears, homePostcode: e.homePostcode,
                                      legalStatus: e.legalStatus, placements: [spellFirst])
            if e.end != nil && e.reasonEnded != "X1" {
                if e.reasonEnded == nil {
                    report.add(file, e.source.line, "REC", .noted, "DEC is given but REC is blank: read as the end of the period, reason unknown")
                }
                periods.append(period)
            } else {
                current = period
            }
        }
        if var period = current {
            if let end = period.end, let last = episodes.last {
                report.add(data.file(of: last.source), last.source.line, "REC", .noted, "REC X1 on \(end) but no episode follows: read as the end of the period")
                period.reasonEnded = "X1"
            }
            periods.append(period)
        }
        return periods
    }
}
