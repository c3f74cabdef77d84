/// `hearth compare`: run several scenarios on the same seeds and compare KPIs.
enum CompareCommand: HearthCommand {
    static let name = "compare"
    static let summary = "run several scenarios on the same seeds and compare KPIs"
    static let synopsis = "hearth compare A.json B.json [...] [--runs N] [--years Y] [--seed S] [--out DIR]"
    static let help = "usage: \(synopsis)"

    static func run(_ arguments: [String], console: Console) throws {
        throw NotYetAvailable(command: name)
    }
}
