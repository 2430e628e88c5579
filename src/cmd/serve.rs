//! `tanni serve`: build the site, then serve it on loopback for a preview,
//! and build it again on each change to its inputs: the open pages reload,
//! or show why the build failed while the last good site stays served.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use tanni::pipeline::{build, BuildError, BuildOptions};
use tanni::serve::{Live, Watch};

use super::build::Args as BuildArgs;

#[derive(clap::Args)]
#[group(id = "serve")]
pub struct Args {
    #[command(flatten)]
    build: BuildArgs,
    /// The port on 127.0.0.1 to serve on
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

pub fn run(args: Args) -> ExitCode {
    let root = args.build.root.root.clone();
    let options: BuildOptions = args.build.options();
    let output_dir = options
        .output_dir
        .clone()
        .unwrap_or_else(|| root.join("public"));
    // Watched from before the first build, so that no edit goes unseen.
    let watch = match Watch::new(&root, &output_dir) {
        Ok(watch) => Some(watch),
        Err(error) => {
            eprintln!(
                "warning: cannot watch the inputs ({error}): the site is not rebuilt on changes"
            );
            None
        }
    };
    if !super::build::report(build(&root, &options)) {
        return ExitCode::FAILURE;
    }
    let listener = match tanni::serve::bind(args.port) {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("error: cannot listen on 127.0.0.1:{}: {error}", args.port);
            return ExitCode::FAILURE;
        }
    };
    // With --port 0 the system picks the port: say the one it picked.
    let port = listener
        .local_addr()
        .map_or(args.port, |address| address.port());
    eprintln!(
        "serving {} at http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        output_dir.display(),
    );
    let live = Arc::new(Live::new());
    if let Some(mut watch) = watch {
        let live = Arc::clone(&live);
        std::thread::spawn(move || rebuild_on_changes(&mut watch, &root, &options, &live));
    }
    tanni::serve::run_live(listener, output_dir, live);
    ExitCode::SUCCESS
}

/// Builds the site again after each change to its inputs, one build at a
/// time (changes made during a build make one more), and tells the pages.
fn rebuild_on_changes(watch: &mut Watch, root: &Path, options: &BuildOptions, live: &Live) {
    loop {
        let changed = watch.changes();
        let started = Instant::now();
        match build(root, options) {
            Ok(report) => {
                live.built();
                let [load, render, flush] = report.stages.map(|stage| stage.as_millis());
                eprintln!(
                    "rebuilt in {} ms after {}: {} of {} files written (load {load} ms, render and write {render} ms, flush {flush} ms)",
                    started.elapsed().as_millis(),
                    describe(&changed),
                    report.changed,
                    report.files,
                );
            }
            Err(error) => {
                let problem = problem(&error);
                eprintln!(
                    "{problem}\nthe build after {} failed: still serving the last good site",
                    describe(&changed)
                );
                live.failed(problem);
            }
        }
    }
}

/// The inputs changed, for the terminal.
fn describe(changed: &[PathBuf]) -> String {
    match changed {
        [] => "a change".to_string(),
        [one] => format!("a change to {}", one.display()),
        [first, rest @ ..] => format!("changes to {} and {} more", first.display(), rest.len()),
    }
}

/// Why a build failed, as `tanni build` prints it: the located problems
/// (file, line, column, the line and a caret), or the error.
fn problem(error: &BuildError) -> String {
    match error {
        BuildError::Invalid(problems) => problems.to_string(),
        BuildError::Refused(refusal) => format!("error: {refusal}"),
        BuildError::Failed(error) => format!("error: {error:#}"),
    }
}
