//! Running a model test: `cases` generated cases (or `PROPTEST_CASES`), no failure files,
//! and a failing case reported with its shrunk input.

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Runs `case` on values of `strategy` until one fails, then panics with it.
pub fn run<S: Strategy>(cases: u32, strategy: &S, case: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    if let Err(failure) = TestRunner::new(config).run(strategy, case) {
        panic!("{failure}");
    }
}
