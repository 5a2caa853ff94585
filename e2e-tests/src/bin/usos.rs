//! `usos`: the project's command line.
//!
//!   usos match [--member N] [--top K] [--delegate]     rank the representatives of "finance"
//!                                                     for member N (default 4) of a sandbox
//!                                                     cooperative with 20 members and 3
//!                                                     representatives, all answers on-chain;
//!                                                     --delegate submits the top pick
//!   usos match --json FILE --member NAME [--top K]    the same ranking from a JSON export
//!   usos export                                       that sandbox state as JSON

use profiles::Answer;
use serde_json::{json, Value};
use usos_e2e_tests::{
    matching,
    representatives::{name_of, Matching},
};

fn arg(args: &[String], flag: &str) -> Option<String> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1).cloned())
}

fn to_json(answers: &[Answer]) -> Value {
    Value::Array(
        answers
            .iter()
            .map(|a| json!([a.value, a.accepted, a.importance]))
            .collect(),
    )
}

fn from_json(v: &Value) -> Vec<Answer> {
    v.as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|r| {
                    let n = |i: usize| r.get(i).and_then(Value::as_u64);
                    Some(Answer {
                        value: u8::try_from(n(0)?).ok()?,
                        accepted: u16::try_from(n(1)?).ok()?,
                        importance: u8::try_from(n(2)?).ok()?,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

fn print_table(rows: &[(String, f64, Option<u128>)]) {
    println!("| rank | representative | match | members it holds now |");
    println!("|-----:|----------------|------:|---------------------:|");
    for (i, (name, percent, members)) in rows.iter().enumerate() {
        let members = members.map_or("-".to_string(), |m| m.to_string());
        println!("| {} | {name} | {percent:.1}% | {members} |", i + 1);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let top: usize = arg(&args, "--top")
        .and_then(|k| k.parse().ok())
        .unwrap_or(3);
    match args.first().map(String::as_str) {
        Some("export") => {
            let mut m = Matching::build(20);
            let everyone: Vec<_> = m.members.iter().chain(m.reps.iter()).cloned().collect();
            let members: serde_json::Map<String, Value> = everyone
                .iter()
                .map(|a| (name_of(a), to_json(&m.answers_of(a))))
                .collect();
            let reps: Vec<Value> = m.reps.iter().map(|r| json!(name_of(r))).collect();
            let export =
                json!({ "category": "finance", "answers": members, "representatives": reps });
            println!(
                "{}",
                serde_json::to_string_pretty(&export).unwrap_or_default()
            );
        }
        Some("match") if arg(&args, "--json").is_some() => {
            let file = arg(&args, "--json").unwrap_or_default();
            let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
            let export: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
            let member = arg(&args, "--member").unwrap_or_else(|| "m004".into());
            let answers = &export["answers"];
            let mine = from_json(&answers[&member]);
            let reps: Vec<(String, Vec<Answer>)> = export["representatives"]
                .as_array()
                .map(|r| {
                    r.iter()
                        .filter_map(Value::as_str)
                        .map(|n| (n.to_string(), from_json(&answers[n])))
                        .collect()
                })
                .unwrap_or_default();
            println!(
                "representatives for {member} in {} (from {file}):",
                export["category"]
            );
            let rows: Vec<_> = matching::rank(&mine, &reps)
                .into_iter()
                .take(top)
                .map(|(name, p)| (name.clone(), p, None))
                .collect();
            print_table(&rows);
        }
        Some("match") => {
            let index: usize = arg(&args, "--member")
                .and_then(|n| n.parse().ok())
                .unwrap_or(4);
            let mut m = Matching::build(20);
            let member = m
                .members
                .get(index)
                .cloned()
                .unwrap_or_else(|| panic!("no member {index}"));
            println!(
                "representatives for {} in \"finance\" (sandbox cooperative, answers on-chain):",
                name_of(&member)
            );
            let suggestions = m.suggest(&member);
            let rows: Vec<_> = suggestions
                .iter()
                .take(top)
                .map(|s| (name_of(&s.representative), s.percent, Some(s.members)))
                .collect();
            print_table(&rows);
            if args.iter().any(|a| a == "--delegate") {
                let best = suggestions
                    .first()
                    .map(|s| s.representative.clone())
                    .expect("a representative");
                m.delegate(&member, &best).expect("delegation");
                let after = m.suggest(&member);
                let held = after
                    .iter()
                    .find(|s| s.representative == best)
                    .map_or(0, |s| s.members);
                println!(
                    "\n{} now delegates \"finance\" to {} (who now holds {held} members)",
                    name_of(&member),
                    name_of(&best)
                );
            }
        }
        _ => {
            eprintln!("usage: usos match [--member N] [--top K] [--delegate] | usos match --json FILE --member NAME | usos export");
            std::process::exit(2);
        }
    }
}
