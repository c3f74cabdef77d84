import CareModel
import Interchange
import Simulation
/// A calendar date (proleptic Gregorian) stored as a whole number of days since 1970-01-01.
///
/// SSDA903 dates carry no time of day, so day arithmetic is exact integer arithmetic: a stay
/// from DECOM to DEC lasts `dec - decom` days. Conversion to and from year/month/day uses the
/// days-from-civil construction (shift the year to start in March so that the leap day is the
/// last day of the shifted year, then count 400-year eras of 146,097 days).
public struct CalendarDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int32

    public init(dayNumber: Int32) { self.dayNumber = dayNumber }

    /// The date `year`-`month`-`day`; nil when the day does not exist (e.g. 31/02).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDay.daysIn(month: month, year: year),
            (1800...2300).contains(year)
        else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        dayNumber = Int32(era * 146_097 + dayOfEra - 719_468)
    }

    /// Year, month (1-12) and day (1-31).
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(dayNumber) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public var year: Int { components.year }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whole years of age on this day for someone born on `birth` (a 29 February birthday
    /// counts from 1 March in common years).
    public func age(bornOn birth: CalendarDay) -> Int {
        let (by, bm, bd) = birth.components
        let (y, m, d) = components
        var years = y - by
        if m < bm || (m == bm && d < bd) { years -= 1 }
        return years
    }

    /// The date `years` whole years later (29 February maps to 28 February in common years).
    public func adding(years: Int) -> CalendarDay {
        let (y, m, d) = components
        let day = min(d, CalendarDay.daysIn(month: m, year: y + years))
        return CalendarDay(year: y + years, month: m, day: day)!
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + Int32(days)) }

    /// Days from `other` to this day.
    public func days(since other: CalendarDay) -> Int { Int(dayNumber) - Int(other.dayNumber) }

    /// 31 March of the year ending the financial year that contains this day (the DfE's
    /// reporting date): 2023-05-01 and 2024-03-31 both give 2024-03-31.
    public var reportingYearEnd: CalendarDay {
        let (y, m, _) = components
        return CalendarDay(year: m >= 4 ? y + 1 : y, month: 3, day: 31)!
    }

    /// ISO 8601 `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    /// The century given to a two-digit year `yy` in `DD/MM/YY`: 00-69 are 2000-2069 and
    /// 70-99 are 1970-1999 (the POSIX `%y` rule), so `24/04/17` is 24 April 2017 and a birth
    /// date `05/12/93` is 5 December 1993.
    public static func fullYear(twoDigit yy: Int) -> Int { yy < 70 ? 2000 + yy : 1900 + yy }

    /// Parses the date forms found in SSDA903 files.
    ///
    /// - `DD/MM/YYYY` (the DfE form; one-digit day and month accepted), also with `-` or `.`;
    /// - `DD/MM/YY`, the year read by `fullYear(twoDigit:)`;
    /// - ISO `YYYY-MM-DD` (also with `/`);
    /// - any of these followed by a time of day, as a spreadsheet writes a date cell:
    ///   `2019-05-05 00:00:00`, `2019-05-05T00:00:00.000`, `05/05/2019 00:00` (the time is ignored).
    /// Impossible days (31/02) and components of more than four digits are rejected.
    /// - Complexity: O(length), no allocation.
    public init?(parsing text: some StringProtocol) {
        var numbers = (0, 0, 0)
        var digits = (0, 0, 0)
        var index = 0
        var separator: UInt8 = 0
        var sawTime = false
        var timeDigits = 0
        for byte in text.utf8 {
            if sawTime {
                // A time of day after the date: digits, ':', '.', 'Z' or a zone offset only.
                if byte >= 0x30 && byte <= 0x39 { timeDigits += 1 }
                guard (byte >= 0x30 && byte <= 0x39) || byte == 0x3A || byte == 0x2E || byte == 0x5A || byte == 0x2B || byte == 0x2D else { return nil }
                continue
            }
            if byte >= 0x30 && byte <= 0x39 {
                let v = Int(byte - 0x30)
                switch index {
                case 0: numbers.0 = numbers.0 * 10 + v; digits.0 += 1
                case 1: numbers.1 = numbers.1 * 10 + v; digits.1 += 1
                default: numbers.2 = numbers.2 * 10 + v; digits.2 += 1
                }
                guard digits.0 <= 4, digits.1 <= 4, digits.2 <= 4 else { return nil }
            } else if (byte == 0x2F || byte == 0x2D || byte == 0x2E) && index < 2 && (separator == 0 || separator == byte) {
                separator = byte
                index += 1
            } else if (byte == 0x20 || byte == 0x54) && index == 2 && digits.2 > 0 {
                sawTime = true
            } else {
                return nil
            }
        }
        guard index == 2, !sawTime || timeDigits > 0 else { return nil }
        if digits.0 == 4 {
            // YYYY-MM-DD (or YYYY/MM/DD).
            guard separator != 0x2E, (1...2).contains(digits.1), (1...2).contains(digits.2) else { return nil }
            self.init(year: numbers.0, month: numbers.1, day: numbers.2)
        } else {
            guard (1...2).contains(digits.0), (1...2).contains(digits.1) else { return nil }
            switch digits.2 {
            case 4: self.init(year: numbers.2, month: numbers.1, day: numbers.0)
            case 2: self.init(year: CalendarDay.fullYear(twoDigit: numbers.2), month: numbers.1, day: numbers.0)
            default: return nil
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = CalendarDay(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\": expected a date YYYY-MM-DD"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.dayNumber < rhs.dayNumber }
}
