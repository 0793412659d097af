extension String {
    /// Whether the text holds `needle`, byte for byte: much cheaper than Foundation's search, for
    /// deciding whether a text is worth a regular expression at all.
    public func utf8Contains(_ needle: String) -> Bool {
        var haystack = self, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first, n.count <= h.count else { return n.isEmpty }
                // An ASCII first byte is looked for eight bytes at a time.
                let firstByte = first < 0x80 ? ASCIIBytes(first) : nil
                var i = 0
                while i <= h.count - n.count {
                    if let firstByte {
                        guard let next = firstByte.firstIndex(in: h, from: i), next <= h.count - n.count else { return false }
                        i = next
                    }
                    if h[i] == first {
                        var j = 1
                        while j < n.count, h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
