import Foundation

/// Writes small input files for the match and explain tests into a fresh temporary directory.
struct MatchFixture {
    let directory: String

    init(children: String, households: String, policy: String? = nil) throws {
        directory = NSTemporaryDirectory() + "hearth-match-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try children.write(toFile: childrenPath, atomically: true, encoding: .utf8)
        try households.write(toFile: householdsPath, atomically: true, encoding: .utf8)
        if let policy { try policy.write(toFile: policyPath, atomically: true, encoding: .utf8) }
    }

    var childrenPath: String { directory + "/children.csv" }
    var householdsPath: String { directory + "/households.csv" }
    var policyPath: String { directory + "/policy.json" }

    static let childrenHeader = "child_id,group_id,age,sex,home_lat,home_lon,school_lat,school_lon,district,placement,needs,ethnicity,language,days_waiting,may_split\n"
    static let householdsHeader = "household_id,provider,lat,lon,district,places,occupied,min_age,max_age,approvals,skills,status,resident_ages,ethnicity,language,weekly_cost\n"

    /// A small county: 12 children (two sibling groups), 10 households near Gloucester.
    static func county() throws -> MatchFixture {
        let children = childrenHeader + """
            C1,G1,5,M,51.86,-2.24,51.87,-2.24,Gloucester,short_term,,WBRI,English,30,
            C2,G1,7,F,51.86,-2.24,51.87,-2.24,Gloucester,short_term,,WBRI,English,30,
            C3,,14,F,51.90,-2.10,,,Cheltenham,long_term,trauma,WIRI,English,120,
            C4,,15,M,51.75,-2.20,,,Stroud,emergency,exploitation_risk,BAFR,,2,
            C5,,3,U,51.80,-2.30,,,Stroud,short_term,disability,,,10,
            C6,,9,M,51.95,-2.05,51.95,-2.06,Cheltenham,long_term,solo,MWBC,English,200,
            C7,G2,2,F,51.70,-2.40,,,Forest,short_term,,WBRI,English,60,yes
            C8,G2,4,M,51.70,-2.40,,,Forest,short_term,,WBRI,English,60,yes
            C9,G2,6,M,51.70,-2.40,,,Forest,short_term,,WBRI,English,60,yes
            C10,,11,F,51.86,-2.24,,,Gloucester,respite,,WBRI,English,5,
            C11,,16,M,52.60,-1.50,,,Far,short_term,,,,0,
            C12,,8,F,51.88,-2.20,,,Gloucester,emergency,,APKN,Urdu,1,

            """
        let households = householdsHeader + """
            H1,in_house,51.87,-2.23,Gloucester,3,0,0,10,short_term;emergency,,available,,WBRI,English,
            H2,in_house,51.91,-2.11,Cheltenham,2,1,10,17,long_term;short_term,trauma;teenagers,available,16,WBRI,English,
            H3,ifa,51.76,-2.21,Stroud,1,0,12,17,emergency;short_term,teenagers,available,,BCRB,,850
            H4,in_house,51.79,-2.29,Stroud,2,0,0,8,short_term,disability,available,,,,
            H5,in_house,51.94,-2.04,Cheltenham,2,0,5,12,long_term,,available,,MWBC,English,
            H6,ifa,51.71,-2.39,Forest,2,0,0,10,short_term;emergency,,available,,WBRI,English,900
            H7,in_house,51.72,-2.41,Forest,1,0,0,10,short_term,,available,4,WBRI,English,
            H8,in_house,51.85,-2.25,Gloucester,2,0,5,17,respite;short_term,,on_hold,,WBRI,English,
            H9,in_house,51.87,-2.21,Gloucester,1,0,5,12,emergency;short_term,,available,,APKN,Urdu,
            H10,ifa,51.86,-2.24,Gloucester,1,0,8,14,respite,,available,12,WBRI,English,900

            """
        return try MatchFixture(children: children, households: households)
    }
}
