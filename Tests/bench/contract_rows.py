#!/usr/bin/env python3
"""Writes N subsidy-contract records as CSV (the batch a clerk renders for all contest winners).

Every record is valid: ИНН/ОГРН check digits and the account key are computed, and the estimate
adds up to the contract amount. Usage: contract_rows.py N OUT.csv
"""
import csv
import sys

def inn10(first9):
    weights = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    return first9 + str(sum(w * int(d) for w, d in zip(weights, first9)) % 11 % 10)

def ogrn(first12):
    return first12 + str(int(first12) % 11 % 10)

def settlement_account(bik, prefix, tail):
    """An account with the 7-1-3 key digit (the 9th) computed for this БИК."""
    for key in "0123456789":
        account = prefix + key + tail
        digits = bik[-3:] + account
        if sum(int(d) * [7, 1, 3][i % 3] % 10 for i, d in enumerate(digits)) % 10 == 0:
            return account
    raise ValueError("no key digit")

def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    bik = "049205603"
    header = ["number", "city", "date",
              "party", "authority.name", "authority.name_genitive", "authority.basis", "authority.address",
              "authority.inn", "authority.kpp", "authority.account", "authority.bank", "authority.bik",
              "authority.signatory", "authority.signatory_position",
              "recipient.full_name", "recipient.head_genitive", "recipient.head", "recipient.head_position",
              "recipient.ogrn", "recipient.inn", "recipient.kpp", "recipient.address",
              "recipient.bank.name", "recipient.bank.bik", "recipient.bank.account", "recipient.bank.corr_account",
              "programme", "amount"]
    for row in (1, 2, 3):
        header += [f"estimate[{row}].direction", f"estimate[{row}].subsidy", f"estimate[{row}].own"]
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for n in range(1, count + 1):
            parts = [300000 + n * 7, 150000 + n * 3, 50000 + n]
            writer.writerow([
                f"{n}/2026", "Казань", "2026-11-23", "Республика Татарстан",
                "Министерство экономики Республики Татарстан", "Министерства экономики Республики Татарстан",
                "Положения о Министерстве экономики Республики Татарстан", "420021, г. Казань, ул. Московская, д. 55",
                "1654004615", "165501001", "03221643920000001100", "УФК по Республике Татарстан", "019205400",
                "Петров Алексей Николаевич", "Заместитель министра",
                f"Автономная некоммерческая организация «Центр „Добрые дела“ № {n}»",
                "директора Сафиной Гульнары Ринатовны", "Сафина Гульнара Ринатовна", "Директор",
                ogrn(f"1121690{n:05d}"), inn10(f"1655{n:05d}"), "165501001", "420111, г. Казань, ул. Баумана, д. 19",
                "ПАО Сбербанк", bik, settlement_account(bik, "40703810", f"62{n:09d}"), "30101810600000000603",
                f"Программа поддержки старшего поколения № {n}", f"{sum(parts)}.00",
                "Оплата труда", f"{parts[0]}.00", "10000", "Аренда помещений", f"{parts[1]}.00", "0",
                "Материалы", f"{parts[2]}.00", "5000.50",
            ])

if __name__ == "__main__":
    main()
