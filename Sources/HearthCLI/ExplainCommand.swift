/// `hearth explain`: test one match: every rule and criterion for a child and household.
enum ExplainCommand: HearthCommand {
    static let name = "explain"
    static let summary = "test one match: every rule and criterion for a child and household"
    static let synopsis = "hearth explain CHILDREN.csv HOUSEHOLDS.csv --child ID --household ID [--policy POLICY.json]"
    static let help = "usage: \(synopsis)"

    static func run(_ arguments: [String], console: Console) throws {
        throw NotYetAvailable(command: name)
    }
}
