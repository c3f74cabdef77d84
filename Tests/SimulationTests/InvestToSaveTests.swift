import CareModel
import Foundation
@testable import Simulation
import Testing

/// Invest-to-save arithmetic against hand-computable cases, and the simulator's recruitment
/// spend against its own counts of enquiries, approvals and households.
@Suite struct InvestToSaveTests {
    /// A run spending `upFront` in month 1 and `perYear` evenly over every year on recruitment,
    /// with placement costs `placementsPerYear` evenly.
    func run(years: Int, upFront: Double = 0, perYear: Double = 0, placementsPerYear: Double) -> RunMoney {
        var money = RunMoney(months: years * 12)
        for m in 1...(years * 12) {
            money.placements[m] = placementsPerYear / 12
            money.support[m] = perYear / 12
        }
        money.assessment[1] += upFront
        return money
    }

    /// Up-front cost C and yearly cost c against yearly savings s > c pay back in year
    /// ceil(C / (s - c)) (at least 1): the cumulative net after Y years is (s - c) Y - C.
    @Test func paybackMatchesTheClosedForm() {
        let years = 10
        let base = run(years: years, placementsPerYear: 1_000_000)
        for (upFront, perYear, savings) in [(100_000.0, 0.0, 30_000.0), (250_000, 20_000, 70_000), (50_000, 10_000, 60_000),
                                            (90_000, 5_000, 35_000), (1, 0, 1_000), (120_000, 40_000, 40_000), (500_000, 0, 10_000)] {
            let plan = run(years: years, upFront: upFront, perYear: perYear, placementsPerYear: 1_000_000 - savings)
            let result = InvestToSave(baseline: [base], scenario: [plan], years: years)
            let expected: Int? = savings > perYear ? max(1, Int((upFront / (savings - perYear)).rounded(.up))) : nil
            let shown = expected.flatMap { $0 <= years ? $0 : nil }
            #expect(result.payback.p50 == shown, "C \(upFront) c \(perYear) s \(savings)")
            #expect(abs(result.years[years - 1].cumulativeNet.p50 - ((savings - perYear) * Double(years) - upFront)) < 1e-6)
            #expect(abs(result.years[0].extraSpend.p50 - (upFront + perYear)) < 1e-6)
            #expect(abs(result.years[3].savings.p50 - savings) < 1e-6)
            #expect(result.hasExtraSpend)
        }
    }

    /// The payback band is an order statistic over runs, runs that never pay back ranked last.
    @Test func paybackBandIsTakenOverRuns() {
        let years = 8
        // Run k saves 100,000 / k a year against 100,000 up front: it pays back in year k (k <= 8).
        var baselines: [RunMoney] = [], plans: [RunMoney] = []
        for k in 1...10 {
            baselines.append(run(years: years, placementsPerYear: 1_000_000))
            plans.append(run(years: years, upFront: 100_000, placementsPerYear: 1_000_000 - 100_000 / Double(k)))
        }
        let result = InvestToSave(baseline: baselines, scenario: plans, years: years)
        #expect(result.paidBackRuns == 8)
        #expect(result.payback.p10 == 1 && result.payback.p50 == 5 && result.payback.p90 == nil)
        #expect(InvestToSave.yearQuantile([nil, nil, 3], 0.1) == 3)
        #expect(InvestToSave.yearQuantile([nil, nil, 3], 0.5) == nil)
        #expect(InvestToSave.paybackYear(extraSpend: [0, 0, 10], savings: [5, 5, 0]) == 3)
        #expect(InvestToSave.paybackYear(extraSpend: [0, 0], savings: [5, 5]) == nil)
        // Spending nothing more is not an investment, whatever it saves.
        let same = InvestToSave(baseline: baselines, scenario: baselines, years: years)
        #expect(!same.hasExtraSpend && same.payback.p50 == nil)
    }

