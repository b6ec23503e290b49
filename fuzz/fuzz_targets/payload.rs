//! Button and form `custom_id`s: people can forge them, so any text must parse to an id or
//! to nothing; an id that parses encodes back to one that parses the same and fits Discord.

#![no_main]

use baton::discord::buttons::ComponentId;
use libfuzzer_sys::fuzz_target;

/// Discord refuses a longer `custom_id`.
const CUSTOM_ID_MAX: usize = 100;

fuzz_target!(|data: &[u8]| {
    let id = String::from_utf8_lossy(data);
    if let Some(parsed) = ComponentId::parse(&id) {
        let encoded = parsed.encode();
        assert_eq!(ComponentId::parse(&encoded), Some(parsed), "{id:?} → {encoded:?}");
        assert!(encoded.chars().count() <= CUSTOM_ID_MAX, "{encoded:?}");
    }
});
