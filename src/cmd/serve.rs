//! `tanni serve`: build the site, then serve it on loopback for a preview.

use std::process::ExitCode;

use tanni::pipeline::{build, BuildOptions};

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
    tanni::serve::run(listener, output_dir);
    ExitCode::SUCCESS
}
