//! `tanni search`: the site's search, natively. Builds the index of one
//! language from the sources in memory and ranks it with the same engine the
//! browser runs.

use std::process::ExitCode;

use serde::Serialize;
use tanni::load::load_site;
use tanni::model::Lang;
use tanni::search::{build_index, meeting_readings, searcher};

use super::RootArg;

#[derive(clap::Args)]
pub struct Args {
    /// What to look for: a name, part of one, an abbreviation, a former name
    query: String,
    /// The language of the index to search
    #[arg(long, value_enum, default_value = "ja")]
    lang: LangArg,
    /// Print the results as JSON: [{"id", "title", "url", "score"}], each
    /// with "approximate": true when found only with a slip corrected
    #[arg(long)]
    json: bool,
    /// How many results to show at most
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[command(flatten)]
    root: RootArg,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LangArg {
    Ja,
    En,
}

#[derive(Serialize)]
struct Result<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    score: f64,
    /// Found only with the query's slips corrected ("Did you mean").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    approximate: bool,
}

pub fn run(args: Args) -> ExitCode {
    let site = match load_site(&args.root.root) {
        Ok(site) => site,
        Err(problems) => {
            eprintln!("{problems}");
            return ExitCode::FAILURE;
        }
    };
    let lang = match args.lang {
        LangArg::Ja => Lang::Ja,
        LangArg::En => Lang::En,
    };
    let index = build_index(&site, lang, &meeting_readings(&site));
    let found = searcher(&index).find(&args.query, args.limit);
    let results: Vec<Result> = found
        .hits
        .iter()
        .map(|hit| {
            let display = &index.docs[&hit.reference];
            Result {
                id: display.id.as_deref().unwrap_or(&hit.reference),
                title: &display.title,
                url: format!(
                    "{}{}/{}",
                    site.config.base_path(),
                    lang.code(),
                    hit.reference
                ),
                score: hit.score,
                approximate: hit.approximate,
            }
        })
        .collect();
    let mut text = String::new();
    if args.json {
        text = serde_json::to_string_pretty(&results).expect("results serialize");
        text.push('\n');
    } else if results.is_empty() {
        text = format!("no results for {}\n", quoted(&args.query));
    } else {
        if let Some(reading) = &found.did_you_mean {
            text = format!(
                "no results for {}; did you mean {}?\n",
                quoted(&args.query),
                quoted(reading)
            );
        }
        for (rank, result) in results.iter().enumerate() {
            text.push_str(&format!(
                "{:>3}. {}  {}  ({:.3})\n",
                rank + 1,
                result.title,
                result.url,
                result.score
            ));
        }
    }
    super::print_out(&text)
}

/// A text in quotes as typed, only its control characters escaped (so that
/// it cannot move the terminal's cursor).
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}
