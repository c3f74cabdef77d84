import CareModel

extension CountyProfile {
    /// An England-sized model for scale testing: about 85,000 children in care (England had
    /// 83,630 at March 2024) and 45,000 fostering households, spread over 60 real urban and
    /// rural centres from Cornwall to Northumberland weighted by approximate population.
    ///
    /// The mix of ages, placements and needs is the county's (`default`), scaled; this profile
    /// is for benchmarks and national-scale checks, not for national statistics.
    public static var england: CountyProfile {
        var profile = CountyProfile.default
        profile.name = "England-sized model"
        profile.districts = englandCentres.map { name, lat, lon, weight in
            District(name: name, latitude: lat, longitude: lon, radiusMiles: weight >= 500 ? 12 : 9, childShare: weight, carerShare: weight)
        }
        profile.countyRadiusMiles = 400
        let scale = 85_000.0 / 842.0
        profile.childrenInCare = 85_000
        profile.placementWeights = profile.placementWeights.mapValues { $0 * scale }
        profile.inHouseHouseholds = 22_000
        profile.inHousePlaces = 32_900
        profile.ifaHouseholds = 23_000
        profile.ifaVacancies = 2_500
        profile.ifaMinMiles = 0
        profile.ifaMaxMiles = 25
        profile.ifaAroundDistricts = true
        profile.referrals = 85_000
        return profile
    }

    /// (name, latitude, longitude, approximate population in thousands).
    static let englandCentres: [(String, Double, Double, Double)] = [
        ("London North", 51.60, -0.10, 2200), ("London South", 51.44, -0.10, 2100), ("London East", 51.54, 0.05, 2000),
        ("London West", 51.51, -0.35, 2000), ("Birmingham", 52.486, -1.890, 1150), ("Manchester", 53.480, -2.242, 1100),
        ("Leeds", 53.800, -1.549, 800), ("Liverpool", 53.408, -2.992, 800), ("Sheffield", 53.381, -1.470, 580),
        ("Bristol", 51.454, -2.588, 700), ("Newcastle", 54.978, -1.618, 800), ("Nottingham", 52.954, -1.158, 730),
        ("Leicester", 52.637, -1.140, 560), ("Coventry", 52.407, -1.520, 400), ("Bradford", 53.796, -1.760, 550),
        ("Stoke-on-Trent", 53.003, -2.180, 460), ("Wolverhampton", 52.587, -2.129, 500), ("Plymouth", 50.376, -4.143, 270),
        ("Southampton", 50.910, -1.404, 550), ("Portsmouth", 50.820, -1.088, 500), ("Brighton", 50.822, -0.137, 480),
        ("Reading", 51.455, -0.978, 420), ("Derby", 52.923, -1.476, 400), ("Hull", 53.745, -0.336, 320),
        ("Middlesbrough", 54.574, -1.235, 560), ("Sunderland", 54.906, -1.381, 330), ("Preston", 53.763, -2.703, 600),
        ("Blackpool", 53.817, -3.036, 300), ("Bolton", 53.578, -2.430, 600), ("Wigan", 53.545, -2.632, 330),
        ("Huddersfield", 53.645, -1.785, 440), ("Doncaster", 53.523, -1.133, 310), ("York", 53.960, -1.082, 420),
        ("Norwich", 52.630, 1.297, 560), ("Ipswich", 52.057, 1.148, 400), ("Cambridge", 52.205, 0.122, 480),
        ("Peterborough", 52.573, -0.241, 420), ("Northampton", 52.240, -0.903, 500), ("Milton Keynes", 52.041, -0.760, 420),
        ("Oxford", 51.752, -1.258, 500), ("Swindon", 51.558, -1.782, 400), ("Gloucester", 51.864, -2.238, 640),
        ("Exeter", 50.718, -3.534, 520), ("Truro", 50.263, -5.051, 570), ("Bournemouth", 50.720, -1.880, 560),
        ("Taunton", 51.015, -3.101, 460), ("Salisbury", 51.069, -1.795, 300), ("Maidstone", 51.272, 0.529, 900),
        ("Chelmsford", 51.736, 0.469, 900), ("Luton", 51.879, -0.417, 500), ("Guildford", 51.236, -0.570, 600),
        ("Crawley", 51.109, -0.187, 450), ("Lincoln", 53.230, -0.540, 760), ("Shrewsbury", 52.707, -2.754, 500),
        ("Worcester", 52.192, -2.220, 600), ("Hereford", 52.056, -2.716, 190), ("Carlisle", 54.892, -2.932, 500),
        ("Kendal", 54.328, -2.746, 200), ("Durham", 54.776, -1.575, 530), ("Alnwick", 55.413, -1.706, 320),
    ]
}
