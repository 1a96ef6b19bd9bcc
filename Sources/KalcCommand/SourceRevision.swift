// scripts/release.sh replaces this file, in the copy of the sources it builds, with one that
// names the commit the release is built from.

/// The commit of kalc's repository this kalc was built from; nil for a build from a working tree.
let sourceCommit: String? = nil
