/// `hearth simulate`: run a Monte Carlo projection of a scenario.
enum SimulateCommand: HearthCommand {
    static let name = "simulate"
    static let summary = "run a Monte Carlo projection of a scenario"
    static let synopsis = "hearth simulate [SCENARIO.json] [--runs N] [--years Y] [--seed S] [--out DIR]"
    static let help = "usage: \(synopsis)"

    static func run(_ arguments: [String], console: Console) throws {
        throw NotYetAvailable(command: name)
    }
}
