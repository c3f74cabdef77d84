/// `hearth match`: rank households for each child or sibling group and plan jointly.
enum MatchCommand: HearthCommand {
    static let name = "match"
    static let summary = "rank households for each child or sibling group and plan jointly"
    static let synopsis = "hearth match CHILDREN.csv HOUSEHOLDS.csv [--policy POLICY.json] [--top K] [--format table|json|csv]"
    static let help = "usage: \(synopsis)"

    static func run(_ arguments: [String], console: Console) throws {
        throw NotYetAvailable(command: name)
    }
}
