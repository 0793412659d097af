import Diagnostics
import RussianText

/// The type of a field, as written in a collection's `_schema.yaml`.
public enum FieldType: String, CaseIterable, Sendable {
    case string, text, markdown, integer, decimal, money, percent, date, datetime, boolean
    case `enum`, url, email, phone, list, object, reference
    /// Russian identifiers, checked by their public algorithms.
    case inn, ogrn, ogrnip, kpp, bik, snils, postcode
    /// Bank accounts (20 digits); with a `bik:` path the control key is checked against the bank's БИК.
    case account, corrAccount = "corr_account"
    /// A person's surname, name and patronymic.
    case person
    /// A form of the library (`content/_forms/<id>`): its page offers the blank and the sample.
    case form
    /// A sum «всего, в том числе»: `amount` and optional `parts`, each again a breakdown with a
    /// `label`; the parts may not add up to more than their total.
    case breakdown
    /// A date (or date and time), or a term counted in working days after another field of the
    /// item: `{after: intake_end, working_days: 10}`.
    case deadline

    /// The identifier a field of this type holds, if it is one.
    package var identifier: RussianIdentifier? {
        switch self {
        case .inn: return .inn
        case .ogrn: return .ogrn
        case .ogrnip: return .ogrnip
        case .kpp: return .kpp
        case .bik: return .bik
        case .snils: return .snils
        default: return nil
        }
    }

    /// What a value of this type looks like, for messages: «ожидалась дата …».
    public var expectation: String {
        switch self {
        case .string: return "строка"
        case .text: return "текст"
        case .markdown: return "текст в разметке Markdown"
        case .integer: return "целое число, например 42"
        case .decimal: return "число, например 13.5"
        case .money: return "сумма в рублях цифрами без пробелов, копейки через точку: 1500000.50"
        case .percent: return "число процентов без знака %, например 25 или 13.5"
        case .date: return "дата в виде ГГГГ-ММ-ДД, например 2026-11-23"
        case .datetime: return "дата и время в виде ГГГГ-ММ-ДД ЧЧ:ММ, например 2026-11-23 14:30"
        case .boolean: return "да или нет (true / false)"
        case .enum: return "одно из значений списка"
        case .url: return "адрес страницы, начинающийся с https:// или http://"
        case .email: return "адрес электронной почты, например info@example.ru"
        case .phone: return "номер телефона, например +7 (843) 123-45-67"
        case .list: return "список (строки, начинающиеся с «- »)"
        case .object: return "набор полей с отступом"
        case .reference: return "адрес (slug) элемента другого раздела"
        case .inn: return "ИНН: 10 цифр (организация) или 12 (физическое лицо)"
        case .ogrn: return "ОГРН: 13 цифр"
        case .ogrnip: return "ОГРНИП: 15 цифр"
        case .kpp: return "КПП: 9 знаков, например 773601001"
        case .bik: return "БИК: 9 цифр, начиная с 04"
        case .snils: return "СНИЛС в виде 123-456-789 01 или 11 цифр"
        case .postcode: return "почтовый индекс: 6 цифр"
        case .account: return "расчётный счёт: 20 цифр"
        case .corrAccount: return "корреспондентский счёт: 20 цифр, начиная с 301"
        case .person: return "фамилия, имя и отчество, например Иванова Мария Петровна"
        case .form: return "имя формы из content/_forms, например subsidy-contract"
        case .breakdown: return "сумма «всего, в том числе»: amount: 1500000 и parts: — список частей с label: и amount:"
        case .deadline: return "дата (2026-12-01), дата и время (2026-12-01 18:00) или срок в рабочих днях: {after: intake_end, working_days: 10}"
        }
    }
}

/// One allowed value of an enum field: what is stored and what people read.
public struct Choice: Sendable, Equatable {
    public let value: String
    public let label: String

    public init(value: String, label: String) {
        (self.value, self.label) = (value, label)
    }
}

/// A field of a collection's schema (in the spirit of ckanext-scheming).
public struct Field: Sendable {
    public let name: String
    public let label: String
    public let type: FieldType
    public let required: Bool
    public package(set) var defaultValue: Value?
    public let choices: [Choice]
    public let pattern: TextPattern?
    public let min: DecimalNumber?
    public let max: DecimalNumber?
    public let minItems: Int?
    public let maxItems: Int?
    /// For lists: the type of the elements (`of:`); the field's other constraints apply to each element.
    public let elementType: FieldType?
    /// For objects and lists of objects: the repeating subfields (forms add their computed columns).
    public package(set) var subfields: [Field]
    /// For references: the collection whose item is meant.
    public let collection: String?
    /// Help for editors, shown in messages about this field.
    public let hint: String?
    /// false for data shown elsewhere on the page (a structured table) or kept only for provenance.
    public package(set) var show: Bool = true
    /// For accounts: the path of the bank's БИК the account is checked against.
    public package(set) var bik: String?
    /// For lists in forms: how many empty rows a blank prints.
    public package(set) var blankItems: Int?
    /// The field is our addition: none of the source documents asks for it.
    public package(set) var own: Bool = false
    /// Personal data of a form (a passport's series and number): the portal never publishes it —
    /// its sample documents print a line instead, and the page keeps it out of the browser's draft.
    public package(set) var personal: Bool = false
    /// Information for the authorities only (`access: internal`, seed 001): kept out of the public
    /// build — its pages, open data, feeds and search index — and shown by `nko build --audience internal`.
    public package(set) var restricted: Bool = false
    /// What the field means to the build (`role:`), if anything.
    public package(set) var role: FieldRole?
    public let location: SourceLocation

    public init(name: String, label: String, type: FieldType, required: Bool = false, defaultValue: Value? = nil,
                choices: [Choice] = [], pattern: TextPattern? = nil, min: DecimalNumber? = nil, max: DecimalNumber? = nil,
                minItems: Int? = nil, maxItems: Int? = nil, elementType: FieldType? = nil, subfields: [Field] = [],
                collection: String? = nil, hint: String? = nil, location: SourceLocation) {
        self.name = name
        self.label = label
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.choices = choices
        self.pattern = pattern
        self.min = min
        self.max = max
        self.minItems = minItems
        self.maxItems = maxItems
        self.elementType = elementType
        self.subfields = subfields
        self.collection = collection
        self.hint = hint
        self.location = location
    }

    /// The field as one element of its list: same constraints, the element type.
    /// One value, shown on one line: not a list, a record or formatted text.
    public var isScalar: Bool { ![.list, .object, .breakdown, .markdown, .text].contains(type) }

    public var element: Field {
        Field(name: name, label: label, type: elementType ?? .string, required: true, choices: choices,
              pattern: pattern, min: min, max: max, subfields: subfields, collection: collection, hint: hint,
              location: location)
    }
}
