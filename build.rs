//! Builds the pure core (`credits/`) for `wasm32-unknown-unknown`, so that the
//! `tanni` binary carries the WebAssembly module the site's search and
//! calculator run, built from the same source as the CLI. The target is added
//! with rustup when it is missing; without rustup the build stops with the
//! command to run.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET: &str = "wasm32-unknown-unknown";

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    for watched in [
        "credits/src",
        "credits/Cargo.toml",
        "Cargo.toml",
        "Cargo.lock",
    ] {
        println!(
            "cargo:rerun-if-changed={}",
            manifest_dir.join(watched).display()
        );
    }
    ensure_target();

    let target_dir = env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir.join("target"))
        .join("wasm");
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(&manifest_dir)
        .args([
            "build",
            "--package",
            "tanni-credits",
            "--lib",
            "--target",
            TARGET,
            "--profile",
            "wasm",
            "--target-dir",
        ])
        .arg(&target_dir);
    if env::var_os("CARGO_NET_OFFLINE").is_some() {
        command.arg("--offline");
    }
    // The outer build's settings are not for this one.
    for variable in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTC_WRAPPER",
        "RUSTC_WORKSPACE_WRAPPER",
        "CARGO_BUILD_TARGET",
        "CARGO_TARGET_DIR",
        "CARGO_MAKEFLAGS",
        "MAKEFLAGS",
        "MFLAGS",
    ] {
        command.env_remove(variable);
    }
    let status = command
        .status()
        .expect("cannot run cargo to build the WebAssembly module");
    if !status.success() {
        panic!("building the WebAssembly module failed (cargo build -p tanni-credits --target {TARGET} --profile wasm)");
    }
    let wasm = target_dir
        .join(TARGET)
        .join("wasm")
        .join("tanni_credits.wasm");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("tanni.wasm");
    std::fs::copy(&wasm, &out)
        .unwrap_or_else(|error| panic!("cannot copy {}: {error}", wasm.display()));
}

/// Makes sure the standard library for the target is installed.
fn ensure_target() {
    if target_installed() {
        return;
    }
    let added = Command::new("rustup")
        .args(["target", "add", TARGET])
        .status();
    match added {
        Ok(status) if status.success() && target_installed() => {}
        Ok(_) => panic!("\n\nthe {TARGET} target is missing and `rustup target add {TARGET}` failed; run it by hand and build again\n"),
        Err(_) => panic!("\n\nthe {TARGET} target is missing and rustup is not available; install the target for your toolchain (with rustup: `rustup target add {TARGET}`) and build again\n"),
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
