import Calibration
import CareModel
import Foundation
import Interchange
import Matching
import Simulation

/// The matching suite: scoring kernel, dense and sparse assignment (with numpy/scipy peers on
/// the same instance files), the synthetic county end to end, and England at national scale.
///
/// Cases: `scoring`, `dense`, `sparse`, `county` (and the 500 x 2,500 county), `page`, `national`,
/// `gain` (the joint plan against the baselines over many seeds) (default: all).
enum MatchingBenchmarks {
    static func run(_ options: BenchOptions) {
        BenchPaths.ensureInstances()
        var table = RatioTable()
        print("hearth-bench matching: \(ProcessInfo.processInfo.activeProcessorCount) cores, runs \(options.runs)\(options.quick ? ", quick" : "")")
        if options.wants("scoring") { scoring(options, &table) }
        if options.wants("dense") { dense(options, &table) }
        if options.wants("sparse") { sparse(options, &table) }
        if options.wants("county") { county(options, &table) }
        if options.wants("page") { page(options, &table) }
        if options.wants("national") { national(options, &table) }
        if options.wants("gain") { gain(options, &table) }
        print("\n" + table.render())
    }

    // MARK: scoring kernel

    static func scoring(_ options: BenchOptions, _ table: inout RatioTable) {
        let (nUnits, nHouseholds) = options.quick ? (1000, 2000) : (4000, 8000)
        var rng = Xoshiro256StarStar(seed: 2026)
        let groups = SyntheticPairs.children(nUnits, radiusMiles: 60, rng: &rng)
        let households = SyntheticPairs.households(nHouseholds, radiusMiles: 60, rng: &rng)
        let policy = MatchPolicy.default
        var codes = CodeBook()
        let columns = HouseholdColumns(households, codes: &codes)
        let units = groups.enumerated().map { UnitRow($1, policy: policy, codes: &codes, isSplitPart: $0 % 10 == 9) }
        let base = BenchPaths.instances + "/scoring"
        writeScoringInstance(units: units, columns: columns, policy: policy, base: base)

        let pairs = Double(nUnits * nHouseholds)
        var buffer = [Double](repeating: 0, count: nUnits * nHouseholds)
        let (single, multi, fill) = buffer.withUnsafeMutableBufferPointer { out in
            let single = Clock.measure(runs: options.runs) {
                ScoringKernel.scoreMatrix(units: units, households: columns, policy: policy, into: out, singleThread: true)
            }
            let multi = Clock.measure(runs: options.runs) {
                ScoringKernel.scoreMatrix(units: units, households: columns, policy: policy, into: out)
            }
            // The memory-write bound: the same matrix filled with -1 on all cores, nothing computed.
            let base = UnsafeSendablePointer(out.baseAddress!), count = out.count
            let fill = Clock.measure(runs: options.runs) {
                DispatchQueue.concurrentPerform(iterations: 64) { c in
                    let lo = c * count / 64, hi = (c + 1) * count / 64
                    (base.base + lo).update(repeating: -1, count: hi - lo)
                }
            }
            ScoringKernel.scoreMatrix(units: units, households: columns, policy: policy, into: out)
            return (single, multi, fill)
        }
        var feasible = 0
        var sum = 0.0
        for x in buffer where x >= 0 { feasible += 1; sum += x }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let rate1 = pairs / single.best / 1e6, rateN = pairs / multi.best / 1e6
        print(String(format: "scoring %d x %d (%.1f%% feasible), %@: 1 thread best %.4f s (CPU %.4f s), median %.4f s = %.0f M pairs/s; %d threads best %.4f s (CPU %.4f s), median %.4f s = %.0f M pairs/s; write-only bound (fill with -1, %d threads) %.4f s = %.0f M pairs/s",
            nUnits, nHouseholds, 100 * Double(feasible) / pairs, ScoringKernel.instructionSet, single.best, single.cpu, single.median, rate1,
            cores, multi.best, multi.cpu, multi.median, rateN, cores, fill.best, pairs / fill.best / 1e6))
        table.add("scoring \(nUnits)x\(nHouseholds), \(cores) threads", figure: String(format: "%.0f M pairs/s", rateN),
                  target: ">= 1000 M pairs/s", note: String(format: "%.4f s; write-only bound %.0f M pairs/s", multi.best, pairs / fill.best / 1e6))
        guard options.peers else { return }
        for dtype in ["float64", "float32"] {
            var peerTime: Double?
            var check = "peer skipped"
            if let peer = Peer.run("scoring_peer.py", [base + ".json", String(options.quick ? 3 : 2), "--dtype", dtype]) {
                peerTime = peer["best_seconds"] as? Double
                let peerFeasible = peer["feasible"] as? Int ?? -1
                let peerSum = peer["sum"] as? Double ?? .nan
                check = "feasible \(feasible == peerFeasible ? "equal" : "DIFFER \(feasible) vs \(peerFeasible)"), sum rel diff \(String(format: "%.1e", abs(sum - peerSum) / max(1, abs(sum))))"
                if let peerCPU = peer["cpu_seconds"] as? Double {
                    check += String(format: "; CPU %.4f vs %.4f s = %.1fx", single.cpu, peerCPU, peerCPU / single.cpu)
                }
            }
            table.add("scoring \(nUnits)x\(nHouseholds), 1 thread each", hearth: single.best, peerName: "numpy rules-first \(dtype)",
                      peer: peerTime, agreement: check, target: ">= 10x")
        }
    }

