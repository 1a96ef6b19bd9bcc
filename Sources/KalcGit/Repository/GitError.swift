/// Why a git operation failed. Every failure of libgit2 and every refusal of the git writer is
/// one of these; `description` turns each into one short, lower-case sentence.
public enum GitError: Error, Sendable, Hashable {
    /// libgit2 reported a failure: what was being done, libgit2's error code and class, and its message.
    case library(operation: String, code: Int32, category: Int32, message: String)
    /// The path does not lead to a git repository.
    case notARepository(path: String, message: String)
    /// A branch name that git does not accept.
    case invalidBranchName(String)
    /// The branch exists but is a symbolic reference, which the writer does not follow.
    case symbolicBranch(String)
    /// The branch does not point at a commit.
    case notACommit(branch: String, object: GitOID)
    /// Before anything was prepared, the branch was not where the caller said it would be.
    case unexpectedTip(branch: String, expected: GitOID?, found: GitOID?)
    /// The branch moved between reading it and updating it; no branch was changed.
    case branchMoved(branch: String, expected: GitOID?, found: GitOID?)
    /// The lock files of these branches exist, held by other git processes or left by ones
    /// that were killed; no branch was changed.
    case branchesLocked([LockedBranch])
    /// Moving the branches failed part of the way; the branches that had moved were put
    /// back where they were (`putBack`), except those in `left`, which stay at their new commit.
    indirect case publicationFailed(cause: GitError, putBack: [String], left: [String])
    /// A prepared commit handed to a repository other than the one that prepared it.
    case preparedElsewhere(branch: String)
    /// The same branch appears twice in one publication.
    case duplicateBranch(String)
    /// A path of the tree to write that git cannot hold or that escapes its place.
    case invalidPath(path: String, problem: PathProblem)
    /// A file to write where the branch holds a folder, or a folder to write through where it holds a file.
    case pathConflict(path: String, existing: String)
    /// The branch's tree nests deeper than the writer follows.
    case treeTooDeep(path: String)
    /// A date that is none of the formats git accepts.
    case invalidDate(String)
    /// A name or email that git cannot put in a commit signature.
    case invalidSignature(String)

    /// What is wrong with a path.
    public enum PathProblem: Sendable, Hashable {
        /// The path or one of its components is empty.
        case empty
        /// A component is `.`, `..` or `.git`, which git refuses in a tree.
        case reservedComponent(String)
        /// The path holds a NUL or a backslash, which git trees cannot hold portably.
        case invalidCharacter
        /// The file lies outside the cluster-type folder it was given for, or outside every owned folder.
        case outsideOwnedFolders
        /// An extra file lies inside a folder that the compiled tree owns.
        case insideOwnedFolder(String)
        /// The path is both a file and a folder in the tree to write.
        case fileAndFolder(String)
    }
}

extension GitError: CustomStringConvertible {
    /// The error as one sentence, naming the branch, path or date it concerns.
    public var description: String {
        switch self {
        case .library(let operation, _, _, let message):
            return "cannot \(operation): \(message)"
        case .notARepository(let path, let message):
            return "\(path) is not a git repository: \(message)"
        case .invalidBranchName(let name):
            return "`\(name)` is not a valid branch name"
        case .symbolicBranch(let name):
            return "branch `\(name)` is a symbolic reference; name the branch it points to"
        case .notACommit(let branch, let object):
            return "branch `\(branch)` points to \(object.hex), which is not a commit"
        case .unexpectedTip(let branch, let expected, let found):
            return "branch `\(branch)` is \(Self.describe(found)), not \(Self.describe(expected)) as expected"
        case .branchMoved(let branch, let expected, let found):
            return
                "branch `\(branch)` moved while the commit was being made (it was \(Self.describe(expected)), it is now \(Self.describe(found))); no branch was changed, run again"
        case .branchesLocked(let locked):
            let each = locked.map { "branch `\($0.branch)` is locked: \($0.lock)" }
            return "no branch was changed; " + each.joined(separator: "; ")
        case .publicationFailed(let cause, let putBack, let left):
            if left.isEmpty {
                let moved = putBack.isEmpty ? "" : "; \(Self.list(putBack)) had moved and \(putBack.count == 1 ? "was" : "were") put back"
                return "the branches could not be moved (\(cause))\(moved): no branch was changed"
            }
            return
                "the branches could not be moved (\(cause)); \(Self.list(left)) moved and could not be put back: \(left.count == 1 ? "it points" : "they point") to the new commit, the other branches are where they were"
        case .preparedElsewhere(let branch):
            return "the commit for branch `\(branch)` was prepared in another repository"
        case .duplicateBranch(let branch):
            return "branch `\(branch)` is updated twice in one publication"
        case .invalidPath(let path, let problem):
            return "cannot write `\(path)`: \(Self.describe(problem))"
        case .pathConflict(let path, let existing):
            return "cannot write `\(path)`: the branch holds `\(existing)` in the way"
        case .treeTooDeep(let path):
            return "the tree nests too deep at `\(path)`"
        case .invalidDate(let text):
            return "invalid date `\(text)`: expected `@<seconds> <+hhmm>`, RFC 2822 (`Thu, 07 Apr 2005 22:13:13 +0200`) or ISO 8601 (`2005-04-07T22:13:13+02:00`)"
        case .invalidSignature(let text):
            return "`\(text)` cannot be used in a commit signature"
        }
    }

    private static func list(_ branches: [String]) -> String {
        branches.map { "`\($0)`" }.joined(separator: ", ")
    }

    private static func describe(_ tip: GitOID?) -> String {
        tip.map { "at \($0.abbreviated)" } ?? "absent"
    }

    private static func describe(_ problem: PathProblem) -> String {
        switch problem {
        case .empty:
            "the path or one of its components is empty"
        case .reservedComponent(let component):
            "`\(component)` cannot be a path component"
        case .invalidCharacter:
            "the path holds a NUL or a backslash"
        case .outsideOwnedFolders:
            "it is not inside a cluster-type folder of the compiled tree"
        case .insideOwnedFolder(let folder):
            "it lies inside `\(folder)`, a cluster-type folder of the compiled tree"
        case .fileAndFolder(let path):
            "`\(path)` would be both a file and a folder"
        }
    }
}
