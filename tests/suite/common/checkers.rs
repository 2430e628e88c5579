//! The checkers of tests/validity.rs, from `node_modules` (the root
//! package.json pins them; `npm ci` installs them): the W3C Nu HTML Checker
//! (vnu.jar, run with Java) and axe-core (run inside Chromium). Like the
//! browser, a missing checker skips its test with a note, unless
//! TANNI_BROWSER_TESTS=required, where it is a failure naming what to install.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::browser::tool_present;
use super::repo_root;

const NPM_CI: &str = "run `npm ci` at the repository root";

/// The Nu HTML Checker's jar, when it and a Java runtime are here.
pub fn vnu_jar() -> Option<PathBuf> {
    let jar = repo_root().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !tool_present(jar.is_file(), &jar.display().to_string(), NPM_CI) {
        return None;
    }
    let java = Command::new("java")
        .arg("-version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    tool_present(
        java,
        "java (a Java runtime for vnu.jar)",
        "apt-get install default-jre-headless",
    )
    .then_some(jar)
}

/// axe-core's script, to inject into a page, when it is here.
pub fn axe_source() -> Option<String> {
    let script = repo_root().join("node_modules/axe-core/axe.min.js");
    if !tool_present(script.is_file(), &script.display().to_string(), NPM_CI) {
        return None;
    }
    Some(std::fs::read_to_string(&script).expect("axe.min.js is readable"))
}
