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
        .library(name: "Reports", targets: ["Reports"]),
    ],
    targets: [
        .target(name: "CareModel"),
        .target(name: "Matching", dependencies: ["CareModel"]),
        .target(name: "Simulation", dependencies: ["CareModel", "Matching"]),
        .target(name: "Interchange", dependencies: ["CareModel", "Matching", "Simulation"]),
        .target(name: "Reports", dependencies: ["CareModel", "Matching", "Simulation"]),
        .target(name: "HearthCLI", dependencies: ["CareModel", "Matching", "Simulation", "Interchange", "Reports"]),
        .executableTarget(name: "hearth", dependencies: ["HearthCLI"]),
        .executableTarget(
            name: "HearthBench",
            dependencies: ["CareModel", "Matching", "Simulation", "Interchange", "Reports"],
            path: "Benchmarks/HearthBench"),
        .testTarget(name: "CareModelTests", dependencies: ["CareModel"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "CareModel", "Simulation"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "CareModel", "Matching"]),
        .testTarget(
            name: "InterchangeTests", dependencies: ["Interchange", "CareModel", "Simulation"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Simulation", "Matching", "CareModel"]),
        .testTarget(name: "HearthCLITests", dependencies: ["HearthCLI", "Interchange", "CareModel", "Simulation"]),
    ],
    swiftLanguageModes: [.v6]
)