    static func writeScoringInstance(units: [UnitRow], columns h: HouseholdColumns, policy: MatchPolicy, base: String) {
        let dir = base + "_columns"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var files: [String: String] = [:]
        func f64(_ name: String, _ values: [Double]) { InstanceWriter.write(values, to: dir + "/\(name).f64"); files[name] = "\(name).f64" }
        func i32(_ name: String, _ values: [Int32]) { InstanceWriter.write(values, to: dir + "/\(name).i32"); files[name] = "\(name).i32" }
        f64("h_latitude", h.latitude); f64("h_longitude", h.longitude); f64("h_resident_mean_age", h.residentMeanAge)
        f64("h_age_fit_neutral", h.ageFitNeutral); f64("h_in_house", h.inHouse); f64("h_long_term", h.longTerm)
        i32("h_free", h.free); i32("h_min_age", h.minAge); i32("h_max_age", h.maxAge); i32("h_approvals", h.approvals)
        i32("h_skills", h.skills); i32("h_occupied", h.occupied); i32("h_youngest_resident", h.youngestResident); i32("h_youngest_new_allowed", h.youngestNewAllowed)
        i32("h_district", h.district); i32("h_ethnicity", h.ethnicity); i32("h_ethnic_group", h.ethnicGroup); i32("h_language", h.language)
        i32("u_size", units.map(\.size)); i32("u_min_age", units.map(\.minAge)); i32("u_max_age", units.map(\.maxAge))
        i32("u_approval", units.map(\.approval)); i32("u_required_skills", units.map(\.requiredSkills))
        i32("u_solo", units.map { $0.solo ? 1 : 0 }); i32("u_youngest_allowed", units.map(\.youngestAllowed))
        i32("u_district", units.map(\.district)); i32("u_ethnicity", units.map(\.ethnicity)); i32("u_ethnic_group", units.map(\.ethnicGroup))
        i32("u_language", units.map(\.language)); i32("u_wanted_skills", units.map(\.wantedSkills)); i32("u_wanted_count", units.map(\.wantedCount))
        i32("u_has_school", units.map { $0.hasSchool ? 1 : 0 }); i32("u_split", units.map { $0.isSplitPart ? 1 : 0 })
        f64("u_latitude", units.map(\.latitude)); f64("u_longitude", units.map(\.longitude)); f64("u_cos_a", units.map(\.cosA))
        f64("u_cos_b", units.map(\.cosB)); f64("u_school_latitude", units.map(\.schoolLatitude)); f64("u_school_longitude", units.map(\.schoolLongitude))
        f64("u_school_cos_a", units.map(\.schoolCosA)); f64("u_school_cos_b", units.map(\.schoolCosB)); f64("u_mean_age", units.map(\.meanAge))
        f64("u_approval_fit_long_term", units.map(\.approvalFitLongTerm)); f64("u_constant_points", units.map(\.constantPoints))
        let k = KernelConstants(policy: policy)
        var weights: [String: Double] = [:]
        for c in Criterion.allCases { weights[c.rawValue] = policy.weights[c] }
        InstanceWriter.writeJSON([
            "format": "raw little-endian arrays, one file per column (f64 = float64, i32 = int32)",
            "units": units.count, "households": h.count, "directory": dir, "files": files,
            "constants": [
                "max_distance_squared": k.maxDistanceSquared, "earth_radius_miles": Location.earthRadiusMiles,
                "near_miles": policy.nearDistanceMiles, "max_miles": policy.maxDistanceMiles,
                "school_near_miles": policy.schoolNearMiles, "school_far_miles": policy.schoolFarMiles,
                "age_fit_span_years": policy.ageFitSpanYears, "split_penalty": policy.splitPenalty,
            ],
            "weights": weights,
        ], to: base + ".json")
    }

