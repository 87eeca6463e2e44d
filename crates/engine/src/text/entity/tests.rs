use super::*;

/// The mentions of `text` as (kind, surface, name).
fn tagged(text: &str) -> Vec<(Kind, &str, String)> {
    entities(text).into_iter().map(|m| (m.kind, m.span.of(text), m.name)).collect()
}

fn has(text: &str, kind: Kind, surface: &str, name: &str) {
    let got = tagged(text);
    assert!(
        got.iter().any(|(k, s, n)| *k == kind && *s == surface && n == name),
        "{text:?}: {got:?}"
    );
}

#[test]
fn money_is_one_value_and_currency_however_written() {
    let cases = [
        ("a contract worth £330m to deliver", "£330m", "£330 million"),
        ("a £330 million, seven-year deal", "£330 million", "£330 million"),
        ("spent £330,000,000 on it", "£330,000,000", "£330 million"),
        ("over $1 million to help", "$1 million", "$1 million"),
        ("valued at $1bn today", "$1bn", "$1 billion"),
        ("a US$2.5bn fund", "US$2.5bn", "$2.5 billion"),
        ("costs €40k a year", "€40k", "€40,000"),
        ("paid £25,000.50 in fees", "£25,000.50", "£25,000.50"),
        ("some 330 million pounds", "330 million pounds", "£330 million"),
    ];
    for (text, surface, name) in cases {
        has(text, Kind::Money, surface, name);
    }
    // A number alone is no amount.
    assert!(tagged("data of 500,000 volunteer participants").is_empty());
}

#[test]
fn percentages_and_dates_have_one_form() {
    has("up 5% on", Kind::Percent, "5%", "5%");
    has("rose 12.5 per cent", Kind::Percent, "12.5 per cent", "12.5%");
    has("rose 7 percent", Kind::Percent, "7 percent", "7%");
    has("rally, April 3, 2024", Kind::Date, "April 3, 2024", "2024-04-03");
    has("on July 25 2025 in", Kind::Date, "July 25 2025", "2025-07-25");
    has("Features / 18 September 2025", Kind::Date, "18 September 2025", "2025-09-18");
    has("since 3rd April 2024", Kind::Date, "3rd April 2024", "2024-04-03");
    has("in November 2023 it", Kind::Date, "November 2023", "2023-11");
    has("founded in 2003 by", Kind::Date, "2003", "2003");
    // No year, or not a date.
    assert!(tagged("on 21 November the").is_empty());
    assert!(tagged("I may go, 4 May is").is_empty());
    assert!(tagged("code 2003-04 and £2003").iter().all(|(k, _, _)| *k == Kind::Money));
}

#[test]
fn people_by_role_honorific_cue_first_name_and_speech() {
    let text = "Prime Minister Rishi Sunak met Palantir CEO Alex Karp. Mr Karp said little. \
                Tech entrepreneur Peter Thiel agreed. Kristyan Benedict told the paper. Thiel is chairman.";
    has(text, Kind::Person, "Rishi Sunak", "Rishi Sunak");
    has(text, Kind::Organisation, "Palantir", "Palantir");
    has(text, Kind::Person, "Alex Karp", "Alex Karp");
    has(text, Kind::Person, "Karp", "Alex Karp");
    has(text, Kind::Person, "Peter Thiel", "Peter Thiel");
    has(text, Kind::Person, "Thiel", "Peter Thiel");
    has(text, Kind::Person, "Kristyan Benedict", "Kristyan Benedict");
    // The role is not part of the name.
    assert!(!tagged(text).iter().any(|(_, s, _)| s.contains("Minister")));
    has("As Aneurin Bevan MP once said", Kind::Person, "Aneurin Bevan", "Aneurin Bevan");
    has("argues Dr JOHN PUNTIS", Kind::Person, "JOHN PUNTIS", "John Puntis");
    // One word in capitals is an acronym, kept as written.
    has("a contract to deliver NHSE’s platform", Kind::Organisation, "NHSE", "NHSE");
    // A longer one is a shouted name, one entity with the name as written.
    has("the firm PALANTIR said", Kind::Organisation, "PALANTIR", "Palantir");
    // Roles from the mails of SpamAssassin are not part of the name.
    has("said Analyst Douglas Lee today", Kind::Person, "Douglas Lee", "Douglas Lee");
    has("as Tyco CFO Mark Swartz left", Kind::Person, "Mark Swartz", "Mark Swartz");
    // Words of address after a title are no names.
    for text in [
        "Dear Sir/Madam, I write",
        "Dear Sir or Madam, hello",
        "At your service Madame, said he",
    ] {
        assert!(
            tagged(text).iter().all(|(k, _, _)| *k != Kind::Person),
            "{text}: {:?}",
            tagged(text)
        );
    }
    // Named at the end of a clause that `said` opens.
    has("“It is wrong,” said Cori Crider.", Kind::Person, "Cori Crider", "Cori Crider");
    has(
        "The deal is fair, says Tamsin Oake, and",
        Kind::Person,
        "Tamsin Oake",
        "Tamsin Oake",
    );
    // Not when the run goes on: a place or an organisation may follow `said`.
    assert!(!tagged("He said Unite Union Branch leaders met")
        .iter()
        .any(|(k, _, _)| *k == Kind::Person));
}

