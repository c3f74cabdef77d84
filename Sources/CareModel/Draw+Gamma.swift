import CareModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Draw {
    /// Gamma(shape, 1) by Marsaglia and Tsang's squeeze method (shape < 1 via the boost
    /// U^(1/shape)).
    package static func gamma(shape: Double, using rng: inout some RandomNumberGenerator) -> Double {
        guard shape > 0 else { return 0 }
        if shape < 1 {
            var u = rng.nextUnit()
            while u <= 0 { u = rng.nextUnit() }
            return gamma(shape: shape + 1, using: &rng) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = standardNormal(using: &rng)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.nextUnit()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if u > 0, log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}
