import CareModel

/// The fit functions of the soft criteria (0...1), shared by the reference evaluator and the
/// fast kernel so that both implement exactly the documented formulas.
package enum CriterionFit {
    /// `distance_from_home`: 1 - 0.2 d/near within `near` miles (0.8 at `near`); then a steep
    /// fall to 0.4 over the next mile (the strong preference for `near`, kept continuous so a
    /// tiny distance error cannot jump the score); then linear to 0 at `limit`.
    @inlinable
    package static func distance(_ miles: Double, near: Double, limit: Double) -> Double {
        if miles <= near { return 1 - 0.2 * miles / near }
        let beyond = miles - near
        if beyond <= 1 { return 0.8 - 0.4 * beyond }
        return 0.4 * max(0, 1 - (beyond - 1) / max(limit - near - 1, 1))
    }

    /// `same_school`: 1 within `near` miles of the school, linear to 0 at `far`.
    @inlinable
    package static func school(_ miles: Double, near: Double, far: Double) -> Double {
        if miles <= near { return 1 }
        return max(0, 1 - (miles - near) / max(far - near, 1e-9))
    }

    /// `age_fit`: 1 - |gap| / span, at least 0.
    @inlinable
    package static func ageFit(meanAge: Double, residentMeanAge: Double, span: Double) -> Double {
        max(0, 1 - abs(meanAge - residentMeanAge) / span)
    }

    /// The ethnicity part of `culture_language`: same code 1, same first letter 0.5, else 0;
    /// neutral 0.5 when either is blank.
    package static func ethnicity(_ a: String?, _ b: String?) -> Double {
        guard let a, let b, !a.isEmpty, !b.isEmpty else { return 0.5 }
        if a.uppercased() == b.uppercased() { return 1 }
        return a.uppercased().first == b.uppercased().first ? 0.5 : 0
    }

    /// `ethnicity(_:_:)` of texts already uppercased.
    package static func ethnicity(uppercased a: String?, _ b: String?) -> Double {
        guard let a, let b, !a.isEmpty, !b.isEmpty else { return 0.5 }
        if a == b { return 1 }
        return a.first == b.first ? 0.5 : 0
    }

    /// The language part of `culture_language`: same 1, else 0; neutral 0.5 when blank.
    package static func language(_ a: String?, _ b: String?) -> Double {
        guard let a, let b, !a.isEmpty, !b.isEmpty else { return 0.5 }
        return a.lowercased() == b.lowercased() ? 1 : 0
    }

    /// `language(_:_:)` of texts already lowercased.
    package static func language(lowercased a: String?, _ b: String?) -> Double {
        guard let a, let b, !a.isEmpty, !b.isEmpty else { return 0.5 }
        return a == b ? 1 : 0
    }

    /// `urgency`: days / urgentDays, at most 1; 1 for an emergency.
    @inlinable
    package static func urgency(days: Int, emergency: Bool, urgentDays: Double) -> Double {
        emergency ? 1 : min(1, Double(days) / max(urgentDays, 1))
    }

    /// Points rounded to hundredths, so that printed breakdowns add up to printed scores.
    @inlinable
    package static func points(_ weight: Double, _ fit: Double) -> Double {
        (weight * fit * 100).rounded() / 100
    }
}
