import Simulation

/// The self-contained HTML report (placeholder until the charts are written).
public enum HTMLReport {
    public static func render(_ results: SimulationResults) -> String {
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\(results.scenario.name)</title></head><body></body></html>\n"
    }
}
