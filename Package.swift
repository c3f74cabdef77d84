// swift-tools-version:6.0
// Hearth: sufficiency modelling and family finding for children's social care.
// No package dependencies: the Swift toolchain only.
import PackageDescription

let package = Package(
    name: "Hearth",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hearth", targets: ["hearth"]),
        .executable(name: "hearth-bench", targets: ["HearthBench"]),
        .library(name: "CareModel", targets: ["CareModel"]),
        .library(name: "Matching", targets: ["Matching"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Interchange", targets: ["Interchange"]),
        .library(name: "Calibration", targets: ["Calibration"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    targets: [
        .target(name: "CareModel"),
        .target(name: "Interchange", dependencies: ["CareModel"]),
        .target(name: "Matching", dependencies: ["CareModel", "Interchange"]),
        .target(name: "Simulation", dependencies: ["CareModel", "Interchange", "Matching"]),
        .target(name: "Calibration", dependencies: ["CareModel", "Interchange", "Simulation"]),
        .target(name: "Reports", dependencies: ["CareModel", "Interchange", "Matching", "Simulation", "Calibration"]),
        .target(name: "HearthCLI", dependencies: ["CareModel", "Interchange", "Matching", "Simulation", "Calibration", "Reports"]),
        .executableTarget(name: "hearth", dependencies: ["HearthCLI"]),
        .executableTarget(
            name: "HearthBench",
            dependencies: ["CareModel", "Interchange", "Matching", "Simulation", "Calibration", "Reports"],
            path: "Benchmarks/HearthBench"),
        .testTarget(name: "CareModelTests", dependencies: ["CareModel"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "CareModel", "Simulation"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "CareModel", "Matching", "Interchange"]),
        .testTarget(
            name: "CalibrationTests", dependencies: ["Calibration", "Simulation", "CareModel", "Interchange"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "InterchangeTests", dependencies: ["Interchange", "CareModel"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Simulation", "Matching", "CareModel", "Interchange", "Calibration"]),
        .testTarget(
            name: "HearthCLITests", dependencies: ["HearthCLI", "Interchange", "CareModel", "Simulation", "Calibration"]),
    ],
    swiftLanguageModes: [.v6]
)
