import Foundation

/// The folder of the repository, found from this file's path.
public let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    return "."
}()

/// Every file with an extension below a folder of the repository, sorted, as full paths.
public func files(under folder: String, withExtension ext: String) -> [String] {
    let root = repositoryRoot + "/" + folder
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix("." + ext) }.sorted().map { root + "/" + $0 }
}
