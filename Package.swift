// swift-tools-version:6.0
// Hearth: sufficiency modelling and family finding for children's social care.
// No package dependencies: the Swift toolchain only.
import Foundation
import PackageDescription

/// Release builds use the vector instructions of the machine they are built on, when it is an
/// x86-64 Linux machine: AVX-512 (the `skylake-avx512` instruction set) where the CPU has
/// AVX-512 F, BW, DQ and VL, else AVX2 (`haswell`: AVX2, FMA, BMI2) where it has those. The
/// scoring kernel's and the dense assignment's 8-lane vectors of doubles then take one
/// instruction (AVX-512) or two (AVX2) instead of four SSE2 instructions. Such a binary needs
/// such a CPU; `HEARTH_CPU=baseline swift build -c release` builds one for any x86-64 CPU (SSE2),
/// and `HEARTH_CPU=NAME` (an LLVM CPU name, e.g. `haswell`) builds for that CPU. Debug builds (and
/// `swift test`) are always baseline. Results are bit-identical either way: Swift never fuses a
/// multiply and an add into an FMA on its own, and every operation is the same IEEE operation
/// at any vector width.
let vectorSettings: [SwiftSetting] = {
    #if os(Linux) && arch(x86_64)
    let choice = ProcessInfo.processInfo.environment["HEARTH_CPU"] ?? "native"
    let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
        .split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").map(String.init) ?? []
    let haswell = ["avx2", "fma", "bmi1", "bmi2", "f16c", "movbe", "popcnt", "aes", "pclmulqdq", "rdrand"]
    let avx512 = haswell + ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]
    let cpu: String?
    switch choice {
    case "baseline": cpu = nil
    case "native": cpu = avx512.allSatisfy(flags.contains) ? "skylake-avx512" : haswell.allSatisfy(flags.contains) ? "haswell" : nil
    default: cpu = choice
    }
    guard let cpu else { return [] }
    let release = BuildSettingCondition.when(platforms: [.linux], configuration: .release)
    var settings: [SwiftSetting] = [.unsafeFlags(["-target-cpu", cpu], release), .define("HEARTH_AVX2", release)]
    if cpu.contains("avx512") || cpu.hasPrefix("znver4") || cpu.hasPrefix("znver5") || cpu.contains("rapids") {
        settings.append(.define("HEARTH_AVX512", release))
    }
    return settings
    #else
    return []
    #endif
}()

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
        .target(name: "CareModel", swiftSettings: vectorSettings),
        .target(name: "Interchange", dependencies: ["CareModel"], swiftSettings: vectorSettings),
        .target(name: "Matching", dependencies: ["CareModel", "Interchange"], swiftSettings: vectorSettings),
        .target(name: "Simulation", dependencies: ["CareModel", "Interchange", "Matching"], swiftSettings: vectorSettings),
        .target(name: "Calibration", dependencies: ["CareModel", "Interchange", "Simulation"], swiftSettings: vectorSettings),
        .target(name: "Reports", dependencies: ["CareModel", "Interchange", "Matching", "Simulation", "Calibration"], swiftSettings: vectorSettings),
        .target(name: "HearthCLI", dependencies: ["CareModel", "Interchange", "Matching", "Simulation", "Calibration", "Reports"], swiftSettings: vectorSettings),
        .executableTarget(name: "hearth", dependencies: ["HearthCLI"], swiftSettings: vectorSettings),
        .executableTarget(
            name: "HearthBench",
            dependencies: ["CareModel", "Interchange", "Matching", "Simulation", "Calibration", "Reports"],
            path: "Benchmarks/HearthBench", swiftSettings: vectorSettings),
        .testTarget(name: "CareModelTests", dependencies: ["CareModel"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "CareModel", "Simulation"], swiftSettings: vectorSettings),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "CareModel", "Matching", "Interchange"], swiftSettings: vectorSettings),
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
