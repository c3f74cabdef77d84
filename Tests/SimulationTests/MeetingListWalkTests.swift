import CareModel
import Foundation
import Testing
@testable import Simulation

/// A meeting walks its planned-move and step-down lists only until no search or step-down is
/// left to try; the requests past that point stay unread, and one that no longer applies (its
/// placement ended) is dropped when a later walk reaches it. Runs that walk every list to its
/// end at every meeting (test mode `walkWholeLists`) must give the same results, value for
/// value, over six years of eight runs of the shipped baseline and stress scenarios, and the
/// early stops must have happened often.
@Test(arguments: ["county-baseline", "stress-case"])
func requestListWalksStoppedEarlyChangeNoResult(name: String) throws {
    let scenario = try JSONDecoder().decode(Scenario.self, from: Data(try #require(BundledScenarios.json[name]).utf8)).resolvingDates()
    let start = PreparedStart(scenario.startingPopulation(), scenario: scenario)
    var streams = Xoshiro256StarStar(seed: 4242)
    var stoppedEarly = 0, requestsLeftUnread = 0
    for run in 0..<8 {
        let stream = streams.split()
        var stopping = Replication(scenario: scenario, start: start, months: 72, rng: stream)
        var walking = Replication(scenario: scenario, start: start, months: 72, rng: stream)
        walking.walkWholeLists = true
        let stopped = stopping.run(), walked = walking.run()
        let firstDifference = zip(stopped.monthly, walked.monthly).enumerated().first { $0.element.0.bitPattern != $0.element.1.bitPattern }?.offset
        #expect(stopped.monthly.count == walked.monthly.count && firstDifference == nil, "run \(run): monthly values differ first at \(firstDifference ?? -1)")
        #expect(stopped.events == walked.events && stopped.placementsByType == walked.placementsByType, "run \(run)")
        #expect(stopped.totalCost.bitPattern == walked.totalCost.bitPattern && stopped.leavers == walked.leavers, "run \(run)")
        #expect(stopped.turnedAway.count == walked.turnedAway.count, "run \(run): turned-away records differ")
        #expect(stopping.listWalksStoppedEarly == walking.listWalksStoppedEarly, "run \(run)")
        stoppedEarly += stopping.listWalksStoppedEarly
        requestsLeftUnread += stopping.register.moveRequests.count + stopping.register.stepDownList.count
            - walking.register.moveRequests.count - walking.register.stepDownList.count
    }
    #expect(stoppedEarly > 500, "\(stoppedEarly) walks stopped early")
    // Requests that no longer apply were left on the lists (the walks did stop short of them).
    #expect(requestsLeftUnread > 0, "\(requestsLeftUnread) requests left unread")
}
