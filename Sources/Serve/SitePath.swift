import Foundation

/// Which file of the site a request names. Never a file outside the site: the path is decoded
/// once, `.` and `..` segments, NUL and backslashes are refused, and the real path (symbolic
/// links followed) must lie inside the real site folder.
public enum SitePath {
    public static func resolve(_ requestPath: String, in site: URL) -> URL? {
        let path = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let decoded = path.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        let segments = decoded.split(separator: "/")
        guard !segments.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        var url = site
        for segment in segments { url.appendPathComponent(String(segment)) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            url.appendPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        }
        let real = url.resolvingSymlinksInPath().path
        let root = site.resolvingSymlinksInPath().path
        guard real.hasPrefix(root + "/") else { return nil }
        return URL(fileURLWithPath: real)
    }

    /// The media type of a site file, by its extension.
    public static func mediaType(of url: URL) -> String {
        switch url.pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "svg": return "image/svg+xml"
        case "txt": return "text/plain; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "ics": return "text/calendar; charset=utf-8"
        case "odt": return "application/vnd.oasis.opendocument.text"
        case "pdf": return "application/pdf"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "wasm": return "application/wasm"
        default: return "application/octet-stream"
        }
    }
}
