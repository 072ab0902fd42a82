//! `kubetriage`: why did this Kubernetes Job fail? The terminal front end.
//!
//! `kubectl describe job x | kubetriage`, or `kubetriage [--json] FILE...`. Exits 0 when it
//! analysed something, 2 with a one-line message for unusable arguments, unreadable files or
//! an empty input (most often a command before the pipe that failed and printed nothing). With
//! `--json`, that message is also printed as `{"error": "..."}`, so a script reading the JSON
//! reads why there is no report.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use kubetriage::cli;

fn main() -> ExitCode {
    let options = match cli::parse_args(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            print!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(message) => return fail(&message, false),
    };
    let mut parts = Vec::new();
    if options.files.is_empty() {
        parts.push(("standard input".to_owned(), read_stdin()));
    }
    for file in &options.files {
        let part = if file == "-" { Ok(read_stdin()) } else { std::fs::read(file) };
        match part {
            Ok(bytes) => parts.push((file.clone(), bytes)),
            Err(error) => {
                let message = format!("cannot read `{file}`: {}", lower(&error.to_string()));
                return fail(&message, options.json);
            }
        }
    }
    let (text, files) = cli::join(&parts);
    if text.trim().is_empty() {
        let message = "the input is empty: nothing to read (did the command before the pipe fail?)";
        return fail(message, options.json);
    }
    let mut report = kubetriage::analyze(&text);
    cli::locate(&mut report, &files);
    let text =
        if options.json { report.to_json() + "\n" } else { cli::render_files(&report, &files) };
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = io::stdout().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

fn read_stdin() -> Vec<u8> {
    let mut bytes = Vec::new();
    let _ = io::stdin().read_to_end(&mut bytes);
    bytes
}

fn lower(message: &str) -> String {
    let mut chars = message.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

fn fail(message: &str, json: bool) -> ExitCode {
    eprintln!("kubetriage: {message}");
    if json {
        println!("{}", serde_json::json!({ "error": message }));
    }
    ExitCode::from(2)
}
