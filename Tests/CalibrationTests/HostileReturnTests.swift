import CareModel
import Foundation
@testable import Calibration
import Interchange
import Testing

/// SSDA903 returns and dates built to trap or exhaust memory.
@Suite struct HostileReturnTests {
    /// 19 or more digits in a date overflowed while parsing (illegal instruction).
    @Test func datesWithManyDigitsAreNotDates() {
        for text in ["1234567890123456789012/01/2020", "01/01/99999999999999999999", "9999999999999999999-01-01",
                     "2020-99999999999999999999-01", "00000000000000000001/01/2020"] {
            #expect(CalendarDay(parsing: text) == nil, "\(text)")
        }
        #expect(CalendarDay(parsing: "29/02/2024") == CalendarDay(year: 2024, month: 2, day: 29))
        // Adding years near the ends of the calendar does not trap.
        let late = CalendarDay(year: 2300, month: 12, day: 31)!
        #expect(late.adding(years: 20).year == 2300)
        #expect(CalendarDay(year: 1800, month: 1, day: 1)!.adding(years: -Int.max).year == 1800)
    }

    /// Random strings never trap the date parser, and every date it accepts prints back to a
    /// date it parses to the same day.
    @Test func fuzzedDatesNeverTrap() {
        var rng = Xoshiro256StarStar(seed: 5)
        let pieces = ["/", "-", "0", "1", "2", "9", "31", "02", "2024", "99999999999", " ", "x"]
        var accepted = 0
        for _ in 0..<20_000 {
            let text = (0..<Draw.integer(in: 1...8, using: &rng)).map { _ in pieces[Draw.integer(in: 0...pieces.count - 1, using: &rng)] }.joined()
            if let day = CalendarDay(parsing: text) {
                accepted += 1
                #expect(CalendarDay(parsing: day.description) == day)
            }
        }
        #expect(accepted > 0)
    }

    /// A Header table whose header row is 20,000 columns wide reserved that width for every
    /// later row (about 25 GB for a real return); now its rows are reported, quickly.
    @Test func aVeryWideHeaderRowReadsQuickly() {
        let columns = ["CHILD", "SEX", "DOB"] + (0..<20_000).map { "X\($0)" }
        var text = columns.joined(separator: ",") + "\n"
        for i in 0..<50_000 { text += "C\(i),1,01/01/2010\n" }
        var data = SSDA903Return()
        let began = Date()
        let (_, problems) = SSDA903Reader.parseHeader(Array(text.utf8), file: "header.csv", into: &data)
        #expect(problems.first?.description == "header.csv:2: 3 fields: expected 20003, as in the header (a missing or extra comma?)")
        #expect(Date().timeIntervalSince(began) < 60)
    }
}