#[test]
fn organisations_by_head_word_acronym_and_short_form() {
    let text = "funded by the Central Intelligence Agency (CIA) and the CIA alone. \
                The US Immigration and Customs Enforcement (ICE) agency. Palantir Technologies \
                emerged. Palantir grew. She told the Morning Star. The Star asked the UK Home Office.";
    has(
        text,
        Kind::Organisation,
        "Central Intelligence Agency",
        "Central Intelligence Agency",
    );
    has(text, Kind::Organisation, "CIA", "Central Intelligence Agency");
    has(text, Kind::Place, "US", "United States");
    has(
        text,
        Kind::Organisation,
        "Immigration and Customs Enforcement",
        "Immigration and Customs Enforcement",
    );
    has(text, Kind::Organisation, "Palantir Technologies", "Palantir");
    has(text, Kind::Organisation, "Star", "Morning Star");
    has(text, Kind::Place, "UK", "United Kingdom");
    has(text, Kind::Organisation, "Home Office", "Home Office");
    has(
        "ties to the Israel Defence Ministry now",
        Kind::Organisation,
        "Israel Defence Ministry",
        "Israel Defence Ministry",
    );
    has(
        "a group called Health Workers for a Free Palestine (HW4FP) protested",
        Kind::Organisation,
        "Health Workers for a Free Palestine",
        "Health Workers for a Free Palestine",
    );
    // `and` splits two names unless the whole is one organisation.
    let two = tagged("NHS England and Palantir have been approached");
    assert_eq!(two.iter().map(|(_, s, _)| *s).collect::<Vec<_>>(), ["NHS England", "Palantir"]);
}

#[test]
fn places_are_filed_under_one_name() {
    has("headquartered in Colorado, in the US", Kind::Place, "US", "United States");
    has("migrants in the United States.", Kind::Place, "United States", "United States");
    has("a Silicon Valley billionaire", Kind::Place, "Silicon Valley", "Silicon Valley");
}

#[test]
fn sentence_starts_and_headlines_are_not_names() {
    assert!(tagged("Previously, access was limited. Controversial ties grew.").is_empty());
    // A headline's capitals: only the known names inside.
    let got = tagged("Hackney Protests Palantir’s Homerton NHS Data Deal");
    let surfaces: Vec<&str> = got.iter().map(|(_, s, _)| *s).collect();
    assert_eq!(surfaces, ["Hackney", "Palantir", "NHS"]);
}

#[test]
fn unicode_text_around_names_keeps_spans_on_char_boundaries() {
    // No-break spaces, combining marks, emoji and right-to-left text.
    let text = "Le\u{0301}a said 👋 £330\u{a0}million to NHS\u{a0}England; שלום Palantir’s CEO Alex\u{a0}Karp said.";
    let got = entities(text);
    for m in &got {
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end), "{m:?}");
    }
    has(text, Kind::Money, "£330\u{a0}million", "£330 million");
    has(text, Kind::Organisation, "NHS\u{a0}England", "NHS England");
    has(text, Kind::Person, "Alex\u{a0}Karp", "Alex Karp");
    // Arabic and Hebrew script have no case: nothing capitalised there.
    assert!(tagged("قال محمد إن שלום עולם").is_empty());
}

#[test]
fn mentions_are_ordered_and_never_overlap() {
    let text = "On 18 September 2025 Health Secretary Wes Streeting visited NHS National Operations Centre in London.";
    let got = entities(text);
    assert!(got.windows(2).all(|w| w[0].span.end <= w[1].span.start), "{got:?}");
    has(text, Kind::Person, "Wes Streeting", "Wes Streeting");
    has(
        text,
        Kind::Organisation,
        "NHS National Operations Centre",
        "NHS National Operations Centre",
    );
    has(text, Kind::Place, "London", "London");
}
