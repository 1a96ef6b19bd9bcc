import KalcGit

/// The signatures the writer's commits are made with in the tests.
enum Signatures {
    static let author = GitSignature(name: "Kalc Author", email: "kalc-author@example.com", time: GitTime(secondsSinceEpoch: 1_700_000_100, offsetMinutes: 60))
    static let committer = GitSignature(name: "Kalc Committer", email: "kalc-committer@example.com", time: GitTime(secondsSinceEpoch: 1_700_000_200, offsetMinutes: -300))

    /// A request to commit `update` to `branch` with the test signatures.
    static func request(
        _ branch: String, _ update: GitOpsTreeUpdate, base: String? = nil, expectedTip: ExpectedTip = .current,
        message: String = "Update the dev environment"
    ) -> BranchCommitRequest {
        BranchCommitRequest(branch: branch, baseBranch: base, update: update, author: author, committer: committer, message: message, expectedTip: expectedTip)
    }
}