    // MARK: dense assignment

    static func dense(_ options: BenchOptions, _ table: inout RatioTable) {
        for n in options.quick ? [500, 1000] : [2000, 4000] {
            var rng = Xoshiro256StarStar(seed: UInt64(n))
            let costs = (0..<(n * n)).map { _ in rng.nextUnit() }
            let base = BenchPaths.instances + "/dense_\(n)"
            InstanceWriter.write(costs, to: base + ".f64")
            InstanceWriter.writeJSON(["rows": n, "columns": n, "dtype": "float64", "order": "row-major", "file": base + ".f64"], to: base + ".json")
            let timing = Clock.measure(runs: max(1, options.runs - 2)) { DenseAssignment.solve(costs: costs, rows: n, columns: n) }
            let total = timing.result.totalCost
            print(String(format: "dense %d x %d: best %.4f s (CPU %.4f s), median %.4f s, optimum %.12f", n, n, timing.best, timing.cpu, timing.median, total))
            guard options.peers else { continue }
            let peers = [
                ("lapjv", "lapjv.lapjv (AVX2)", "<= 0.8x lapjv time"), ("lap", "lap.lapjv", "faster"),
                ("scipy", "scipy linear_sum_assignment", "<= 0.5x scipy time"),
            ]
            for (solver, name, target) in peers {
                var peerTime: Double?
                var check = "peer skipped"
                if let peer = Peer.run("assignment_peer.py", ["dense", base + ".json", "3", "--solver", solver]) {
                    peerTime = peer["best_seconds"] as? Double
                    let peerTotal = peer["total"] as? Double ?? .nan
                    check = String(format: "optimum rel diff %.1e", abs(total - peerTotal) / abs(peerTotal))
                    if let peerCPU = peer["cpu_seconds"] as? Double {
                        check += String(format: "; CPU %.4f vs %.4f s = %.2fx", timing.cpu, peerCPU, timing.cpu / peerCPU)
                    }
                }
                table.add("dense assignment \(n)x\(n) uniform", hearth: timing.best, peerName: name, peer: peerTime, agreement: check, target: target)
            }
        }
    }

    // MARK: sparse assignment

