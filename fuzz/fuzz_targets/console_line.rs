//! Console lines: any text is a command, a known mistake or nothing, never a crash; a
//! command only carries options its command has.

#![no_main]

use baton::console::parse::{parse, Line};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let line = String::from_utf8_lossy(data);
    if let Ok(Line::Command { spec, options }) = parse(&line) {
        for (name, _) in &options {
            assert!(
                spec.options.iter().any(|known| known.name == *name),
                "{line:?}: /{} has no option {name}",
                spec.key()
            );
        }
    }
});
