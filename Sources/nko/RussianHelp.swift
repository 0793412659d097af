import Foundation

/// ArgumentParser writes its help and usage errors in English: the headings, its own options
/// and messages are put into Russian here, so that an editor's terminal shows one language.
enum RussianHelp {
    private static let phrases: [(String, String)] = [
        ("OVERVIEW:", "ОПИСАНИЕ:"), ("USAGE:", "ВЫЗОВ:"), ("ARGUMENTS:", "АРГУМЕНТЫ:"), ("OPTIONS:", "ПАРАМЕТРЫ:"),
        ("SUBCOMMANDS:", "КОМАНДЫ:"), ("Show the version.", "Показать версию."),
        ("Show help information.", "Показать эту справку."), ("<subcommand>", "<команда>"),
        ("Error: ", "Ошибка: "), ("Usage: ", "Вызов: "), ("Help: ", "Справка: "),
    ]

    private static let patterns: [(String, String)] = [
        (#"See '([^']+)' for detailed help\."#, "Подробно о команде: $1."),
        (#"See '([^']+)' for more information\."#, "Подробнее: $1."),
        // Help text is wrapped to the terminal: a note may run onto the next line.
        (#"\(values:(\s+)([^;)]*);(\s+)default:(\s+)([^)]*)\)"#, "(значения:$1$2;$3по умолчанию:$4$5)"),
        (#"\(values:(\s+)([^)]*)\)"#, "(значения:$1$2)"),
        (#"\(default:(\s+)([^)]*)\)"#, "(по умолчанию:$1$2)"),
        (#"Missing expected argument '([^']+)'"#, "не указан обязательный аргумент $1"),
        (#"Missing value for '([^']+)'"#, "не указано значение параметра $1"),
        (#"Unknown option '([^']+)'"#, "неизвестный параметр $1"),
        (#"Unexpected argument '([^']+)'"#, "лишний аргумент «$1»"),
        (#"The value '([^']*)' is invalid for '([^']+)'"#, "значение «$1» не подходит для $2"),
        (#"Did you mean '([^']+)'\?"#, "Возможно, имелось в виду $1?"),
    ]

    static func translate(_ text: String) -> String {
        var out = text
        for (english, russian) in phrases { out = out.replacingOccurrences(of: english, with: russian) }
        for (pattern, template) in patterns {
            out = out.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return out
    }
}
