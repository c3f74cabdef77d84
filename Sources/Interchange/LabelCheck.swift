/// The check on identifiers and names that Hearth shows on the terminal and writes into CSV
/// files (a child's or household's identifier, a district, a scenario's or council's name):
/// no character that acts on a terminal (`ControlCharacters`), and no beginning a spreadsheet
/// would run as a formula (`SpreadsheetFormula`). Every reader of such text asks here, so the
/// rule and its words are the same in CSV files, JSON files, options and published tables.
package enum LabelCheck {
    /// What is wrong with `text` as a label (`holds the control character U+001B`, `begins with
    /// "="`) and what was expected, in the words messages use; nil when it is a fine label.
    /// - Complexity: O(length of `text`).
    package static func failure(_ text: String) -> (found: String, expected: String)? {
        if let control = ControlCharacters.first(in: text) {
            return ("holds the control character \(ControlCharacters.name(control))", "text without control characters")
        }
        if let trigger = SpreadsheetFormula.trigger(in: text) {
            return ("begins with \"\(trigger)\"", SpreadsheetFormula.expectation)
        }
        return nil
    }
}
