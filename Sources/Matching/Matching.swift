/// Matching: feasibility rules, scores, explanations, assignment solvers and shortlists.
public enum MatchingModule {}
