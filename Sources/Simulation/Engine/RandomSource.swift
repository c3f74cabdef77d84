import CareModel

/// The named sources of randomness of a replication: each draw of the simulator belongs to one
/// of them, under the key of what it is about (see `RandomKey` and docs/simulation.md).
///
/// The run's key has one sub-key per kind of thing (`entries`, `recruitment`,
/// `startingChildren`, `startingHouseholds`); under those, each month, entrant, child,
/// household and placement has its own key, and each decision about it reads the uniform of
/// its own purpose below. Tags are fixed numbers: changing them changes every output.
enum RandomSource: UInt64 {
    // Of the run.
    /// Arrivals: month, then age band, then the k-th sibling group (k >= 1; 0 = the count).
    case entries = 1
    /// Approvals: month of enquiry, then the k-th approval (k >= 1; 0 = the count).
    case recruitment
    /// Children in care at the start, by their index in the starting population.
    case startingChildren
    /// Households at the start, by index.
    case startingHouseholds

    // Of an entering sibling group.
    case arrivalTime = 20
    case groupSize, leadAge, district, homeDistance, homeBearing, urgency, request
    /// The group's plan (destination, stay, moves first), shared by its members.
    case plan
    /// Member j of the group: that child's own key.
    case member

    // Of a plan (`drawDestination`, `drawStay`, `drawMovesFirst`).
    case destination = 40
    case shortOrLong, stayLength, movesFirst
    /// Attempt i of a starting child's plan (drawn with rejection).
    case attempt

    // Of a child.
    case age = 60
    case siblingGap, siblingSide
    case disability, complex, trauma, uasc, exploitationRisk, solo
    case startingAge, startingTime
    case route
    case supportedMove
    case stayingPut, stayingPutYears
    case carerLeaves
    case frailty
    /// The child's n-th placement (by placement stamp): the draws about that placement.
    case placement

    // Of a placement (child key, `placement`, stamp).
    case over20 = 90
    case stepDownComplex, stepDown
    case breakdownTime, moveDestination, moveToSupported
    case bridging
    case notice

    // Of a household.
    case resignation = 110
    case hold
    case enquiryTime, assessment, template, location, locationDistance, locationBearing, places
    /// Of an approved household under a recruitment mix: its profile, age range, approvals
    /// (a sub-key, one uniform per token) and skills (likewise).
    case recruitmentProfile, ageRange, approvals, skills
}

extension RandomKey {
    /// The key of sub-source `source`.
    @inline(__always) func key(_ source: RandomSource) -> RandomKey { key(source.rawValue) }

    /// The uniform of sub-source `source`.
    @inline(__always) func unit(_ source: RandomSource) -> Double { unit(source.rawValue) }
}
