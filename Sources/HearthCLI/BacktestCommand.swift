/// `hearth backtest`: calibrate up to a date, project, and compare with what happened.
enum BacktestCommand: HearthCommand {
    static let name = "backtest"
    static let summary = "calibrate up to a date, project, and compare with what happened"
    static let synopsis = "hearth backtest DIR --as-of DATE --years N"
    static let help = "usage: \(synopsis)"

    static func run(_ arguments: [String], console: Console) throws {
        throw NotYetAvailable(command: name)
    }
}
