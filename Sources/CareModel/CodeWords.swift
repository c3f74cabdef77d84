/// The coded vocabularies of the input files in the words a social worker uses, so that no
/// snake_case token reaches a person: the engine's own reasons and every report say them so.

extension PlacementRequest {
    /// The request in words, e.g. "short-term", "parent and child".
    package var words: String {
        switch self {
        case .shortTerm: "short-term"
        case .longTerm: "long-term"
        case .emergency: "emergency"
        case .respite: "respite"
        case .parentAndChild: "parent and child"
        }
    }
}

extension Needs {
    /// Each need in words, in file order, e.g. ["complex needs", "trauma"].
    package var wordList: [String] {
        Needs.tokens.filter { contains($0.0) }.map { need, token -> String in
            switch need {
            case .disability: "disability"
            case .complex: "complex needs"
            case .trauma: "trauma"
            case .uasc: "unaccompanied asylum seeker"
            case .exploitationRisk: "at risk of exploitation"
            case .solo: "must be the only child placed"
            default: token
            }
        }
    }
}

extension Skills {
    /// Each skill in words, in file order, e.g. ["complex needs", "teenagers"].
    package var wordList: [String] {
        Skills.tokens.filter { contains($0.0) }.map { skill, token -> String in
            switch skill {
            case .disability: "disability"
            case .complex: "complex needs"
            case .trauma: "trauma"
            case .uasc: "asylum seekers"
            case .teenagers: "teenagers"
            default: token
            }
        }
    }

    /// The skills as a phrase: "trauma", "trauma and teenagers", "disability, trauma and
    /// teenagers"; `none` when empty.
    package func words(none: String = "none") -> String { CodeWords.list(wordList, none: none) }
}

extension Approvals {
    /// Each approval in words, in file order, e.g. ["short-term", "long-term"].
    package var wordList: [String] {
        Approvals.tokens.filter { contains($0.0) }.map { approval, token -> String in
            switch approval {
            case .shortTerm: "short-term"
            case .longTerm: "long-term"
            case .emergency: "emergency"
            case .respite: "respite"
            case .parentAndChild: "parent and child"
            default: token
            }
        }
    }
}

/// Joining words into a phrase.
package enum CodeWords {
    /// "a", "a and b", "a, b and c" (or another `conjunction`); `none` for an empty list.
    package static func list(_ words: [String], none: String = "none", conjunction: String = "and") -> String {
        switch words.count {
        case 0: none
        case 1: words[0]
        default: words.dropLast().joined(separator: ", ") + " \(conjunction) " + words.last!
        }
    }
}
