/// The matching engine's entry points: evaluation (`Matcher+Evaluate.swift`), shortlists
/// (`Matcher+Shortlists.swift`) and joint plans (`Matcher+Plan.swift`).
public enum Matcher {}
