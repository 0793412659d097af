import Diagnostics
import RussianText
import Values

/// The rules a subsidy contest's data must keep, each reported where it is broken: the
/// commission (regulation, points 1–3), the scores (4.1.1, 4.2), the parameters and the
/// allocation (§§ 1.3, 8 of App. 2).
extension SubsidyContest {
    public static let recommendedMembers = 9...11

    public func problems(in results: SubsidyResults) -> [Diagnostic] {
        commissionProblems() + applicationProblems() + scoreProblems() + reviewProblems(results) + tieProblems(results)
            + parameterProblems()
    }

    func commissionProblems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let at = location("commission")
        let count = members.count
        let hint = "состав комиссии — в contest.yaml, список commission"
        if count % 2 == 0 {
            problems.append(.error("contest-commission", at: at,
                                   "в конкурсной комиссии \(count) \(Self.people(count)), а число членов должно быть нечетным (пункт 1 Положения о конкурсной комиссии)",
                                   hint: hint))
        }
        if count < Self.recommendedMembers.lowerBound {
            problems.append(.error("contest-commission", at: at,
                                   "в конкурсной комиссии \(count) \(Self.people(count)), а должно быть не менее \(Self.recommendedMembers.lowerBound)",
                                   hint: "рекомендуемое число членов — 9–11 (сноска 6 Положения о конкурсной комиссии)"))
        } else if count > Self.recommendedMembers.upperBound && count % 2 == 1 {
            problems.append(.warning("commission-size", at: at,
                                     "в конкурсной комиссии \(count) \(Self.people(count)): больше рекомендуемых 9–11",
                                     hint: "сноска 6 Положения о конкурсной комиссии рекомендует 9–11 членов"))
        }
        let officials = members.filter { $0.official }.count
        if count > 0 && officials * 2 >= count {
            problems.append(.error("contest-commission", at: at,
                                   "в комиссии \(officials) из \(count) — лица, замещающие государственные (муниципальные) должности или должности службы, а их должно быть менее половины",
                                   hint: "пункт 1 Положения о конкурсной комиссии; у каждого члена official: true или false"))
        }
        for role in [CommissionMember.Role.chair, .secretary] {
            let holders = members.filter { $0.role == role }
            if holders.count != 1 {
                problems.append(.error("contest-commission", at: holders.dropFirst().first?.location ?? at,
                                       holders.isEmpty ? "в комиссии нет роли «\(role.label)»"
                                                       : "роль «\(role.label)» указана у \(holders.count) членов комиссии",
                                       hint: "в комиссии один председатель и один секретарь (пункт 2 Положения о конкурсной комиссии): role: \(role.rawValue)"))
            }
        }
        let deputies = members.filter { $0.role == .deputy }
        if deputies.count > 1 {
            problems.append(.error("contest-commission", at: deputies[1].location,
                                   "роль «\(CommissionMember.Role.deputy.label)» указана у \(deputies.count) членов комиссии",
                                   hint: "заместитель председателя один (пункт 2 Положения о конкурсной комиссии)"))
        }
        var seen: Set<String> = []
        for member in members where !seen.insert(member.id).inserted {
            problems.append(.error("contest-commission", at: member.location,
                                   "член комиссии «\(member.id)» указан дважды", hint: "у каждого члена комиссии свой id"))
        }
        let present = members.filter { $0.present }.count
        if count > 0 && present * 2 <= count {
            problems.append(.error("contest-commission", at: at,
                                   "на заседании присутствовали \(present) из \(count) членов комиссии: нет кворума, заседание неправомочно",
                                   hint: "заседание правомочно, если присутствует большинство от общего числа членов комиссии (пункт 3.4 Положения о конкурсной комиссии)"))
        }
        if let meeting {
            if let votes = meeting.votes, votes.for + votes.against + votes.abstained != present {
                problems.append(.error("contest-commission", at: location("meeting"),
                                       "в итогах голосования \(votes.for + votes.against + votes.abstained) голосов, а присутствовали \(present) членов комиссии",
                                       hint: "каждый присутствующий член комиссии обладает одним голосом (пункт 3.5 Положения о конкурсной комиссии)"))
            }
            for opinion in meeting.dissent where member(opinion.member) == nil {
                problems.append(.error("contest-commission", at: location("meeting"),
                                       "особое мнение члена комиссии «\(opinion.member)», которого нет в составе комиссии",
                                       hint: "member — id члена комиссии из списка commission"))
            }
        }
        for member in members {
            for number in member.conflicts where application(number) == nil {
                problems.append(.error("contest-commission", at: member.location,
                                       "член комиссии «\(member.id)» заявил о заинтересованности в заявке № \(number), но такой заявки нет",
                                       hint: "conflicts — номера заявок из applications.yaml"))
            }
        }
        return problems
    }

    func applicationProblems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var seen: Set<String> = []
        var applicant: [String: String] = [:]
        for application in applications {
            if application.admitted {
                if let first = applicant[application.organization] {
                    problems.append(.error("contest-application", at: application.organizationLocation,
                                           "организация «\(application.organization)» подала заявки № \(first) и № \(application.number), и обе допущены",
                                           hint: "заявитель, представивший более одной заявки, не допускается к участию в конкурсе (пункт 5.8 Положения): укажите основание отказа (refused)"))
                } else {
                    applicant[application.organization] = application.number
                }
            }
            if !seen.insert(application.number).inserted {
                problems.append(.error("contest-application", at: application.location,
                                       "заявка № \(application.number) зарегистрирована дважды",
                                       hint: "у каждой заявки свой номер регистрации"))
            }
            if !application.estimate.isEmpty, EstimateLine.subsidyTotal(application.estimate) != application.request {
                problems.append(.error("contest-application", at: application.location,
                                       "смета заявки № \(application.number) за счёт субсидии — \(RussianFormat.money(EstimateLine.subsidyTotal(application.estimate))), а запрошено \(RussianFormat.money(application.request))",
                                       hint: "итог сметы за счёт субсидии равен запрашиваемому размеру субсидии (request)"))
            }
            if let max = parameters.maxRequest, application.admitted, application.request > max {
                problems.append(.error("contest-application", at: application.requestLocation,
                                       "в заявке № \(application.number) запрошено \(RussianFormat.money(application.request)), а максимальный размер запрашиваемой субсидии — \(RussianFormat.money(max))",
                                       hint: "заявка с таким запросом не соответствует условиям конкурса: укажите основание отказа в допуске (refused) или исправьте сумму, если это опечатка при вводе"))
            }
        }
        return problems
    }

    func scoreProblems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let admitted = applications.filter { $0.admitted }
        var sheetOf: [String: ScoreSheet] = [:]
        for sheet in sheets {
            guard let member = member(sheet.member) else {
                problems.append(.error("contest-scores", at: sheet.location,
                                       "оценки члена комиссии «\(sheet.member)», которого нет в составе комиссии",
                                       hint: "файл оценок называется по id члена комиссии из contest.yaml: scores/<id>.yaml"))
                continue
            }
            sheetOf[sheet.member] = sheet
            var scored: Set<String> = []
            for row in sheet.rows {
                guard let application = application(row.application) else {
                    problems.append(.error("contest-scores", at: row.location, "оценки заявки № \(row.application), которой нет в applications.yaml",
                                           hint: "application — номер заявки из applications.yaml"))
                    continue
                }
                if !application.admitted {
                    problems.append(.error("contest-scores", at: row.location,
                                           "оценки заявки № \(row.application), не допущенной к участию в конкурсе",
                                           hint: "заявки, не допущенные к участию, не оцениваются (пункт 5.8 Положения)"))
                }
                if member.conflicts.contains(row.application) {
                    problems.append(.error("contest-scores", at: row.location,
                                           "член комиссии «\(member.id)» заявил о личной заинтересованности в заявке № \(row.application), но оценил её",
                                           hint: "заинтересованный член комиссии не оценивает заявку (пункт 4.2 Положения о конкурсной комиссии): удалите эти оценки"))
                }
                if !scored.insert(row.application).inserted {
                    problems.append(.error("contest-scores", at: row.location,
                                           "заявка № \(row.application) оценена членом комиссии «\(member.id)» дважды",
                                           hint: "по одной оценочной ведомости на заявку"))
                }
                for (criterion, score) in zip(Criterion.allCases, row.scores) where !(0...Criterion.maximum).contains(score) {
                    problems.append(.error("contest-scores", at: row.scoreLocations[criterion.rawValue],
                                           "оценка «\(criterion.label)» заявки № \(row.application) — \(score), а оценки ставятся от 0 до 5 баллов",
                                           hint: "целое число баллов от 0 до 5 по шкале оценочной ведомости"))
                }
            }
            for application in admitted where !scored.contains(application.number) && !member.conflicts.contains(application.number) {
                problems.append(.error("contest-scores", at: sheet.location,
                                       "член комиссии «\(member.id)» не оценил заявку № \(application.number)",
                                       hint: "добавьте оценки этой заявки или, если член комиссии лично заинтересован, укажите её номер в его conflicts в contest.yaml"))
            }
        }
        for member in members where member.present && sheetOf[member.id] == nil {
            problems.append(.error("contest-scores", at: member.location,
                                   "нет оценочных ведомостей члена комиссии «\(member.id)» (\(member.name)), присутствовавшего на заседании",
                                   hint: "оценки члена комиссии — в файле scores/\(member.id).yaml"))
        }
        for application in admitted where rows(for: application.number).isEmpty {
            problems.append(.error("contest-scores", at: application.location,
                                   "заявку № \(application.number) не оценил ни один член комиссии",
                                   hint: "рейтинг заявки — сумма средних баллов по оценкам членов комиссии"))
        }
        return problems
    }

    func reviewProblems(_ results: SubsidyResults) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var seen: Set<String> = []
        for review in reviews {
            guard let entry = results.ranking.first(where: { $0.application.number == review.application }) else {
                problems.append(.error("contest-review", at: review.location,
                                       "экспертиза заявки № \(review.application), которой нет среди допущенных к участию",
                                       hint: "application — номер заявки из applications.yaml"))
                continue
            }
            if !seen.insert(review.application).inserted {
                problems.append(.error("contest-review", at: review.location, "заявка № \(review.application) прошла экспертизу дважды",
                                       hint: "оставьте одно решение по итогам экспертизы"))
            }
            if !entry.needsReview {
                problems.append(.error("contest-review", at: review.location,
                                       "средний балл заявки № \(review.application) по обоснованности — \(ValueFormat.tenths(entry.averages[Criterion.justification.rawValue])): экономическая экспертиза не предусмотрена",
                                       hint: "средства сокращаются по экспертизе, только если оценка по критерию обоснованности менее 3 баллов (пункт 8.3 Положения)"))
            }
            if review.amount > entry.application.request {
                problems.append(.error("contest-review", at: review.location,
                                       "по экспертизе заявке № \(review.application) предусмотрено \(RussianFormat.money(review.amount)) — больше запрошенных \(RussianFormat.money(entry.application.request))",
                                       hint: "экспертиза может только уменьшить объём средств (пункт 8.3 Положения)"))
            }
        }
        for entry in results.ranking where entry.needsReview && entry.review == nil && entry.sheets > 0 {
            problems.append(.warning("economic-review", at: entry.application.location,
                                     "средний балл заявки № \(entry.application.number) по обоснованности — \(ValueFormat.tenths(entry.averages[Criterion.justification.rawValue])), менее 3: комиссия вправе провести экономическую экспертизу",
                                     hint: "решение экспертизы (сумма и её обоснование) записывается в reviews.yaml; без него средства выделяются по заявке (пункт 8.3 Положения)"))
        }
        return problems
    }

    func tieProblems(_ results: SubsidyResults) -> [Diagnostic] {
        guard parameters.tieBreak == .vote else { return [] }
        return results.ties.compactMap { group in
            if group.allSatisfy({ parameters.voteOrder.contains($0) }) { return nil }
            let rating = results.ranking.first { $0.application.number == group[0] }.map { ValueFormat.tenths($0.rating) } ?? ""
            return .error("contest-tie", at: location("tie_order"),
                          "у заявок № \(group.joined(separator: ", № ")) равный рейтинг (\(rating)): их порядок не решён",
                          hint: "порядок решает комиссия открытым голосованием: запишите его в contest.yaml (tie_order: [\(group.joined(separator: ", "))] — в решённом порядке) или укажите правило tie_break: registration — раньше зарегистрированная заявка выше")
        }
    }

    func parameterProblems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if parameters.fund.kopecks <= 0 {
            problems.append(.error("contest-parameters", at: location("fund"), "объём средств конкурса не указан или равен нулю",
                                   hint: "поле fund на странице конкурса: общий объём средств"))
        }
        if parameters.cap == nil {
            problems.append(.error("contest-parameters", at: location("cap"),
                                   "не указан предельный размер средств на одну организацию",
                                   hint: "пункт 1.3 Положения: cap на странице конкурса (сумма) или cap_percent в contest.yaml (процент от общего объёма, рекомендуется 10–15)"))
        }
        for number in parameters.voteOrder where application(number) == nil {
            problems.append(.error("contest-tie", at: location("tie_order"), "в tie_order указана заявка № \(number), которой нет",
                                   hint: "tie_order — номера заявок из applications.yaml"))
        }
        return problems
    }

    static func people(_ n: Int) -> String { RussianFormat.plural(n, "человек", "человека", "человек") }
}
