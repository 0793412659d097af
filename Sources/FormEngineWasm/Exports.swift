// The forms engine's exports to the page (templates/assets/forms.js), compiled only to WebAssembly
// (`make engine`): UTF-8 text in at a pointer and a length, a result out as a buffer that starts
// with its length (4 bytes, little-endian), freed by the page with nko_free. Everything else is
// PageEngine, which nko's tests run natively.
import Diagnostics
import FormEngine

nonisolated(unsafe) var engine: PageEngine?

@_cdecl("nko_alloc")
func alloc(_ size: Int32) -> UnsafeMutableRawPointer {
    UnsafeMutableRawPointer.allocate(byteCount: Int(max(size, 1)), alignment: 4)
}

@_cdecl("nko_free")
func free(_ pointer: UnsafeMutableRawPointer) {
    pointer.deallocate()
}

@_cdecl("nko_load")
func load(_ pointer: UnsafeRawPointer, _ length: Int32) -> UnsafeMutableRawPointer {
    do {
        engine = try PageEngine(definition: text(pointer, length))
        return result("{}")
    } catch {
        return result("{\"error\":" + JSONString.quoted(error.message) + "}")
    }
}

@_cdecl("nko_read")
func read(_ pointer: UnsafeRawPointer, _ length: Int32, _ kind: UnsafeRawPointer, _ kindLength: Int32) -> UnsafeMutableRawPointer {
    result(PageEngine.read(text(pointer, length), json: text(kind, kindLength) == "json"))
}

@_cdecl("nko_check")
func check(_ pointer: UnsafeRawPointer, _ length: Int32) -> UnsafeMutableRawPointer {
    result(engine?.check(text(pointer, length)) ?? "{\"problems\":[],\"computed\":{}}")
}

@_cdecl("nko_render")
func render(_ pointer: UnsafeRawPointer, _ length: Int32, _ date: UnsafeRawPointer, _ dateLength: Int32,
            _ kind: UnsafeRawPointer, _ kindLength: Int32) -> UnsafeMutableRawPointer {
    result(engine?.render(text(pointer, length), date: text(date, dateLength), odt: text(kind, kindLength) == "odt") ?? "{}")
}

@_cdecl("nko_yaml")
func yaml(_ pointer: UnsafeRawPointer, _ length: Int32) -> UnsafeMutableRawPointer {
    result(PageEngine.yaml(text(pointer, length)))
}

private func text(_ pointer: UnsafeRawPointer, _ length: Int32) -> String {
    String(decoding: UnsafeRawBufferPointer(start: pointer, count: Int(length)), as: UTF8.self)
}

private func result(_ text: String) -> UnsafeMutableRawPointer {
    var text = text
    return text.withUTF8 { bytes in
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bytes.count + 4, alignment: 4)
        buffer.storeBytes(of: UInt32(bytes.count).littleEndian, as: UInt32.self)
        if let base = bytes.baseAddress { (buffer + 4).copyMemory(from: base, byteCount: bytes.count) }
        return buffer
    }
}
