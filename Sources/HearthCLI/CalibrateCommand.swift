/// `hearth calibrate`: estimate a scenario's rates from a council's SSDA903 return.
enum CalibrateCommand: HearthCommand {
    static let name = "calibrate"
    static let summary = "estimate a scenario's rates from a council's SSDA903 return"
    static let synopsis = "hearth calibrate DIR [--from DATE --to DATE] -o scenario.json"
    static let help = "usage: \(synopsis)"

    static func run(_ arguments: [String], console: Console) throws {
        throw NotYetAvailable(command: name)
    }
}
