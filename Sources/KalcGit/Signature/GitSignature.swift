import Foundation

/// A moment as git records it in a commit: seconds since the Unix epoch and the UTC offset of
/// the place it was recorded in.
public struct GitTime: Sendable, Hashable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int64
    /// Minutes east of UTC, as in `+0130` (90) or `-0500` (-300).
    public var offsetMinutes: Int

    /// Creates a time from its parts.
    public init(secondsSinceEpoch: Int64, offsetMinutes: Int) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.offsetMinutes = offsetMinutes
    }

    /// The time written as git accepts it in `GIT_AUTHOR_DATE` and `--date`: `@<seconds> <+hhmm>`
    /// (or without the `@` from nine digits on), RFC 2822 (`Thu, 07 Apr 2005 22:13:13 +0200`),
    /// ISO 8601 (`2005-04-07T22:13:13+02:00`, a space for the `T`, fractions of a second
    /// ignored, `YYYY.MM.DD`, `MM/DD/YYYY` and `DD.MM.YYYY` for the date) or git's own
    /// `Thu Apr 7 22:13:13 2005 +0200`. Without a zone the time is read in `timeZone`.
    public init(parsing text: String, timeZone: TimeZone = .current) throws(GitError) {
        guard let time = GitDateParser.parse(text, timeZone: timeZone) else {
            throw .invalidDate(text)
        }
        self = time
    }

    /// The current time, with the offset of `timeZone`.
    public static func now(in timeZone: TimeZone = .current) -> GitTime {
        let date = Date()
        return GitTime(
            secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down)),
            offsetMinutes: timeZone.secondsFromGMT(for: date) / 60
        )
    }

    /// git's own form, `1112904793 +0200`, as it appears in a commit.
    public var description: String {
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        let hours = magnitude / 60
        let minutes = magnitude % 60
        return "\(secondsSinceEpoch) \(sign)\(hours < 10 ? "0" : "")\(hours)\(minutes < 10 ? "0" : "")\(minutes)"
    }
}

/// Who made a commit, or who committed it, and when.
public struct GitSignature: Sendable, Hashable {
    /// The person's name, as in `Jane Doe`.
    public var name: String
    /// The email address, without angle brackets.
    public var email: String
    /// When.
    public var time: GitTime

    /// Creates a signature from its parts.
    public init(name: String, email: String, time: GitTime) {
        self.name = name
        self.email = email
        self.time = time
    }

    /// The two signatures of a commit.
    public enum Role: Sendable, Hashable {
        /// The one who wrote the change.
        case author
        /// The one who made the commit.
        case committer

        /// The environment variables git reads for this role: name, email and date.
        public var environmentVariables: (name: String, email: String, date: String) {
            switch self {
            case .author: ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE")
            case .committer: ("GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE")
            }
        }
    }

    /// The signature git would make for `role`: each part as given, else from the role's
    /// `GIT_*` environment variable when it is set and not empty, else the default (for the
    /// time: `now`). A date in the environment that git would not accept is an error, as in git.
    public static func resolve(
        _ role: Role,
        name: String? = nil,
        email: String? = nil,
        time: GitTime? = nil,
        defaultName: String,
        defaultEmail: String,
        environment: [String: String],
        now: GitTime,
        timeZone: TimeZone = .current
    ) throws(GitError) -> GitSignature {
        let variables = role.environmentVariables
        func variable(_ key: String) -> String? {
            environment[key].flatMap { $0.isEmpty ? nil : $0 }
        }
        var resolvedTime = now
        if let time {
            resolvedTime = time
        } else if let text = variable(variables.date) {
            resolvedTime = try GitTime(parsing: text, timeZone: timeZone)
        }
        return GitSignature(
            name: name ?? variable(variables.name) ?? defaultName,
            email: email ?? variable(variables.email) ?? defaultEmail,
            time: resolvedTime
        )
    }
}