    static func sparse(_ options: BenchOptions, _ table: inout RatioTable) {
        let (n, m) = options.quick ? (1000, 2000) : (4000, 8000)
        var rng = Xoshiro256StarStar(seed: 77)
        var triples: [(row: Int, column: Int, cost: Double)] = []
        var text = "row,col,cost\n"
        for r in 0..<n {
            for c in 0..<m where rng.nextUnit() < 0.01 {
                let cost = 1 + (rng.nextUnit() * 999).rounded(.down) + rng.nextUnit()
                triples.append((r, c, cost))
            }
        }
        for t in triples { text += "\(t.row),\(t.column),\(t.cost)\n" }
        let base = BenchPaths.instances + "/sparse_\(n)x\(m)"
        try! text.write(toFile: base + ".csv", atomically: true, encoding: .utf8)
        InstanceWriter.writeJSON(["rows": n, "columns": m, "format": "CSV triples row,col,cost (0-based; Swift shortest round-trip decimals)", "file": base + ".csv"], to: base + ".json")
        let matrix = SparseCostMatrix(rows: n, columns: m, triples: triples)
        let timing = Clock.measure(runs: options.runs) { SparseAssignment.solve(matrix) }
        let total = timing.result.totalCost
        print(String(format: "sparse %d x %d, %d entries: best %.4f s, median %.4f s, %d assigned, optimum %.9f", n, m, triples.count, timing.best, timing.median, timing.result.assignedCount, total))
        var peerTime: Double?
        var check = "peer skipped"
        if options.peers, let peer = Peer.run("assignment_peer.py", ["sparse", base + ".json", "3"]) {
            peerTime = peer["best_seconds"] as? Double
            let peerTotal = peer["total"] as? Double ?? .nan
            check = String(format: "optimum rel diff %.1e", abs(total - peerTotal) / abs(peerTotal))
        }
        table.add("sparse assignment \(n)x\(m) 1%", hearth: timing.best, peerName: "scipy min_weight_full_bipartite_matching", peer: peerTime, agreement: check, target: "<= 1x scipy time")
    }

    // MARK: county end to end

    static func county(_ options: BenchOptions, _ table: inout RatioTable) {
        let hearth = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hearth").path
        guard FileManager.default.isExecutableFile(atPath: hearth) else {
            note("county: \(hearth) not built; run swift build -c release --product hearth first")
            return
        }
        for (label, profile, target) in [("county", CountyProfile.default, "< 1 s"), ("county500", largeCountyProfile, "< 10 s")] {
            let county = CountyGenerator.generate(profile: profile, seed: 7)
            let dir = BenchPaths.instances + "/" + label
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try! writeCountyFiles(children: county.referrals, households: county.households, dir: dir)
            let timing = Clock.measure(runs: options.runs) { () -> Int32 in
                let p = Process()
                p.executableURL = URL(fileURLWithPath: hearth)
                p.arguments = ["match", dir + "/children.csv", dir + "/households.csv", "--format", "json"]
                p.standardOutput = FileHandle.nullDevice
                try! p.run()
                p.waitUntilExit()
                return p.terminationStatus
            }
            let groups = SiblingGroup.groups(of: county.referrals)
            let plan = Matcher.plan(groups: groups, households: county.households, policy: .default)
            let bound = plan.bound!
            print(String(format: "%@: hearth match %d referrals x %d households: best %.3f s, median %.3f s (exit %d); %d of %d children placed (bound %d), gap %.4f%%, %d nodes",
                label, county.referrals.count, county.households.count, timing.best, timing.median, timing.result,
                plan.statistics.childrenPlaced, county.referrals.count, bound.childrenPossible, 100 * bound.gap, bound.nodes))
            table.add("hearth match, synthetic \(label) (\(county.referrals.count) x \(county.households.count))",
                      figure: String(format: "%.3f s", timing.median), target: target,
                      note: "end to end, process start to exit, median; " + (bound.optimal ? "proven optimal" : String(format: "gap %.4f%%", 100 * bound.gap)))
        }
    }

    // MARK: the joint optimum against the baselines

