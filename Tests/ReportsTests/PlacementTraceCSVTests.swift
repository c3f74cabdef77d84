import Calibration
import Interchange
import Testing
@testable import Reports

/// The trace's dates (`CalendarDay`, shared with the SSDA903 reader): day numbers against a calendar walked one day at a time (month lengths
/// and the Gregorian leap rule written out here), from 1896 to 2104 (1900 and 2100 are not
/// leap years, 2000 is).
@Test func civilDaysFollowTheGregorianCalendar() {
    func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }
    func length(_ y: Int, _ m: Int) -> Int { m == 2 ? (isLeap(y) ? 29 : 28) : ([4, 6, 9, 11].contains(m) ? 30 : 31) }
    func text(_ y: Int, _ m: Int, _ d: Int) -> String { "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)" }
    guard let start = CalendarDay(parsing: "1896-01-01") else {
        Issue.record("1896-01-01 not parsed")
        return
    }
    var (y, m, d) = (1896, 1, 1)
    var serial = Int(start.dayNumber)
    var mismatches = 0
    while y < 2105 {
        let written = text(y, m, d)
        let day = CalendarDay(dayNumber: Int32(serial))
        if day.description != written || CalendarDay(parsing: written)?.dayNumber != Int32(serial) { mismatches += 1 }
        serial += 1
        d += 1
        if d > length(y, m) { d = 1; m += 1 }
        if m > 12 { m = 1; y += 1 }
    }
    #expect(mismatches == 0)
    #expect(CalendarDay(parsing: "1970-01-01")?.dayNumber == 0)
    #expect(CalendarDay(parsing: "2024-02-29").map { $0.adding(days: 1).description } == "2024-03-01")
    #expect(CalendarDay(parsing: "2024-13-01") == nil && CalendarDay(parsing: "2024-04") == nil && CalendarDay(parsing: "yesterday") == nil)
}

@Test func fieldsAreQuotedOnlyWhenTheyMustBe() {
    #expect(CSV.escape("IH0083") == "IH0083")
    #expect(CSV.escape("entry; no in-house home found") == "entry; no in-house home found")
    #expect(CSV.escape("H,1") == "\"H,1\"")
    #expect(CSV.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(PlacementTraceCSV.fixed2(72.456) == "72.46" && PlacementTraceCSV.fixed2(0.8) == "0.80" && PlacementTraceCSV.fixed2(3) == "3.00")
}
