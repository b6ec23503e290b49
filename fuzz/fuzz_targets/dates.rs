//! Date phrases and spans: any phrase, any now, any zone, either lean. What is accepted
//! lies within ten years of now and can be shown in both languages.

#![no_main]

use baton::domain::dates::{self, Lean};
use baton::domain::Lang;
use baton::i18n::time;
use chrono::{Datelike, Duration};
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(cx) = baton_fuzz::context(&mut u) else {
        return;
    };
    let phrase = baton_fuzz::rest(u);

    if let Ok(at) = dates::parse(&phrase, &cx) {
        assert!(
            dates::window(cx.now).contains(&at),
            "{phrase:?} at {}: {at}",
            cx.now
        );
        assert!((1..=9999).contains(&at.year()), "{phrase:?}: {at}");
        if cx.lean == Lean::Future && phrase.trim().eq_ignore_ascii_case("now") {
            assert_eq!(at, cx.now);
        }
        for lang in Lang::ALL {
            assert!(!time::absolute(at, cx.zone, lang).is_empty());
            assert!(!time::relative(at, cx.now, lang).is_empty());
        }
    }
    if let Ok(span) = dates::parse_span(&phrase) {
        assert!(
            span > Duration::zero() && span <= dates::max_span(),
            "{phrase:?}: {span}"
        );
        assert!(i32::try_from(span.num_minutes()).is_ok());
    }
    let _ = dates::weekday(&phrase);
});
