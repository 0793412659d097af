extension String {
    /// Whether the text holds `needle`, byte for byte: much cheaper than Foundation's search, for
    /// deciding whether a text is worth a regular expression at all.
    public func utf8Contains(_ needle: String) -> Bool { utf8Offset(of: needle) != nil }

    /// Where `needle` first starts in the text's UTF-8, byte for byte.
    public func utf8Offset(of needle: String) -> Int? {
        var haystack = self, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first, n.count <= h.count else { return n.isEmpty ? 0 : nil }
                var i = 0
                while i <= h.count - n.count {
                    // The first byte is looked for eight bytes at a time.
                    guard let next = ByteScan.firstIndex(in: h, from: i, mayHold: { ByteScan.lanes(of: $0, equalTo: first) != 0 },
                                                         wanted: { h[$0] == first }),
                          next <= h.count - n.count else { return nil }
                    var j = 1
                    while j < n.count, h[next + j] == n[j] { j += 1 }
                    if j == n.count { return next }
                    i = next + 1
                }
                return nil
            }
        }
    }
}
