//! Every option reader of the command core with arbitrary text, in an arbitrary frame.
//! What is accepted keeps the reader's promise; what is refused is a message a person can
//! read in both languages.

#![no_main]

use baton::core::input::{
    read_date, read_due, read_optional_text, read_reference, read_span, read_text, PHRASE_MAX,
};
use baton::core::UserError;
use baton::domain::dates;
use baton::domain::relation::RelationName;
use baton::domain::schedule::{NudgeState, ReminderRules, Repeat, WorkingHours};
use chrono::{Datelike, Duration};
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

/// What `read_text` promises about the text it returns.
fn assert_clean(text: &str, max: usize, multiline: bool) {
    assert!(!text.is_empty() && text.trim() == text, "{text:?}");
    assert!(text.chars().count() <= max, "{text:?} over {max}");
    assert!(
        text.chars().all(|c| !c.is_control() || (multiline && c == '\n')),
        "{text:?}"
    );
}

/// The heads-up of an accepted span can be planned for any due date people may give: this
/// is where `remind_before:"99999999 dagen"` used to overflow.
fn assert_heads_up_plans(span: Duration, frame: &baton::core::Frame) {
    // Clocks at the very ends of chrono's range are no moment a command runs in.
    if !(1..=9999).contains(&frame.now.year()) {
        return;
    }
    let rules = ReminderRules {
        zone: frame.zone,
        hours: WorkingHours::default(),
        repeat: Repeat::default(),
        escalate_after: 2,
    };
    let window = dates::window(frame.now);
    for due in [*window.start(), frame.now, *window.end()] {
        let next = rules.next_at(&NudgeState::fresh(due, Some(span)), frame.now);
        assert!(next <= due || next <= rules.next_at(&NudgeState::fresh(due, None), frame.now));
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let (Ok(frame), Ok(lean), Ok(default_time), Ok(max), Ok(multiline)) = (
        baton_fuzz::frame(&mut u),
        baton_fuzz::lean(&mut u),
        baton_fuzz::time_of_day(&mut u),
        u.int_in_range(0..=4000_usize),
        u.arbitrary::<bool>(),
    ) else {
        return;
    };
    let input = baton_fuzz::rest(u);
    let mut refusals: Vec<UserError> = Vec::new();

    match read_text("summary", &input, max, multiline) {
        Ok(text) => assert_clean(&text, max, multiline),
        Err(err) => refusals.push(err),
    }
    let optional = Some(input.clone());
    match read_optional_text("note", &optional, max) {
        Ok(None) => assert!(input.trim().is_empty(), "{input:?}"),
        Ok(Some(text)) => assert_clean(&text, max, false),
        Err(err) => refusals.push(err),
    }
    assert_eq!(read_optional_text("note", &None, max), Ok(None));

    match read_date("when", &input, &frame, lean, default_time) {
        Ok(at) => {
            assert!(input.chars().count() <= PHRASE_MAX);
            assert!(dates::window(frame.now).contains(&at), "{input:?}: {at}");
        }
        Err(err) => refusals.push(err),
    }
    match read_due("due", &input, &frame) {
        Ok(at) => {
            assert!(at > frame.now, "{input:?}: {at} is not ahead of {}", frame.now);
            assert!(dates::window(frame.now).contains(&at), "{input:?}: {at}");
        }
        Err(err) => refusals.push(err),
    }
    match read_span("remind_before", &input) {
        Ok(span) => {
            assert!(
                span > Duration::zero() && span <= dates::max_span(),
                "{input:?}: {span}"
            );
            assert!(i32::try_from(span.num_minutes()).is_ok());
            assert_heads_up_plans(span, &frame);
        }
        Err(err) => refusals.push(err),
    }
    match read_reference("promise", &input) {
        Ok(reference) => {
            assert!(reference.0 > 0);
            assert_eq!(read_reference("promise", &reference.to_string()), Ok(reference));
        }
        Err(err) => refusals.push(err),
    }
    if let Ok(name) = RelationName::parse(&input) {
        assert_clean(name.as_str(), usize::MAX, false);
    }

    for err in refusals {
        baton_fuzz::assert_tells_the_user(err, &frame);
    }
});