    /// The simulator's spend, month by month, from its own counts: enquiries at the set rate,
    /// assessments per approval, support per household at the month's end (no inflation).
    @Test func spendFollowsTheCountsItIsChargedOn() {
        var s = SimTest.quiet()
        s.carers.recruitment.enabled = true
        s.carers.recruitment.enquiriesPerMonth = 40
        s.carers.recruitment.conversion = 0.25
        s.carers.resignationsEnabled = true
        s.costs.annualInflation = 0
        s.costs.recruitment.marketingPerEnquiry = 100
        s.costs.recruitment.marketingPerApproval = 7
        s.costs.recruitment.assessmentPerApproval = 5000
        s.costs.recruitment.supportPerHouseholdPerYear = 1200
        s.costs.recruitment.newCarerWeeklyExtra = 70
        s.entries.enabled = true
        var timeline = TimelineEvent(kind: .recruitmentCampaign, atMonth: 6)
        timeline.months = 3
        timeline.extraEnquiriesPerMonth = 20
        s.timeline = [timeline]
        let results = MonteCarlo.run(scenario: s, start: SimTest.countyStart, runs: 3, years: 2, seed: 11, threads: 1)
        for (r, money) in results.runMoney.enumerated() {
            var approvals = 0.0, campaignMonths = 0
            for m in 1...24 {
                let approved = SimTest.value(results, run: r, .approvals, month: m)
                approvals += approved
                let enquiryMarketing = money.marketing[m] - 7 * approved
                // 40 enquiries a month, 60 in the campaign's three months.
                #expect(abs(enquiryMarketing - 4000) < 1e-6 || abs(enquiryMarketing - 6000) < 1e-6, "month \(m)")
                if abs(enquiryMarketing - 6000) < 1e-6 { campaignMonths += 1 }
                #expect(abs(money.assessment[m] - 5000 * approved) < 1e-6)
                #expect(abs(money.support[m] - 100 * SimTest.value(results, run: r, .households, month: m)) < 1e-6)
            }
            #expect(approvals > 100)
            // The campaign's enquiries are charged in the months whose approvals it adds to.
            #expect(campaignMonths == 3)
            #expect(abs(money.marketing.reduce(0, +) - (40 * 24 * 100 + 20 * Double(campaignMonths) * 100 + 7 * approvals)) < 1e-6)
            #expect(money.allowances.reduce(0, +) > 0)
        }
        let raw = MonteCarlo.replicate(scenario: s, start: SimTest.countyStart, runs: 3, years: 2, seed: 11, threads: 1)
        for run in raw { #expect(abs(run.money.placements.reduce(0, +) - run.totalCost) < 1e-6 * run.totalCost) }
    }

    /// A campaign of three months adds its enquiries in exactly three months, whether it starts
    /// at once or later in the run (the month the event names is the first of them).
    @Test(arguments: [0, 1, 6, 23]) func aCampaignLastsTheMonthsItSays(atMonth: Int) {
        var s = SimTest.quiet()
        s.carers.recruitment.enabled = true
        s.carers.recruitment.enquiriesPerMonth = 40
        s.costs.annualInflation = 0
        s.costs.recruitment.marketingPerEnquiry = 1
        s.costs.recruitment.marketingPerApproval = 0
        var campaign = TimelineEvent(kind: .recruitmentCampaign, atMonth: atMonth)
        campaign.months = 3
        campaign.extraEnquiriesPerMonth = 20
        s.timeline = [campaign]
        let results = MonteCarlo.run(scenario: s, start: SimTest.countyStart, runs: 1, years: 3, seed: 5, threads: 1)
        let marketing = results.runMoney[0].marketing
        let campaignMonths = marketing.indices.filter { abs(marketing[$0] - 60) < 1e-9 }
        #expect(campaignMonths.count == 3, "campaign months \(campaignMonths)")
        let otherMonths: [Double] = marketing.filter { abs($0 - 60) >= 1e-9 && $0 != 0 }
        #expect(otherMonths.allSatisfy { abs($0 - 40) < 1e-9 }, "months without the campaign \(otherMonths)")
    }
}
