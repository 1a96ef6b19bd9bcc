/// A GitOps tree to commit to one branch, and how.
public struct BranchCommitRequest: Sendable, Hashable {
    /// The branch to commit to, such as `dev` (not `refs/heads/dev`).
    public var branch: String
    /// The branch a missing `branch` starts from, when it exists; a missing branch without
    /// one starts as a root commit.
    public var baseBranch: String?
    /// What the commit changes in the branch's tree.
    public var update: GitOpsTreeUpdate
    /// Who wrote the change, and when.
    public var author: GitSignature
    /// Who committed it, and when.
    public var committer: GitSignature
    /// The commit message; a missing final newline is added, as `git commit-tree -m` does.
    public var message: String
    /// Where the branch must be when it is read.
    public var expectedTip: ExpectedTip

    /// Creates a request.
    public init(
        branch: String,
        baseBranch: String? = nil,
        update: GitOpsTreeUpdate,
        author: GitSignature,
        committer: GitSignature,
        message: String,
        expectedTip: ExpectedTip = .current
    ) {
        self.branch = branch
        self.baseBranch = baseBranch
        self.update = update
        self.author = author
        self.committer = committer
        self.message = message
        self.expectedTip = expectedTip
    }
}

/// Where a branch must be before a commit is prepared for it. Whatever is expected, the
/// branch must still be where it was read when the commit is published.
public enum ExpectedTip: Sendable, Hashable {
    /// Wherever the branch is, or that it does not exist.
    case current
    /// The branch must not exist.
    case absent
    /// The branch must point to this commit.
    case commit(GitOID)
}

/// What a commit did to its branch.
public enum CommitOutcome: Sendable, Hashable {
    /// The tree would not change: no commit was made and the branch stays at `tip`.
    case unchanged(tip: GitOID)
    /// A new commit on an existing branch.
    case updated(commit: GitOID, previousTip: GitOID)
    /// A new branch with a new commit: on top of the base branch's tip (`parent`), or a root
    /// commit (`parent` nil).
    case created(commit: GitOID, parent: GitOID?)
    /// A new branch at its base branch's tip, because the tree would not change.
    case createdAtBase(tip: GitOID, base: String)

    /// The commit the branch points to afterwards.
    public var tip: GitOID {
        switch self {
        case .unchanged(let tip), .createdAtBase(let tip, _): tip
        case .updated(let commit, _), .created(let commit, _): commit
        }
    }

    /// The commit made, if one was.
    public var newCommit: GitOID? {
        switch self {
        case .unchanged, .createdAtBase: nil
        case .updated(let commit, _), .created(let commit, _): commit
        }
    }
}

/// A commit written to the object database, waiting for its branch to be moved to it.
///
/// Preparing writes objects only; objects that no branch ever points to are harmless and go
/// with git's garbage collection. Publishing moves the branches.
public struct PreparedCommit: Sendable, Hashable {
    /// The branch to move.
    public let branch: String
    /// The branch's tip when it was read; nil when the branch did not exist.
    public let previousTip: GitOID?
    /// What publishing does to the branch.
    public let outcome: CommitOutcome
    /// The repository that prepared the commit, by its git folder.
    let gitDirectory: String
    /// Who moves the branch, for the reflog.
    let committer: GitSignature
    /// The reflog entry's message.
    let reflogMessage: String

    /// Whether publishing moves or creates the branch.
    public var movesBranch: Bool {
        if case .unchanged = outcome { return false }
        return true
    }
}

extension GitRepository {
    /// Commits `request.update` to its branch: prepares the commit and publishes it.
    ///
    /// Only objects and the branch reference are written; the index and any working tree
    /// stay as they are.
    public func commit(_ request: BranchCommitRequest) throws(GitError) -> CommitOutcome {
        let prepared = try prepareCommit(request)
        try publish([prepared])
        return prepared.outcome
    }

    /// Writes the commit `request` describes (or finds that none is needed) without moving
    /// any branch.
    public func prepareCommit(_ request: BranchCommitRequest) throws(GitError) -> PreparedCommit {
        let start = try startingPoint(branch: request.branch, baseBranch: request.baseBranch)
        switch request.expectedTip {
        case .current:
            break
        case .absent:
            if let found = start.previousTip { throw .unexpectedTip(branch: request.branch, expected: nil, found: found) }
        case .commit(let expected):
            if start.previousTip != expected { throw .unexpectedTip(branch: request.branch, expected: expected, found: start.previousTip) }
        }
        let composed = try compose(ValidatedUpdate(request.update), onto: start.tree)
        let treeID = try write(composed)
        let outcome: CommitOutcome
        let reflogMessage: String
        let message = request.message.hasSuffix("\n") ? request.message : request.message + "\n"
        let subject = message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        if let startTree = start.tree, startTree.id == treeID, let parent = start.parent {
            if let previous = start.previousTip {
                outcome = .unchanged(tip: previous)
            } else {
                outcome = .createdAtBase(tip: parent, base: request.baseBranch ?? "")
            }
            reflogMessage = "branch: Created from \(request.baseBranch ?? "")"
        } else {
            let parents = try start.parent.map { (id) throws(GitError) in try commit(id, ofBranch: start.parentBranch) }
            let id = try writeCommit(tree: treeID, parents: parents.map { [$0] } ?? [], author: request.author, committer: request.committer, message: message)
            if let previous = start.previousTip {
                outcome = .updated(commit: id, previousTip: previous)
                reflogMessage = "commit: \(subject)"
            } else {
                outcome = .created(commit: id, parent: start.parent)
                reflogMessage = start.parent == nil ? "commit (initial): \(subject)" : "commit: \(subject)"
            }
        }
        return PreparedCommit(
            branch: request.branch,
            previousTip: start.previousTip,
            outcome: outcome,
            gitDirectory: gitDirectory,
            committer: request.committer,
            reflogMessage: reflogMessage
        )
    }

    // MARK: Where a commit starts

    /// The commit and tree a new commit on `branch` builds on.
    struct StartingPoint {
        /// The branch's tip; nil when the branch does not exist.
        var previousTip: GitOID?
        /// The parent of a new commit: the branch's tip, else the base branch's tip, else none.
        var parent: GitOID?
        /// The branch the parent was read from, for error messages.
        var parentBranch: String
        /// The parent's tree.
        var tree: Tree?
    }

    func startingPoint(branch: String, baseBranch: String?) throws(GitError) -> StartingPoint {
        _ = try Self.referenceName(ofBranch: branch)
        if let baseBranch { _ = try Self.referenceName(ofBranch: baseBranch) }
        if let tip = try tip(ofBranch: branch) {
            return StartingPoint(previousTip: tip, parent: tip, parentBranch: branch, tree: try tree(try commit(tip, ofBranch: branch).treeID))
        }
        if let baseBranch, let baseTip = try tip(ofBranch: baseBranch) {
            return StartingPoint(previousTip: nil, parent: baseTip, parentBranch: baseBranch, tree: try tree(try commit(baseTip, ofBranch: baseBranch).treeID))
        }
        return StartingPoint(previousTip: nil, parent: nil, parentBranch: branch, tree: nil)
    }
}
