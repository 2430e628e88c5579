//! `tanni new meeting`: a new meeting in one command, appended to the file
//! of its category with a fresh id, its values to fill in marked "TODO" so
//! that `tanni check` says what is still missing.

use std::process::ExitCode;

use clap::Subcommand;
use tanni::catalog::new_meeting::{add_meeting, Request};
use tanni::catalog::TO_FILL;

use super::RootArg;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Subcommand)]
enum What {
    /// Append a new meeting, ready to fill in, to the file of its category.
    ///
    /// The entry has a fresh id and "TODO" where a value is to be filled in;
    /// `tanni check` and `tanni build` refuse it until it is.
    #[command(after_help = "\
The entry goes at the end of catalog/meetings/NN.toml (NN-REGION.toml in a \
category grouped by region), made if the category has none; the file's bytes \
are kept as they are. Fill in the name in both languages, the credits and the \
source line where \"TODO\" stands, set `required`, add former_names, aliases, \
same_as or flags where they apply (catalog/README.md), then run `tanni check`.

Example: tanni new meeting --category 9 --region kanto")]
    Meeting(MeetingArgs),
}

#[derive(clap::Args)]
struct MeetingArgs {
    /// The category (分類) of catalog/categories.toml: 1 to 10
    #[arg(long, value_name = "N")]
    category: i64,
    /// The subcategory, in a category that has them (3-1, 3-2, 4-1, 4-2,
    /// 4-3, 7-1, 7-2)
    #[arg(long, value_name = "ID")]
    subcategory: Option<String>,
    /// The region, in category 9 (north, kanto, chubu, kansai,
    /// chugoku-shikoku, kyushu)
    #[arg(long, value_name = "ID")]
    region: Option<String>,
    #[command(flatten)]
    root: RootArg,
}

pub fn run(args: Args) -> ExitCode {
    let What::Meeting(args) = args.what;
    let request = Request {
        category: args.category,
        subcategory: args.subcategory,
        region: args.region,
    };
    match add_meeting(&args.root.root, &request) {
        Ok(added) => {
            let mut report = String::new();
            if added.created {
                report.push_str(&format!("created {}\n", added.path.display()));
            }
            report.push_str(&format!(
                "added meeting `{}` at {}:{}\n\
                 fill in the name (ja, en), the credits and the source line where \"{TO_FILL}\" stands, \
                 then run `tanni check`\n\
                 the id may still be renamed: a slug of the English name, which never changes once published\n",
                added.id,
                added.path.display(),
                added.line,
            ));
            super::print_out(&report)
        }
        Err(problems) => {
            for problem in &problems.0 {
                eprint!("{problem}");
            }
            eprintln!("nothing was written");
            ExitCode::FAILURE
        }
    }
}
