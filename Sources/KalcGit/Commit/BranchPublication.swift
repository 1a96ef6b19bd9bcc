/// Moving branches to their prepared commits: every branch or none, as far as git's
/// reference files allow.
///
/// The commits and everything they hold are written before any branch moves. Then each
/// branch is locked (git's `refs/heads/<branch>.lock`), checked to be where it was read, and
/// only then are the branches moved, one rename of a lock file each. A failure part of the
/// way puts back the branches that had moved. A process killed while the branches move
/// cannot put anything back: each branch is then at its old commit or its new one, and the
/// lock files of those that had not moved stay behind until removed (`LockFile`).
extension GitRepository {
    /// Moves every branch to its prepared commit, all or none: the branches are locked, each
    /// must still be where it was when its commit was prepared, and only then are they moved.
    /// A branch that moved in the meantime fails the whole publication with `.branchMoved`
    /// and changes nothing; branches that cannot be locked fail it with `.branchesLocked`,
    /// which says of each lock file whether a running process holds it or a killed one left it.
    public func publish(_ commits: [PreparedCommit]) throws(GitError) {
        var branches = Set<String>()
        for commit in commits {
            guard commit.gitDirectory == gitDirectory else { throw .preparedElsewhere(branch: commit.branch) }
            guard branches.insert(commit.branch).inserted else { throw .duplicateBranch(commit.branch) }
        }
        let moving = commits.filter(\.movesBranch).sorted { $0.branch < $1.branch }
        guard !moving.isEmpty, let failure = try moveTogether(moving) else { return }
        let (putBack, left) = putBack(moving)
        throw .publicationFailed(cause: failure, putBack: putBack, left: left)
    }

    /// Locks every branch, checks that each is where it was read, and moves them in one
    /// transaction. Throws, with nothing moved, when a branch is locked or has moved; returns
    /// the error of a transaction that failed part of the way (its locks are released by then).
    private func moveTogether(_ moving: [PreparedCommit]) throws(GitError) -> GitError? {
        let transaction = try ReferenceTransaction(repository: pointer)
        var locked: [LockedBranch] = []
        for commit in moving {
            if let lock = try lock(commit.branch, in: transaction) { locked.append(lock) }
        }
        guard locked.isEmpty else { throw .branchesLocked(locked) }
        for commit in moving {
            let found = try tip(ofBranch: commit.branch)
            guard found == commit.previousTip else {
                throw .branchMoved(branch: commit.branch, expected: commit.previousTip, found: found)
            }
        }
        for commit in moving {
            try transaction.setTarget(
                try Self.referenceName(ofBranch: commit.branch),
                to: commit.outcome.tip,
                signature: try SignatureHandle(commit.committer),
                message: commit.reflogMessage
            )
        }
        do {
            try transaction.commit()
            return nil
        } catch {
            return error
        }
    }

    /// The lock file of a branch, beside its reference (in the folder working trees share).
    private func lockFilePath(ofBranch branch: String) -> String {
        let folder = commonDirectory.hasSuffix("/") ? commonDirectory : commonDirectory + "/"
        return folder + Self.branchPrefix + branch + ".lock"
    }

    /// Locks `branch` in `transaction`; when its lock file is already there, returns what can
    /// be told about it.
    private func lock(_ branch: String, in transaction: ReferenceTransaction) throws(GitError) -> LockedBranch? {
        do {
            try transaction.lock(try Self.referenceName(ofBranch: branch))
            return nil
        } catch .library(_, LibGit2Code.locked, _, _) {
            return LockedBranch(branch: branch, lock: LockFile.inspect(lockFilePath(ofBranch: branch)))
        }
    }

    /// Puts each branch that moved to its new commit back where it was, each under its own
    /// lock and only if it still points to that commit. Returns the branches put back and
    /// those that moved but could not be put back.
    private func putBack(_ moving: [PreparedCommit]) -> (putBack: [String], left: [String]) {
        var putBack: [String] = []
        var left: [String] = []
        for commit in moving {
            guard let found = try? tip(ofBranch: commit.branch), found == commit.outcome.tip else { continue }
            do throws(GitError) {
                let name = try Self.referenceName(ofBranch: commit.branch)
                let transaction = try ReferenceTransaction(repository: pointer)
                try transaction.lock(name)
                guard try tip(ofBranch: commit.branch) == commit.outcome.tip else { continue }
                if let previous = commit.previousTip {
                    try transaction.setTarget(
                        name, to: previous, signature: try SignatureHandle(commit.committer),
                        message: "kalc: put back, the other branches could not be moved")
                } else {
                    try transaction.remove(name)
                }
                try transaction.commit()
                putBack.append(commit.branch)
            } catch {
                left.append(commit.branch)
            }
        }
        return (putBack, left)
    }
}
