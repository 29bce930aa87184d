//! Reading a large ACLED table on two cores gives exactly what one core gives: the same
//! events, actors, relations and problems, whether the guessed split is a record boundary or
//! falls inside a quoted cell.

#![allow(clippy::unwrap_used)]

use super::*;

/// What an import made, as text to compare: every event (id, date, actors, words, record,
/// line), actor, relation (with its events) and problem.
fn describe(imported: &Imported) -> Vec<String> {
    let d = &imported.dataset;
    let mut out: Vec<String> = d
        .events
        .iter()
        .map(|e| {
            let actors: Vec<String> = e
                .participants
                .iter()
                .map(|(a, r)| format!("{} {r:?}", d.actor(*a).key))
                .collect();
            format!(
                "event {} {} {actors:?} {:?} {:?}",
                e.key,
                e.when.iso(),
                e.evidence,
                e.record
            )
        })
        .collect();
    out.extend(
        d.actors
            .iter()
            .map(|a| format!("actor {} {:?}", a.key, a.kind)),
    );
    out.extend(d.relations.iter().map(|r| {
        let events: Vec<&str> = r.events.iter().map(|e| d.event(*e).key.as_str()).collect();
        format!("relation {} {events:?}", r.key)
    }));
    out.extend(imported.skipped.iter().map(|p| format!("problem {p}")));
    out.push(format!("rows {}", imported.rows));
    out
}

/// An ACLED table of `rows` rows with notes of realistic length, some with commas (quoted).
fn table_of(rows: usize) -> String {
    const KINDS: [(&str, &str); 4] = [
        ("Battles", "Armed clash"),
        ("Violence against civilians", "Attack"),
        ("Protests", "Peaceful protest"),
        ("Strategic developments", "Agreement"),
    ];
    let mut text = "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,country,admin1,location,latitude,longitude,source,notes,fatalities\n".to_owned();
    for n in 1..=rows {
        let (a, b, c) = (n * 7 % 300, n * 13 % 300, n * 29 % 300);
        let (kind, sub) = KINDS[n % 4];
        let words = "and the fighting went on into the night near the market ".repeat(1 + n % 7);
        let notes = if n % 3 == 0 {
            format!("\"On that day, Group {a} met Group {b}; {words}\"")
        } else {
            format!("On that day Group {a} met Group {b} {words}")
        };
        text.push_str(&format!(
            "MLI{n},{:04}-{:02}-{:02},{},{kind},{sub},Group {a},Group {c},{},Group {b},,{},Mali,Region {},Town {},14.{n},-3.{n},Outlet {},{notes},{}\n",
            1997 + n % 25,
            1 + n % 12,
            1 + n % 28,
            1 + n % 3,
            1 + a % 8,
            1 + b % 8,
            n % 9,
            n % 40,
            n % 5,
            n % 11
        ));
    }
    text
}

/// Reads `text` on one core, then on two, and says what each made.
fn both_ways(text: &str) -> (Vec<String>, Vec<String>) {
    let shared: std::sync::Arc<str> = std::sync::Arc::from(text);
    let table = Table::new("big.csv", &shared, super::super::Encoding::Utf8).unwrap();
    assert!(text.len() >= super::super::rows::SPLIT_BYTES);
    let two = read(table.clone(), "big.csv", &Progress::new()).unwrap();
    let cols = columns(&table.header).unwrap();
    let mut b = Builder::default();
    let problems = super::super::rows::read_rows(
        &table,
        1,
        cols.id,
        &Progress::new(),
        &mut b,
        &mut |b, record| Row::Read(row(b, &cols, record, text)),
    );
    let one = b.finish(
        &table,
        "big.csv",
        Format::Acled,
        Some("ACLED"),
        String::new(),
        problems,
    );
    (describe(&one), describe(&two))
}

/// The first difference, if any, between what one and two cores made.
fn same(one: &[String], two: &[String]) {
    let first = one.iter().zip(two).position(|(a, b)| a != b);
    assert!(
        first.is_none() && one.len() == two.len(),
        "one core and two differ at {first:?}: {:?} / {:?} ({} and {} lines)",
        first.map(|i| &one[i]),
        first.map(|i| &two[i]),
        one.len(),
        two.len()
    );
}

#[test]
fn a_large_table_read_on_two_cores_is_what_one_core_reads() {
    let rows = 12_000;
    let mut text = table_of(rows);
    assert!(
        text.len() >= super::super::rows::SPLIT_BYTES,
        "{}",
        text.len()
    );
    let lines: Vec<&str> = text.lines().collect();
    // In the second half: a row reusing an id of the first half, and a row with a bad date.
    let first_id = lines[10].split(',').next().unwrap().to_owned();
    let late = lines[rows - 100].split_once(',').unwrap().1.to_owned();
    let (id, rest) = lines[rows - 50].split_once(',').unwrap();
    let bad = format!("{id},31 February 2019,{}", rest.split_once(',').unwrap().1);
    let mut edited: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    edited[rows - 100] = format!("{first_id},{late}");
    edited[rows - 50] = bad;
    text = edited.join("\n") + "\n";
    let (one, two) = both_ways(&text);
    assert!(
        one.iter()
            .any(|l| l.contains("is already used by the row on line 11"))
    );
    assert!(
        one.iter()
            .any(|l| l.starts_with("problem") && l.contains(&format!(":{}:", rows - 49)))
    );
    same(&one, &two);
    // A quoted cell with line breaks across the middle: the guessed split is inside it,
    // and the first reader reads on alone.
    let header_end = text.find('\n').unwrap() + 1;
    let notes = text[..header_end]
        .split(',')
        .position(|h| h == "notes")
        .unwrap();
    // A row of ours, its notes a long quoted cell of many lines, put in at the middle.
    let mut reader = Reader::new(&text, b',');
    let mut record = Record::default();
    reader.next_into(&mut record).unwrap();
    reader.next_into(&mut record).unwrap();
    let mut fields: Vec<String> = (0..record.cells.len())
        .map(|i| record.get(&text, i).replace(',', ";"))
        .collect();
    fields[0] = "MLI-straddling".to_owned();
    fields[notes] = format!("\"{}\"", vec!["Words over lines."; 400].join("\n"));
    let middle = header_end + (text.len() - header_end) / 2;
    let at = text[..middle].rfind('\n').unwrap() + 1;
    let broken = format!("{}{}\n{}", &text[..at], fields.join(","), &text[at..]);
    let open = at + fields[..notes].iter().map(|f| f.len() + 1).sum::<usize>();
    let close = open + fields[notes].len();
    let middle = header_end + (broken.len() - header_end) / 2;
    let split = middle + broken[middle..].find('\n').unwrap();
    assert!(
        open < split && split < close,
        "the guessed split is inside the cell"
    );
    let (one, two) = both_ways(&broken);
    assert_eq!(one.iter().filter(|l| l.starts_with("problem")).count(), 2);
    assert!(one.iter().any(|l| l.starts_with("event MLI-straddling")));
    same(&one, &two);
}