    /// Many synthetic counties (main's generator, one seed each): the joint plan
    /// (`Matcher.plan`) against the exact rounds and greedy, in the default county (50-150
    /// referrals) and in a tight one (70 referrals, 5 agency vacancies). For each county: is the
    /// plan proven optimal (children placed equal to the bound, score equal to its bound), and
    /// how the baselines compare on children placed, siblings together and miles.
    static func gain(_ options: BenchOptions, _ table: inout RatioTable) {
        let counties = options.quick ? 10 : 40
        for tight in [false, true] {
            var placed = (plan: 0, rounds: 0, greedy: 0), together = (plan: 0, rounds: 0, greedy: 0)
            var miles = (plan: 0.0, rounds: 0.0, greedy: 0.0), score = (plan: 0.0, rounds: 0.0, greedy: 0.0)
            var childrenAtBound = 0, scoreAtBound = 0, roundsShort = 0, roundsBelowScore = 0, greedyShort = 0
            var worstGap = 0.0, worstTime = 0.0, totalTime = 0.0, nodes = 0
            for seed in 0..<counties {
                let profile = tight ? tightCountyProfile : { var p = CountyProfile.default; p.referrals = 50 + 25 * (seed % 5); return p }()
                let county = CountyGenerator.generate(profile: profile, seed: UInt64(1000 + seed))
                let groups = SiblingGroup.groups(of: county.referrals)
                let t0 = Clock.now()
                let plan = Matcher.plan(groups: groups, households: county.households, policy: .default)
                let seconds = Clock.now() - t0
                totalTime += seconds; worstTime = max(worstTime, seconds)
                let rounds = Matcher.roundOptimalPlan(groups: groups, households: county.households, policy: .default)
                let greedy = Matcher.greedyPlan(groups: groups, households: county.households, policy: .default)
                let a = plan.statistics, r = rounds.statistics, g = greedy.statistics
                let bound = plan.bound!
                nodes += bound.nodes
                if a.childrenPlaced == bound.childrenPossible { childrenAtBound += 1 }
                if bound.optimal && bound.gap == 0 { scoreAtBound += 1 }
                worstGap = max(worstGap, bound.gap)
                if !(bound.optimal && bound.gap == 0) {
                    print(String(format: "  seed %d (%d referrals): not proven, gap %.4f%%, children %d of bound %d, %d nodes, %.3f s",
                        1000 + seed, county.referrals.count, 100 * bound.gap, a.childrenPlaced, bound.childrenPossible, bound.nodes, seconds))
                }
                if r.childrenPlaced < a.childrenPlaced { roundsShort += 1 }
                if r.childrenPlaced == a.childrenPlaced && perChildScore(rounds) < bound.childScore - 0.005 { roundsBelowScore += 1 }
                if g.childrenPlaced < a.childrenPlaced { greedyShort += 1 }
                placed.plan += a.childrenPlaced; placed.rounds += r.childrenPlaced; placed.greedy += g.childrenPlaced
                together.plan += a.siblingGroupsTogether; together.rounds += r.siblingGroupsTogether; together.greedy += g.siblingGroupsTogether
                miles.plan += a.totalMiles; miles.rounds += r.totalMiles; miles.greedy += g.totalMiles
                score.plan += bound.childScore; score.rounds += perChildScore(rounds); score.greedy += perChildScore(greedy)
            }
            let name = tight ? "tight county (70 referrals, 5 agency vacancies)" : "default county (50-150 referrals)"
            print("\(name), \(counties) seeds:")
            print(String(format: "  joint plan: children placed = bound in %d/%d, score = bound (gap 0) in %d/%d, worst gap %.4f%%; %.3f s per plan (worst %.3f s), %d nodes",
                childrenAtBound, counties, scoreAtBound, counties, 100 * worstGap, totalTime / Double(counties), worstTime, nodes))
            print("  rounds place fewer children in \(roundsShort) counties and score lower with as many in \(roundsBelowScore); greedy places fewer in \(greedyShort)")
            print("                      joint plan    rounds    greedy")
            print(String(format: "  children placed    %10d %9d %9d", placed.plan, placed.rounds, placed.greedy))
            print(String(format: "  siblings together  %10d %9d %9d", together.plan, together.rounds, together.greedy))
            print(String(format: "  mean miles         %10.2f %9.2f %9.2f", miles.plan / Double(max(placed.plan, 1)),
                miles.rounds / Double(max(placed.rounds, 1)), miles.greedy / Double(max(placed.greedy, 1))))
            print(String(format: "  score per child    %10.0f %9.0f %9.0f", score.plan, score.rounds, score.greedy))
            table.add("joint plan, \(counties) \(tight ? "tight" : "default") counties", figure: "optimal \(scoreAtBound)/\(counties)",
                      target: "children and score at the bound on every seed",
                      note: "+\(placed.plan - placed.rounds) children vs rounds, +\(placed.plan - placed.greedy) vs greedy; \(String(format: "%.3f", worstTime)) s worst")
        }
    }

