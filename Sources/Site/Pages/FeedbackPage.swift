import Foundation
import TemplateEngine

/// Citizens' feedback (seed 001: the portal receives citizens' reviews and recommendations on the
/// support programme): a form that posts to the region's service (`feedback_endpoint:`) or
/// composes an e-mail to the moderator (`contacts.email`), with the consent that 152-ФЗ requires.
struct FeedbackPage: PageKind {
    func pages(_ model: SiteModel) -> [OutputUnit] {
        [OutputUnit(subject: .site, key: "feedback/index.html", path: "feedback/", layout: "feedback", isListedPage: true)]
    }

    func context(_ unit: OutputUnit, _ reader: ModelReader, files: inout [String: Data]) -> Context {
        let settings = reader.settings
        let form: Form? = if let endpoint = settings.feedbackEndpoint {
            Form(action: endpoint, mailto: nil)
        } else if let email = settings.contacts["email"] {
            Form(action: "mailto:" + email, mailto: email)
        } else {
            nil
        }
        return Context(page: PageHead(url: reader.url(unit.path), title: "Обратная связь"), form: form)
    }

    /// Where the form goes: the region's service, or an e-mail (`mailto`) that the page composes.
    struct Form: TemplateObject {
        let action: String
        let mailto: String?
        func child(named name: String) -> Any? {
            switch name {
            case "action": action
            case "mailto": mailto
            default: nil
            }
        }
    }

    final class Context: PageContent {
        let page: PageHead
        let form: Form?

        init(page: PageHead, form: Form?) {
            (self.page, self.form) = (page, form)
        }

        var trail: [Link] { [] }

        func child(named name: String) -> Any? {
            switch name {
            case "page": page
            case "form": form
            default: nil
            }
        }
    }
}
