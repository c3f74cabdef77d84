/// `hearth generate`: write a synthetic children.csv and households.csv.
enum GenerateCommand: HearthCommand {
    static let name = "generate"
    static let summary = "write a synthetic children.csv and households.csv"
    static let synopsis = "hearth generate [SCENARIO.json] --out DIR [--seed S]"
    static let help = "usage: \(synopsis)"

    static func run(_ arguments: [String], console: Console) throws {
        throw NotYetAvailable(command: name)
    }
}
