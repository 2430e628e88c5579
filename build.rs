//! Builds the pure core (`core/`) for `wasm32-unknown-unknown`, so that the
//! `tanni` binary carries the WebAssembly modules the site's search and
//! calculator run, built from the same source as the CLI: `tanni.wasm`,
//! the whole core, for the calculator's page, and `tanni-search.wasm`,
//! without the calculator (`--no-default-features`), for every other page.
//!
//! - The target is added with rustup when it is missing; where that cannot be
//!   done, the build stops with one message saying what to run.
//! - The nested cargo shares the outer build's jobserver, so the two together
//!   use no more cores than asked for.
//! - The core is built as a `cdylib` only here (`cargo rustc --crate-type
//!   cdylib`): host builds link it as a plain library.
//! - Under clippy and rust-analyzer, which only check code, and with
//!   `TANNI_WASM=skip`, no module is built: an empty one stands in, and a
//!   `tanni build` made that way refuses to write a site without it.
//! - It also tells the tests whether a browser is here (`cfg(tanni_browser)`).

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const TARGET: &str = "wasm32-unknown-unknown";

fn main() -> ExitCode {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets it"));
    let modules = [
        (out_dir.join("tanni.wasm"), Module::Whole),
        (out_dir.join("tanni-search.wasm"), Module::Search),
    ];
    for watched in ["core/src", "core/Cargo.toml", "Cargo.toml", "Cargo.lock"] {
        println!(
            "cargo:rerun-if-changed={}",
            manifest_dir.join(watched).display()
        );
    }
    for variable in ["TANNI_WASM", "RUSTC_WORKSPACE_WRAPPER", "RA_RUSTC_WRAPPER"] {
        println!("cargo:rerun-if-env-changed={variable}");
    }
    probe_browser();
    let result = if let Some(reason) = skip_reason() {
        println!("cargo:warning=the WebAssembly module is not built ({reason})");
        modules.iter().try_for_each(|(out, _)| {
            std::fs::write(out, [])
                .map_err(|error| format!("cannot write {}: {error}", out.display()))
        })
    } else {
        ensure_target().and_then(|()| {
            modules
                .iter()
                .try_for_each(|(out, module)| build_module(&manifest_dir, out, *module))
        })
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // One message, where cargo shows a build script's errors.
            println!("cargo::error={message}");
            ExitCode::FAILURE
        }
    }
}

/// The browser tests run where Debian's Chromium and chromedriver are, or
/// where `TANNI_BROWSER_TESTS=required` says they must (and fail without
/// them); elsewhere they are compiled as ignored, so that the summary of
/// `cargo test` counts them as not run instead of passing them.
fn probe_browser() {
    const TOOLS: [&str; 2] = ["/usr/bin/chromium", "/usr/bin/chromedriver"];
    println!("cargo::rustc-check-cfg=cfg(tanni_browser)");
    println!("cargo:rerun-if-env-changed=TANNI_BROWSER_TESTS");
    let present = TOOLS.iter().all(|tool| Path::new(tool).exists());
    for tool in TOOLS {
        // A missing file would make cargo run this script on every build:
        // watch its folder instead.
        let watched = if Path::new(tool).exists() {
            tool
        } else {
            "/usr/bin"
        };
        println!("cargo:rerun-if-changed={watched}");
    }
    if present || env::var("TANNI_BROWSER_TESTS").as_deref() == Ok("required") {
        println!("cargo:rustc-cfg=tanni_browser");
    }
}

/// Why no module is built for this run, if none is.
fn skip_reason() -> Option<&'static str> {
    if env::var("TANNI_WASM").as_deref() == Ok("skip") {
        return Some("TANNI_WASM=skip");
    }
    let wrapper = env::var("RUSTC_WORKSPACE_WRAPPER").unwrap_or_default();
    if Path::new(&wrapper)
        .file_stem()
        .is_some_and(|name| name.to_string_lossy().starts_with("clippy-driver"))
    {
        return Some("clippy only checks the code");
    }
    env::var_os("RA_RUSTC_WRAPPER")
        .is_some()
        .then_some("rust-analyzer only checks the code")
}

/// Which module: the whole core, or the search alone.
#[derive(Clone, Copy, PartialEq)]
enum Module {
    Whole,
    Search,
}

fn build_module(manifest_dir: &Path, out: &Path, module: Module) -> Result<(), String> {
    let target_dir = env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir.join("target"))
        .join("wasm");
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(manifest_dir)
        .args([
            "rustc",
            "--package",
            "tanni-core",
            "--lib",
            "--crate-type",
            "cdylib",
            "--target",
            TARGET,
            "--profile",
            "wasm",
            "--target-dir",
        ])
        .arg(&target_dir);
    if module == Module::Search {
        command.arg("--no-default-features");
    }
    if env::var_os("CARGO_NET_OFFLINE").is_some() {
        command.arg("--offline");
    }
    // The outer build's compiler settings are not for this one; its
    // jobserver (CARGO_MAKEFLAGS) is.
    for variable in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTC_WRAPPER",
        "RUSTC_WORKSPACE_WRAPPER",
        "CARGO_BUILD_TARGET",
        "CARGO_TARGET_DIR",
    ] {
        command.env_remove(variable);
    }
    let features = if module == Module::Search {
        " --no-default-features"
    } else {
        ""
    };
    let command_line = format!(
        "cargo rustc -p tanni-core --lib --crate-type cdylib --target {TARGET} --profile wasm{features}"
    );
    let status = command
        .status()
        .map_err(|error| format!("cannot run cargo to build the WebAssembly module: {error}"))?;
    if !status.success() {
        return Err(format!(
            "building the WebAssembly module failed; its errors are above (run `{command_line}` to see them alone)"
        ));
    }
    let wasm = target_dir.join(TARGET).join("wasm").join("tanni_core.wasm");
    std::fs::copy(&wasm, out)
        .map(|_| ())
        .map_err(|error| format!("cannot copy {}: {error}", wasm.display()))
}

/// Makes sure the standard library for the target is installed.
fn ensure_target() -> Result<(), String> {
    if target_installed() {
        return Ok(());
    }
    let added = Command::new("rustup")
        .args(["target", "add", TARGET])
        .status();
    match added {
        Ok(status) if status.success() && target_installed() => Ok(()),
        Ok(_) => Err(format!(
            "the {TARGET} target is missing and `rustup target add {TARGET}` failed: run it by hand, then build again"
        )),
        Err(_) => Err(format!(
            "the {TARGET} target is missing and rustup is not available: install the target for your toolchain (with rustup: `rustup target add {TARGET}`), then build again"
        )),
    }
}

fn target_installed() -> bool {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let sysroot = Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
        .ok()
        .filter(|output| output.status.success());
    sysroot.is_some_and(|output| {
        Path::new(String::from_utf8_lossy(&output.stdout).trim())
            .join("lib/rustlib")
            .join(TARGET)
            .join("lib")
            .is_dir()
    })
}
