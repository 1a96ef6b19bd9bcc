@testable import KalcSemantics
import XCTest

/// Kubernetes' name rules, as the API server applies them.
final class KubernetesNamesTests: XCTestCase {
    /// RFC 1123 subdomains, written as the rule reads: `.`-separated labels, each starting
    /// and ending with a lower-case alphanumeric character, with `-` allowed inside.
    static func isSubdomainByTheRule(_ value: String) -> Bool {
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard let first = label.first, let last = label.last else { return false }
            let alphanumeric = { (c: Character) in c.isASCII && (c.isLowercase || c.isNumber) }
            return alphanumeric(first) && alphanumeric(last) && label.allSatisfy { alphanumeric($0) || $0 == "-" }
        }
    }

    func testSubdomainsAgreeWithTheRuleOnEveryShortString() {
        let alphabet = ["a", "z", "0", "9", "-", ".", "A", "_", "é"]
        var strings = [""]
        var checked = 0
        for _ in 1...5 {
            strings = strings.flatMap { prefix in alphabet.map { prefix + $0 } }
            for value in strings {
                XCTAssertEqual(KubernetesNames.isSubdomain(value), Self.isSubdomainByTheRule(value), value)
                checked += 1
            }
        }
        XCTAssertFalse(KubernetesNames.isSubdomain(""))
        XCTAssertGreaterThan(checked, 60_000)
    }

    func testLongNamesAreReported() {
        XCTAssertEqual(KubernetesNames.subdomainProblems(String(repeating: "a", count: 253)), [])
        XCTAssertEqual(KubernetesNames.subdomainProblems(String(repeating: "a", count: 254)), ["must be no more than 253 characters"])
    }
}
