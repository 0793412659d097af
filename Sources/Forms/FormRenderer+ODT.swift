import Foundation
import ODFPackage
import RussianText

extension FormRenderer {
    /// The filled (or blank) form as an `.odt` package.
    public func odt(_ record: FormRecord?, date: CalendarDate) throws -> Data {
        try ODFWriter(landscape: form.landscape).write(document(record), metadata: metadata(date))
    }
}
