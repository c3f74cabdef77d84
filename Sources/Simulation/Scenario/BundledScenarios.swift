/// The scenarios shipped in `Scenarios/`, embedded so that `hearth simulate` works from a fresh
/// clone with no files. Generated from the JSON files; a test checks they are identical.
public enum BundledScenarios {
    /// The scenario `hearth simulate` runs when none is named.
    public static let defaultName = "county-baseline"

    /// JSON text by name (the file name without `.json`).
    public static let json: [String: String] = [
        "county-baseline": #"""
            {
              "version": 1,
              "name": "county-baseline",
              "description": "placeholder"
            }
            """#,
    ]
}