    /// The tight county: 70 referrals and only 5 agency vacancies.
    static var tightCountyProfile: CountyProfile {
        var p = CountyProfile.default
        p.referrals = 70
        p.ifaVacancies = 5
        return p
    }

    /// The larger county: 500 children waiting, about 2,500 households (the default county's
    /// carers and vacancies scaled by 7).
    static var largeCountyProfile: CountyProfile {
        var p = CountyProfile.default
        p.referrals = 500
        p.inHouseHouseholds *= 7
        p.inHousePlaces *= 7
        p.ifaHouseholds *= 7
        p.ifaVacancies *= 7
        return p
    }

    /// The plan's score counted per child (each child counts the score of their placement).
    static func perChildScore(_ plan: MatchPlan) -> Double {
        plan.entries.reduce(0) { $0 + $1.placement.score * Double($1.group.size) }
    }

    // MARK: national scale

    static func national(_ options: BenchOptions, _ table: inout RatioTable) {
        var profile = CountyProfile.england
        // The issue's figure: about 30% of children in sibling groups (0.14 of units are groups
        // of mean size 2.6), rather than the county profile's referral mix.
        profile.siblingReferralShare = 0.14
        if options.quick {
            profile.referrals = 8_500
        }
        let t0 = Clock.now()
        let county = CountyGenerator.generate(profile: profile, seed: 11)
        let groups = SiblingGroup.groups(of: county.referrals)
        let inGroups = groups.filter { $0.size > 1 }.reduce(0) { $0 + $1.size }
        print(String(format: "national: generated %d children (%.0f%% in sibling groups, %d units) and %d households in %.1f s",
            county.referrals.count, 100 * Double(inGroups) / Double(county.referrals.count), groups.count, county.households.count, Clock.now() - t0))
        let policy = MatchPolicy.default
        let t1 = Clock.now()
        let lists = Matcher.shortlists(groups: groups, households: county.households, policy: policy, top: 5)
        let t2 = Clock.now()
        let optimal = Matcher.plan(groups: groups, households: county.households, policy: policy, timeLimit: options.timeLimit)
        let t3 = Clock.now()
        let greedy = Matcher.greedyPlan(groups: groups, households: county.households, policy: policy)
        let t4 = Clock.now()
        let a = optimal.statistics, b = greedy.statistics
        let bound = optimal.bound!
        let withCandidates = lists.filter { !$0.candidates.isEmpty }.count
        print(String(format: "  shortlists %.1f s (%d of %d units with a feasible household); joint plan %.1f s (time limit %@); greedy %.1f s",
            t2 - t1, withCandidates, groups.count, t3 - t2, options.timeLimit.map { String(format: "%.0f s", $0) } ?? "none", t4 - t3))
        print("  plan: \(a.childrenPlaced) children placed (bound \(bound.childrenPossible)), \(a.siblingGroupsTogether) groups together, mean \(String(format: "%.1f", a.meanMiles)) miles, gap \(String(format: "%.4f%%", 100 * bound.gap)) at candidate limit \(policy.candidateLimit), \(bound.nodes) nodes; greedy: \(b.childrenPlaced), \(b.siblingGroupsTogether), \(String(format: "%.1f", b.meanMiles))")
        let peak = Double(peakMemoryBytes()) / 1_073_741_824
        table.add("national \(county.referrals.count) x \(county.households.count): shortlists + plan + greedy",
                  figure: String(format: "%.1f s", t4 - t1), target: "< 60 s, < 4 GiB",
                  note: String(format: "peak memory %.2f GiB; plan places %+d children vs greedy; gap %.4f%%", peak, a.childrenPlaced - b.childrenPlaced, 100 * bound.gap))
    }
}

/// Writes a county's referrals and households as the CSV files `hearth match` reads.
func writeCountyFiles(children: [Child], households: [Household], dir: String) throws {
    try ChildrenFile.render(children).write(toFile: dir + "/children.csv", atomically: true, encoding: .utf8)
    try HouseholdsFile.render(households).write(toFile: dir + "/households.csv", atomically: true, encoding: .utf8)
}
